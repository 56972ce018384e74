import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries: app → features → components/lib → contract. A feature does not reach into
 * another feature; shared code lives in components/ or lib/. server/ and sandbox/ never import the
 * browser's src/; contract/ imports nothing of ours; production code never imports test helpers.
 */
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});
const pattern = (group, message) => ({ group, message });

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const noTestHelpers = pattern(['**/tests/**'], 'Test helpers belong to tests; production code does not import them.');
const noSrc = pattern(['**/src/**'], 'server/, sandbox/ and contract/ never import the browser console (src/).');

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage', 'bench/results.json', 'bench/.dist', '.data'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ['e2e/**/*.ts'], rules: { 'react-hooks/rules-of-hooks': 'off' } },

  restrict(
    ['contract/**/*.ts'],
    [noSrc, pattern(['**/server/**', '**/sandbox/**'], 'contract/ is read by everyone and imports none of them.')],
  ),
  restrict(['server/**/*.ts'], [noSrc, noTestHelpers], TESTS),
  restrict(
    ['sandbox/**/*.ts'],
    [noSrc, noTestHelpers, pattern(['**/server/**'], 'The sandbox emulates the Aurous API: it knows nothing of the console server.')],
    TESTS,
  ),
  restrict(
    ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    [
      noTestHelpers,
      pattern(['**/features/**', '**/app/**', '**/embed/**'], 'Shared code (components/, lib/) does not import features or the app shell.'),
    ],
    TESTS,
  ),
  ...FEATURES.map((feature) =>
    restrict(
      [`src/features/${feature}/**/*.{ts,tsx}`],
      [
        noTestHelpers,
        pattern(
          [...FEATURES.filter((other) => other !== feature).map((other) => `**/${other}/**`), '**/app/**', '**/embed/**'],
          `A feature does not reach into another feature or the shell: move what ${feature} shares to components/ or lib/.`,
        ),
      ],
      TESTS,
    ),
  ),
);
