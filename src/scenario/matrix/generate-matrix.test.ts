import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { loadScenario } from '../language/load-scenario.ts';
import { generateMatrix } from './generate-matrix.ts';

const baseline = await loadScenario(join(PACKAGE_ROOT, 'scenarios/pingone/baseline.yaml'));
const out = join(PACKAGE_ROOT, '.tmp', 'matrix');

describe('generateMatrix', () => {
  const generated = generateMatrix(baseline, out);

  it('writes at least 40 scenarios with unique names, each extending the baseline', () => {
    expect(generated.length).toBeGreaterThanOrEqual(40);
    expect(new Set(generated.map((g) => g.fileName)).size).toBe(generated.length);
    for (const g of generated) {
      const doc = parse(g.text) as { extends: string; expect: object };
      expect(doc.extends).toBe('../../scenarios/pingone/baseline.yaml');
      expect(doc.expect).toBeDefined();
    }
  });

  it('covers every claim × {namespace, omitted, value} and the GUID byte order of GUID claims', () => {
    const names = generated.map((g) => g.fileName);
    for (const claim of ['immutableid', 'accounttype', 'onpremobjectguid', 'primarysid'])
      for (const v of ['wrong-namespace', 'omitted', 'wrong-value'])
        expect(names).toContain(`claims-${claim}-${v}.yaml`);
    expect(names).toContain('claims-onpremobjectguid-wrong-guid-byte-order.yaml');
    expect(names).toContain('claims-immutableid-wrong-guid-byte-order.yaml');
    expect(names).not.toContain('claims-accounttype-wrong-guid-byte-order.yaml');
  });

  it('varies fallback and sync state only where they change the outcome', () => {
    const names = generated.map((g) => g.fileName);
    expect(names).toContain('issuer-trailing-slash--fallback-off.yaml');
    expect(names).toContain('issuer-trailing-slash--device-unsynced.yaml');
    // A pre-check failure happens before any fallback: no variants.
    expect(names).not.toContain('onprem-scp-missing--fallback-off.yaml');
    expect(names).toContain('fallback-off.yaml');
    expect(names).toContain('device-unsynced.yaml');
  });

  it('refuses a baseline that does not join federated', async () => {
    const failing = await loadScenario(
      join(PACKAGE_ROOT, 'scenarios/pingone/accounttype-wrong-nameformat.yaml'),
    );
    expect(() => generateMatrix(failing, out)).toThrow(
      /a matrix varies a baseline that joins federated/,
    );
  });
});
