/**
 * Every certificate under certs/ says TEST ONLY in its subject, and every key there is one
 * scenarios and tests use (certs/README.md): nothing in the repository can pass for real.
 */
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CERTS_DIR } from '../../src/core/keys.ts';

const crts = readdirSync(CERTS_DIR).filter((f) => f.endsWith('.crt'));

describe('certs/', () => {
  it('has certificates to check', () => {
    expect(crts.length).toBeGreaterThanOrEqual(6);
  });

  it.each(crts)('%s carries TEST ONLY in its subject', (file) => {
    const cert = new X509Certificate(readFileSync(join(CERTS_DIR, file)));
    expect(cert.subject).toMatch(/CN=[^\n]*TEST ONLY/);
    expect(cert.subject).toMatch(/O=[^\n]*TEST ONLY/);
  });

  it('every .crt has its .key beside it', () => {
    const keys = new Set(readdirSync(CERTS_DIR).filter((f) => f.endsWith('.key')));
    for (const crt of crts) expect(keys.has(crt.replace(/\.crt$/, '.key')), crt).toBe(true);
  });
});
