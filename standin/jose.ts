// The stand-in's one way to jose, an optional peer dependency. A static import of a missing
// package fails while ES modules are linked, before any code can explain it, so jose is
// imported here dynamically (top-level await) and its absence becomes a one-line error.
import type * as Jose from 'jose';

/** The `code` of the error thrown when jose is not installed. */
const NO_JOSE = 'ERR_ANIAPI_STANDIN_NO_JOSE';

/** The message of that error: what is missing, and the command that fixes it. */
const NO_JOSE_MESSAGE = 'aniapi-elements/standin needs the jose package: npm install --save-dev jose';

/** Whether `error` says that the package `jose` itself cannot be found (not a file inside it). */
function isJoseMissing(error: unknown): boolean {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') return false;
  // Node: "Cannot find package 'jose' imported from …"; Bun: "Cannot find package 'jose' from …".
  return /\bpackage ['"]jose['"]/.test(error.message);
}

async function load(): Promise<typeof Jose> {
  try {
    return await import('jose');
  } catch (error) {
    if (!isJoseMissing(error)) throw error;
    throw Object.assign(new Error(NO_JOSE_MESSAGE, { cause: error }), { code: NO_JOSE });
  }
}

export const { jwtVerify, SignJWT } = await load();
