/**
 * The longest delay setTimeout keeps: 2^31 - 1 ms, about 24.8 days. It runs a
 * longer one, an infinite one too, at once, so every timer of the package is capped here.
 */
export const MAX_DELAY = 2 ** 31 - 1;
