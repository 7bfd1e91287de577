/**
 * `hjsim matrix` refuses what it cannot do, with exit 2 and a reason.
 */
import { describe, expect, it } from 'vitest';
import { hjsim } from '../support/hjsim-process.ts';

describe('hjsim matrix', { timeout: 120_000 }, () => {
  it('exits 2 on a baseline that does not join federated', () => {
    const r = hjsim('matrix', 'scenarios/pingone/primarysid-omitted.yaml', '--out', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a matrix varies a baseline that joins federated');
    expect(r.stderr).toContain('primarysid is missing');
  });

  it('exits 2 when the output folder cannot be made, or --out is missing', () => {
    const r = hjsim('matrix', 'scenarios/pingone/baseline.yaml', '--out', 'package.json/x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write the folder');
    expect(r.stderr).toContain('a file is in the way');
    const missing = hjsim('matrix', 'scenarios/pingone/baseline.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");
  });

  it('hjsim run exits 2 when it cannot write --out', () => {
    const r = hjsim('run', 'scenarios/pingone/baseline.yaml', '--out', 'no/such/folder/r.xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('its folder does not exist');
  });
});
