import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'custom-elements.json', 'bench/out/', 'size/out/', 'demo/frameworks/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // The shipped code must run under a strict CSP and Trusted Types, and must never log a token.
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render with lit templates; never parse HTML.' },
        { property: 'outerHTML', message: 'Render with lit templates; never parse HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render with lit templates; never parse HTML.' },
        { object: 'document', property: 'write', message: 'Render with lit templates.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Provider text is shown as text only.' }] },
      ],
    },
  },
);
