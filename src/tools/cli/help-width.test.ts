/**
 * Every command's help wraps at the one width (docs/cli.md copies it): the support commands
 * (`diagnose`, `import`), which bin/hjsim.js loads apart, used commander's default of 80 columns.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { HELP_WIDTH } from './arguments.ts';
import { buildProgram } from './main.ts';
import { buildSupportProgram } from './support-main.ts';

const widthOf = (c: Command) => (c.configureHelp() as { helpWidth?: number }).helpWidth;

describe('help width', () => {
  it.each([
    ['hjsim', buildProgram(() => undefined)],
    ['hjsim (diagnose, import)', buildSupportProgram(() => undefined)],
  ])('%s and each of its commands wrap at HELP_WIDTH', (_name, program) => {
    expect(widthOf(program)).toBe(HELP_WIDTH);
    expect(program.commands.length).toBeGreaterThan(0);
    for (const c of program.commands) expect(widthOf(c), c.name()).toBe(HELP_WIDTH);
  });
});
