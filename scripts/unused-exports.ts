/**
 * Lists exports under src/ that nothing imports (a ts-prune-like check with the TypeScript
 * compiler API, no new dependency). An export counts as used when any file of src/, test/, web/,
 * scripts/ or bin/ imports or re-exports it by name, or imports the module as a namespace; the
 * entry points (src/index.ts, src/tools/testing/index.ts, src/tools/testcontainers/index.ts) are
 * the public API and count as used. Prints one `file: name (value|type)` line each and the totals;
 * `--fail` exits 1 when there is any.
 *   node --import tsx scripts/unused-exports.ts [--fail]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY_POINTS = new Set([
  'src/index.ts',
  'src/tools/testing/index.ts',
  'src/tools/testcontainers/index.ts',
]);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const sources = ['src', 'test', 'web', 'scripts', 'bin']
  .map((d) => join(ROOT, d))
  .filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  })
  .flatMap(files);

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** file → exported name → kind */
const exported = new Map<string, Map<string, 'value' | 'type'>>();
/** file → names imported from it ('*' for a namespace import) */
const used = new Map<string, Set<string>>();
const use = (file: string, name: string) => {
  if (!used.has(file)) used.set(file, new Set());
  used.get(file)!.add(name);
};

function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return resolve(dirname(from), spec);
}

for (const file of sources) {
  const sf = parse(file);
  const isSrc = relative(ROOT, file).startsWith('src/') && !/\.test\.ts$/.test(file);
  const mine = new Map<string, 'value' | 'type'>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) {
        if (
          isSrc &&
          ts.isExportDeclaration(st) &&
          st.exportClause &&
          ts.isNamedExports(st.exportClause)
        )
          for (const e of st.exportClause.elements) mine.set(e.name.text, 'value');
        continue;
      }
      const to = target(file, spec.text);
      if (!to) continue;
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        if (!clause) continue;
        if (clause.name) use(to, 'default');
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) use(to, '*');
        if (nb && ts.isNamedImports(nb))
          for (const e of nb.elements) use(to, (e.propertyName ?? e.name).text);
      } else {
        if (!st.exportClause) use(to, '*');
        else if (ts.isNamedExports(st.exportClause))
          for (const e of st.exportClause.elements) {
            use(to, (e.propertyName ?? e.name).text);
            if (isSrc) mine.set(e.name.text, st.isTypeOnly || e.isTypeOnly ? 'type' : 'value');
          }
      }
      continue;
    }
    if (!isSrc) continue;
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name)) mine.set(d.name.text, 'value');
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      mine.set(st.name.text, 'type');
    } else if (
      (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      mine.set(st.name.text, 'value');
    }
  }
  // Dynamic imports count as using the whole module.
  const walk = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      const to = target(file, n.arguments[0].text);
      if (to) use(to, '*');
    }
    ts.forEachChild(n, walk);
  };
  walk(sf);
  if (isSrc && mine.size > 0) exported.set(file, mine);
}

const unused: string[] = [];
let values = 0;
let types = 0;
for (const [file, names] of exported) {
  const rel = relative(ROOT, file);
  if (ENTRY_POINTS.has(rel)) continue;
  const seen = used.get(file);
  if (seen?.has('*')) continue;
  for (const [name, kind] of names) {
    if (seen?.has(name)) continue;
    unused.push(`${rel}: ${name} (${kind})`);
    if (kind === 'value') values++;
    else types++;
  }
}
for (const line of unused.sort()) console.log(line);
console.log(`${values} exported values and ${types} exported types nothing imports`);
if (process.argv.includes('--fail') && unused.length > 0) process.exitCode = 1;
