#!/usr/bin/env node
// The hjsim command. Sources are TypeScript run through tsx's loader (docs/decisions/0001).
import { register } from 'tsx/esm/api';

register();
// diagnose and import read customer files: they load only what they use (src/tools/cli/support-main.ts).
if (['diagnose', 'import'].includes(process.argv[2] ?? '')) {
  const { supportMain } = await import('../src/tools/cli/support-main.ts');
  process.exitCode = await supportMain(process.argv.slice(2));
} else {
  const { main } = await import('../src/tools/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
