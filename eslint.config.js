// ESLint: the recommended rules, plus the type-aware ones that catch real bugs (promises left
// floating or passed where a callback's result is ignored, awaiting what is not a promise),
// type-only imports, and the rules of React hooks. Formatting is Prettier's job (`.prettierrc`);
// cycles and module faces are dependency-cruiser's (`.dependency-cruiser.cjs`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'var/**', 'test-results/**', '.vite/**', 'server/migrations/**', 'web/src/api/openapi.gen.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A Fastify reply is thenable but needs no awaiting; react-router's navigate() returns a promise only for data routers.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafePromises: [{ from: 'package', name: 'FastifyReply', package: 'fastify' }],
          allowForKnownSafeCalls: [{ from: 'package', name: 'NavigateFunction', package: 'react-router' }],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    rules: {
      // Full-width spaces (U+3000) belong in Chinese text; anywhere else they are still refused.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'antd', importNames: ['Button'], message: 'Use web/src/ui/button.tsx: its busy spinner cannot stick.' },
            { name: 'antd-mobile', importNames: ['Button'], message: 'Use web/src/ui/mobile/button.tsx: it keeps a name while busy.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**', 'test/**', 'e2e/**', 'bench/**', 'scripts/**', 'bin/**', '*.{js,ts,mjs,cjs}', 'web/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
