// Lint: typescript-eslint + eslint-plugin-svelte, and the layers of the architecture
// enforced as import rules, so a wrong import fails `npm run lint`.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const noElectron = { group: ['electron'], message: 'Only src-main/electron/ may import electron.' };
const noNode = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'net'], message: 'This layer runs without Node.' };

export default ts.config(
  { ignores: ['.scratch/', '.bench/', 'build/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'svelte/no-at-html-tags': 'error',
    },
  },
  { files: ['**/*.svelte', '**/*.svelte.ts'], languageOptions: { parserOptions: { parser: ts.parser } } },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The pdf text measurer's character classes list whole script ranges, combining marks included on purpose.
  { files: ['src-main/core/pdf/text-measure.ts'], rules: { 'no-misleading-character-class': 'off' } },
  // Fuzzing feeds deliberately imprecise literals.
  { files: ['tests/helpers/fuzz-*.ts'], rules: { 'no-loss-of-precision': 'off' } },
  layer(['src-shared/**'], [
    noElectron,
    noNode,
    { group: ['**/src-main/**', '**/src-renderer/**', 'svelte'], message: 'src-shared is pure: no other layer, no UI runtime.' },
    { group: ['chart.js'], allowTypeImports: true, message: 'src-shared may use Chart.js types only, not its runtime.' },
  ]),
  layer(['src-renderer/**'], [noElectron, noNode, { group: ['**/src-main/**'], message: 'The renderer knows the API contract only.' }]),
  layer(['src-main/core/**'], [noElectron, { group: ['**/electron/**', '**/host/**', '**/cli/**', '**/src-renderer/**'], message: 'core is below the shells.' }]),
  layer(['src-main/host/**', 'src-main/cli/**'], [noElectron, { group: ['**/src-main/electron/**', '**/src-renderer/**'], message: 'host and cli run without Electron.' }]),
  layer(['src-main/electron/**'], [{ group: ['**/src-renderer/**', '**/host/**', '**/cli/**'], message: 'The shell talks to the renderer over the API only.' }]),
);
