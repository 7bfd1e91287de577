import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../core/keys.ts';
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { causeLabel, CODE_PATTERN } from './cause-label.ts';

describe('causeLabel', () => {
  it.each([
    [
      'AD FS - leftover UPN-based issuerid rule - AADSTS50107, fallback to sync join',
      'leftover UPN-based issuerid rule',
    ],
    ['On-prem - SCP missing: 0x801c001d, event 307', 'SCP missing'],
    [
      'On-prem - no domain controller reachable: isDcAvailable NO, event 334',
      'no domain controller reachable',
    ],
    [
      'Down-level - local account signed in: "an error occurred during account verification"',
      'local account signed in',
    ],
    [
      'MEX variant html: the MEX URL answers HTML - fallback to sync join',
      'MEX variant html: the MEX URL answers HTML',
    ],
    ['On-prem - no SCP, CDJ\\AAD registry override: joins', 'no SCP, CDJ\\AAD registry override'],
    [
      'Entra - IdP clock 6 minutes ahead, beyond the clock skew - AADSTS500133, fallback off',
      'IdP clock 6 minutes ahead, beyond the clock skew, with FallbackToSyncJoin = 0',
    ],
    [
      'PingOne - primarysid not mapped - fallback to sync join, device not synced: not joined',
      'primarysid not mapped, with the device not synced yet',
    ],
    ['PingOne - baseline federated join succeeds', 'Nothing is misconfigured (the baseline)'],
    [
      'Entra - assertion audience is not urn:federation:MicrosoftOnline - AADSTS50013 (modeled), fallback to sync join',
      'assertion audience is not urn:federation:MicrosoftOnline',
    ],
    [
      'Network - proxy answers discovery with its HTML sign-in page: E_INVALIDDATA 0x8007000d',
      'proxy answers discovery with its HTML sign-in page',
    ],
    [
      'TPM - TPM_E_PCP_INTERNAL_ERROR on Windows 11: software-key fallback, joined',
      'TPM pcp internal error on Windows 11',
    ],
    [
      'Network - AD FS TLS certificate not trusted by the device, fallback off: 0xcaa82f8f, auth phase',
      'AD FS TLS certificate not trusted by the device, with FallbackToSyncJoin = 0',
    ],
  ])('%s → %s', (name, label) => {
    expect(causeLabel(name)).toBe(label);
  });

  it('no label of the shipped library shows a code', async () => {
    const files = await findScenarioFiles([join(PACKAGE_ROOT, 'scenarios')]);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const name = (parse(readFileSync(f, 'utf8')) as { name: string }).name;
      expect(causeLabel(name), f).not.toMatch(CODE_PATTERN);
      expect(causeLabel(name).trim(), f).not.toBe('');
    }
  });
});
