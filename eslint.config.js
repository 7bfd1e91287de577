// Lint policy: typescript-eslint recommended, no console outside the CLI, and the layer
// direction of DESIGN.md enforced with no-restricted-imports (imports only go down).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of docs/architecture.md, bottom up: each may import only the layers it names.
// This one table is the policy; the rules below are generated from it.
export const LAYERS = [
  { name: 'core', folders: ['src/core'], mayImport: [] },
  { name: 'protocol', folders: ['src/protocol'], mayImport: ['core'] },
  { name: 'onprem', folders: ['src/onprem'], mayImport: ['core', 'protocol'] },
  { name: 'idp', folders: ['src/idp'], mayImport: ['core', 'protocol'] },
  { name: 'entra', folders: ['src/entra'], mayImport: ['core', 'protocol'] },
  { name: 'client', folders: ['src/client'], mayImport: ['core', 'protocol', 'onprem'] },
  { name: 'transport', folders: ['src/transport'], mayImport: ['core', 'protocol'] },
  {
    name: 'scenario',
    folders: ['src/scenario'],
    mayImport: ['core', 'protocol', 'onprem', 'idp', 'entra', 'client', 'transport'],
  },
  // The tools: each stands on the scenario layer and below; none imports another's internals
  // (what two tools share moves down), except the CLI, which wires them all.
  ...['diagnose', 'conform', 'train', 'bench', 'testing', 'testcontainers'].map((tool) => ({
    name: tool,
    folders: [`src/tools/${tool}`],
    mayImport: ['core', 'protocol', 'onprem', 'idp', 'entra', 'client', 'transport', 'scenario'],
  })),
  {
    name: 'cli',
    folders: ['src/tools/cli'],
    mayImport: [
      'core',
      'protocol',
      'onprem',
      'idp',
      'entra',
      'client',
      'transport',
      'scenario',
      'diagnose',
      'conform',
      'train',
      'bench',
      'testing',
      'testcontainers',
    ],
  },
];

/** One lint block per layer: every folder of another layer it may not import is refused. */
function layerRules() {
  return LAYERS.map((layer) => {
    const refused = LAYERS.filter(
      (other) => other !== layer && !layer.mayImport.includes(other.name),
    );
    return {
      files: layer.folders.map((folder) => `${folder}/**`),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: refused.map((other) => ({
              group: other.folders.map((folder) => `**/${folder.split('/').pop()}/**`),
              message: `${layer.name} may import only ${layer.mayImport.join(', ') || 'nothing of the project'}; ${other.name} is not below it (docs/architecture.md)`,
            })),
          },
        ],
      },
    };
  });
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-results/**', '.tmp/**'] },
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
  ...layerRules(),
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
    // The page runs in the browser: it reaches the server only over HTTP, and shares only types.
    files: ['web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!tools/train/api-types\\.ts$)',
              message:
                'the page talks to the server over HTTP; it shares only src/tools/train/api-types.ts',
            },
            { group: ['node:*'], message: 'the page runs in the browser' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/tools/cli/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
