#!/usr/bin/env node
// The hjsim command. In a clone (src/ present) the TypeScript sources run through tsx's loader;
// the npm package ships no src/, only the compiled dist/ (docs/decisions/0001, Amendments).
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/tools/cli/main.ts', import.meta.url));
if (fromSource) (await import('tsx/esm/api')).register();
const entry = (name) =>
  new URL(
    `../${fromSource ? 'src' : 'dist'}/tools/cli/${name}.${fromSource ? 'ts' : 'js'}`,
    import.meta.url,
  ).href;
// diagnose and import read customer files: they load only what they use (src/tools/cli/support-main.ts).
if (['diagnose', 'import'].includes(process.argv[2] ?? '')) {
  const { supportMain } = await import(entry('support-main'));
  process.exitCode = await supportMain(process.argv.slice(2));
} else {
  const { main } = await import(entry('main'));
  process.exitCode = await main(process.argv.slice(2));
}
