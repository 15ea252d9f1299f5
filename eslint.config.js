import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NO_HTML = 'Build the DOM with DOM calls (createElement, append) and set text with textContent; never parse HTML.';

// The shipped code depends on @lit/reactive-element only; lit is a dev dependency, and its
// unsafeHTML directive would parse HTML.
const NO_UNSAFE_HTML = { name: 'lit/directives/unsafe-html.js', message: 'Provider text is shown as text only.' };

// src/ is laid out by role. The protocol (oauth/, token/, http/, internal/) is at the
// bottom, with response/ just above it: neither may import the elements, popup sign-in or
// lit, so that the session, api and expiry entry points, which register nothing, never pull
// in an element or a DOM-element class. Within the protocol, oauth/ (the login's rules) is
// the ground: it keeps no token, so it imports neither token/ nor http/. (ESLint replaces a
// rule's options per file rather than merging them, so each block that sets
// no-restricted-imports repeats NO_UNSAFE_HTML.)
const PROTOCOL = 'src/oauth, token, http and internal are the protocol layer, below the elements';
const ENTRY_POINT = {
  regex: String.raw`^\.\./[^/]+\.js$`,
  message:
    'The entry points at the top of src/ are what users import, and some register elements; import the module you need from its folder instead.',
};
const LIT = {
  regex: String.raw`^(lit|lit-html|lit-element)(/|$)|^@lit(-labs)?/`,
  message: 'lit and @lit/* (ReactiveElement, its controllers and DOM-element classes) belong to the elements.',
};

// What no module of the protocol imports.
const PROTOCOL_PATTERNS = [
  {
    regex: '(^|/)elements/',
    message: `${PROTOCOL}: they must not import the custom elements (src/elements/), which build on them, so that the session, api and expiry entry points define no element.`,
  },
  {
    regex: '(^|/)popup-sign-in/',
    message: `${PROTOCOL}: they must not import popup sign-in (src/popup-sign-in/), an opt-in add-on that builds on them.`,
  },
  {
    regex: '(^|/)response/',
    message: `${PROTOCOL}: they must not import the callback page's handling of the response (src/response/), which completes a login through them.`,
  },
  {
    regex: '(^|/)i18n/',
    message: `${PROTOCOL}: they report an error as a code (AniapiError) and must not import i18n/; the elements word it for the user.`,
  },
  { ...LIT, message: `${PROTOCOL}: they are plain TypeScript with no DOM-element class. ${LIT.message}` },
  ENTRY_POINT,
];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'custom-elements.json',
      'bench/out/',
      'size/out/',
      'demo/frameworks/',
      'test/fresh-vite/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // The shipped code must run under a strict CSP and Trusted Types, and must never log a token: it writes to the
    // console only to warn of a danger or name a mistake, never to trace what it does.
    files: ['src/**/*.ts'],
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // A name is read after the line that declares it, closures included: the code reads top to bottom.
      '@typescript-eslint/no-use-before-define': [
        'error',
        { functions: false, typedefs: false, ignoreTypeReferences: true },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: NO_HTML },
        { property: 'outerHTML', message: NO_HTML },
        { property: 'insertAdjacentHTML', message: NO_HTML },
        { object: 'document', property: 'write', message: NO_HTML },
      ],
      'no-restricted-imports': ['error', { paths: [NO_UNSAFE_HTML] }],
      // Issue 25: a module a reader can hold in mind, and layers that import one way only.
      // no-cycle follows `./x.js` to x.ts through the TypeScript resolver; it ignores
      // `import type`, which ties no module's evaluation to another's.
      'max-lines': ['error', { max: 400 }],
      'import-x/no-cycle': 'error',
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
  },
  {
    // Issue 25: a test file over 700 lines is split by what it tests.
    files: ['test/**/*.{ts,tsx,js,mjs}'],
    rules: { 'max-lines': ['error', { max: 700 }] },
  },
  {
    // The protocol: the login's rules, token store, expiry watch, the HTTP client.
    files: ['src/oauth/**/*.ts', 'src/token/**/*.ts', 'src/http/**/*.ts', 'src/internal/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_UNSAFE_HTML], patterns: PROTOCOL_PATTERNS }] },
  },
  {
    // The login's rules, at the bottom of the protocol: the token store and the HTTP client build on them.
    files: ['src/oauth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_UNSAFE_HTML],
          patterns: [
            ...PROTOCOL_PATTERNS,
            {
              regex: '(^|/)(token|http)/',
              message:
                "src/oauth/ is the login's rules, which keep no token: the token store (src/token/) and the HTTP client (src/http/) build on them, and a login is completed, its token kept, in src/response/.",
            },
          ],
        },
      ],
    },
  },
  {
    // The callback page's handling of the response: the address-bar scrub, the response stash, the login's completion, the page outcome.
    files: ['src/response/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_UNSAFE_HTML],
          patterns: [
            {
              regex: '(^|/)(elements|popup-sign-in)/',
              message:
                'src/response/ (address-bar scrub, response stash, login completion, page outcome) sits below the elements and popup sign-in: it must not import src/elements/ or src/popup-sign-in/, which build on it.',
            },
            { ...LIT, message: `src/response/ defines no element. ${LIT.message}` },
            ENTRY_POINT,
          ],
        },
      ],
    },
  },
);
