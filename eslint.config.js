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

// The one code catalogue (decision 0016): HRESULTs in protocol/hresult, AADSTS codes in
// protocol/oauth/aadsts.ts. Elsewhere a code is named by its constant (`HR.ERROR_ADAL_HANDLE`,
// `AADSTS.InvalidRealmUri`), so a literal code (an 8-digit 0x8…/0xc…/0x4… HRESULT or AADSTSnnnn,
// in code or inside a message) fails lint. Tests keep literal codes: they check the catalogue.
const CODE_CATALOGUE = ['src/protocol/hresult/**', 'src/protocol/oauth/aadsts.ts'];
const CODE_HINT =
  'is a literal code: name it from the catalogue (HR.<SYMBOL> from protocol/hresult/catalog.ts, AADSTS.<Name> / aadstsLabel() from protocol/oauth/aadsts.ts; add a missing code there, with meaning and provenance)';
const CODE_LITERALS = [
  {
    selector: 'Literal[raw=/0x[489cC][0-9a-fA-F]{7}/]',
    message: `An HRESULT ${CODE_HINT}`,
  },
  {
    selector: 'TemplateElement[value.raw=/0x[489cC][0-9a-fA-F]{7}/]',
    message: `An HRESULT ${CODE_HINT}`,
  },
  { selector: 'Literal[raw=/AADSTS[0-9]/]', message: `An AADSTS code ${CODE_HINT}` },
  { selector: 'TemplateElement[value.raw=/AADSTS[0-9]/]', message: `An AADSTS code ${CODE_HINT}` },
  {
    selector: 'Property[key.name=/^(code|codes|aadsts|errorCodes)$/] Literal[raw=/^[0-9]{5,7}$/]',
    message: `An AADSTS code ${CODE_HINT}`,
  },
];

// The test-only switch that weakens the SAML verifier: only the verifiers themselves may import it.
const UNSAFE_WEAKEN_IMPORTERS = [
  'src/protocol/saml11/verify-assertion.ts',
  'src/protocol/xmldsig/verify-enveloped.ts',
  'src/protocol/saml11/unsafe-weaken.ts',
];
const UNSAFE_WEAKEN = {
  selector:
    'ImportDeclaration[source.value=/unsafe-weaken/], ImportExpression[source.value=/unsafe-weaken/], ExportAllDeclaration[source.value=/unsafe-weaken/], ExportNamedDeclaration[source.value=/unsafe-weaken/]',
  message:
    'unsafe-weaken.ts is TEST ONLY (it weakens the SAML verifier): nothing under src/ but the verifiers (saml11/verify-assertion, xmldsig/verify-enveloped) may import it',
};

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
  ...layerRules(),
  {
    files: ['src/**'],
    ignores: ['src/**/*.test.ts', ...CODE_CATALOGUE, ...UNSAFE_WEAKEN_IMPORTERS],
    rules: { 'no-restricted-syntax': ['error', ...CODE_LITERALS, UNSAFE_WEAKEN] },
  },
  {
    files: UNSAFE_WEAKEN_IMPORTERS,
    rules: { 'no-restricted-syntax': ['error', ...CODE_LITERALS] },
  },
  {
    files: CODE_CATALOGUE,
    rules: { 'no-restricted-syntax': ['error', UNSAFE_WEAKEN] },
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
