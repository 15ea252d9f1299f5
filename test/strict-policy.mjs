/** The strictest policy a page can set: scripts of its own origin only, and Trusted Types for none. */
export const STRICT_POLICY =
  "default-src 'self'; script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
