// Lint policy: typescript-eslint recommended, no console outside the CLI, and the layer
// direction of DESIGN.md enforced with no-restricted-imports (imports only go down).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**'],
    rules: layer(
      [
        '**/protocol/**',
        '**/idp/**',
        '**/entra/**',
        '**/onprem/**',
        '**/client/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'core imports nothing of the project',
    ),
  },
  {
    files: ['src/protocol/**'],
    rules: layer(
      [
        '**/idp/**',
        '**/entra/**',
        '**/onprem/**',
        '**/client/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'protocol is the bottom layer (DESIGN.md)',
    ),
  },
  {
    files: ['src/idp/**'],
    rules: layer(
      [
        '**/entra/**',
        '**/onprem/**',
        '**/client/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'parties never import each other or anything above (DESIGN.md)',
    ),
  },
  {
    files: ['src/entra/**'],
    rules: layer(
      [
        '**/idp/**',
        '**/onprem/**',
        '**/client/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'parties never import each other or anything above (DESIGN.md)',
    ),
  },
  {
    files: ['src/onprem/**'],
    rules: layer(
      [
        '**/idp/**',
        '**/entra/**',
        '**/client/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'parties never import each other or anything above (DESIGN.md)',
    ),
  },
  {
    files: ['src/client/**'],
    rules: layer(
      [
        '**/idp/**',
        '**/entra/**',
        '**/transport/**',
        '**/scenario/**',
        '**/cli/**',
        '**/diagnose/**',
        '**/conform/**',
      ],
      'the client talks to the parties only over HTTP (DESIGN.md)',
    ),
  },
  {
    files: ['src/transport/**'],
    rules: layer(
      ['**/client/**', '**/scenario/**', '**/cli/**', '**/diagnose/**', '**/conform/**'],
      'transport mounts parties; it knows nothing above',
    ),
  },
  {
    files: ['src/scenario/**'],
    rules: layer(
      ['**/cli/**', '**/diagnose/**', '**/conform/**'],
      'the scenario layer sits below the tools',
    ),
  },
  {
    files: ['src/diagnose/**'],
    rules: layer(
      ['**/cli/**', '**/conform/**'],
      'diagnose is a tool: the CLI wires it, it does not import the CLI',
    ),
  },
  {
    files: ['src/conform/**'],
    rules: layer(['**/cli/**'], 'conform is a tool: the CLI wires it, it does not import the CLI'),
  },
  {
    // The test-only switch that weakens the SAML verifier: only the verifier itself may import it.
    files: ['src/**'],
    ignores: [
      'src/**/*.test.ts',
      'src/protocol/saml11/verify-assertion.ts',
      'src/protocol/xmldsig/verify-enveloped.ts',
      'src/protocol/saml11/unsafe-weaken.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportDeclaration[source.value=/unsafe-weaken/], ImportExpression[source.value=/unsafe-weaken/], ExportAllDeclaration[source.value=/unsafe-weaken/], ExportNamedDeclaration[source.value=/unsafe-weaken/]',
          message:
            'unsafe-weaken.ts is TEST ONLY (it weakens the SAML verifier): nothing under src/ but the verifiers (saml11/verify-assertion, xmldsig/verify-enveloped) may import it',
        },
      ],
    },
  },
  {
    // The trainer (src/train/, web/) is a tool: nothing below it imports it. A separate rule name
    // so that the layer rules above keep their own patterns.
    files: [
      'src/core/**',
      'src/protocol/**',
      'src/idp/**',
      'src/entra/**',
      'src/onprem/**',
      'src/client/**',
      'src/transport/**',
      'src/scenario/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/train/**', '**/web/**'], message: 'the trainer is a tool (DESIGN.md)' },
          ],
        },
      ],
    },
  },
  {
    // The page runs in the browser: it reaches the server only over HTTP, and shares only types.
    files: ['web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!train/api-types\\.ts$)',
              message:
                'the page talks to the server over HTTP; it shares only src/train/api-types.ts',
            },
            { group: ['node:*'], message: 'the page runs in the browser' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
