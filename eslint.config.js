// Lint rules beyond the type checker: recommended JS/TS rules, and no import cycles, so the
// pipeline stages (frontend → analyze → ir → emit → exec → cli) stay layered.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'grammar/masq-diagrams.html'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine-neutral stages never reach into an emitter: what a strategy's lowering may use
    // (quoting, casts, the keyed hash) comes from its engine's lowering context.
    files: ['src/strategies/**/*.ts', 'src/analyze/**/*.ts', 'src/ir/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/emit/**'],
              message:
                'strategies/, analyze/ and ir/ do not import emit/: take it from the lowering context',
            },
          ],
        },
      ],
    },
  },
);
