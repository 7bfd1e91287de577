#!/usr/bin/env node
// The hjsim command. Sources are TypeScript run through tsx's loader (docs/decisions/0001).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
