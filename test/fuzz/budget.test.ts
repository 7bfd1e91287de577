/**
 * The fuzz suite's size: at least 10,000 inputs across the targets in every run (issue #9).
 * Each target checks that it ran exactly its share (FuzzStats.expectDone).
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, HUGE_XML } from './fuzz-support.ts';

describe('fuzz budget', () => {
  it('is at least 10,000 inputs', () => {
    const xmlTargets = 5; // parseRst, parseRstr, parseMex, verifyAssertion, readAssertion
    const total =
      Object.values(FUZZ_RUNS).reduce((a, b) => a + b, 0) +
      FUZZ_RUNS.saml / 4 +
      xmlTargets * HUGE_XML.length;
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
