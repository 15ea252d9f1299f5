// Negative type test, part of `npm run check` (never imported by the app): the
// element under @ts-expect-error must fail to type-check, or tsc reports
// "Unused '@ts-expect-error' directive". The line above it must pass, so that
// the test cannot be satisfied by the tag being unknown to JSX altogether.

export const typeErrors = (
  <>
    <aniapi-callback store="local" />
    {/* @ts-expect-error wrong store */}
    <aniapi-callback store="cookie" />
  </>
);
