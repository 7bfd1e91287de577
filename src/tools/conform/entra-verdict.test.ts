import { describe, expect, it } from 'vitest';
import { TOKEN_CHECKS } from '../../entra/token/token-endpoint.ts';
import { CONFORM_CHECKS } from './conform-checks.ts';
import { judgeEntraVerdict, predictedRefusal, type EntraAnswer } from './entra-verdict.ts';
import { failed, passed } from './judgement.ts';
import { judgeTokenType } from './request-token.ts';

const accepted: EntraAnswer = {
  status: 200,
  codes: [],
  log: ['oauth2/token: issued an access token for device x (aud y)'],
};
const refused = (check: string, codes: number[]): EntraAnswer => ({
  status: 400,
  codes,
  check,
  log: [`oauth2/token: check '${check}' failed: AADSTS${codes.at(-1)} (why) [source: s]`],
});

describe('entra.verdict', () => {
  it('every token check a conformance check names exists in TOKEN_CHECKS', () => {
    const names = TOKEN_CHECKS.map(([n]) => n);
    for (const c of CONFORM_CHECKS)
      for (const r of c.entra ?? []) expect(names, `${c.id} → ${r.check}`).toContain(r.check);
  });

  it('predicts the first refusal in TOKEN_CHECKS order, whatever order the checks failed in', () => {
    const p = predictedRefusal([
      failed('claims.accounttype', '', ''),
      failed('saml.issuer', '', ''),
      passed('saml.audience', '', ''),
    ]);
    expect(p).toEqual({ check: 'issuer', codes: [50107, 5000811], by: ['saml.issuer'] });
    expect(predictedRefusal([failed('wstrust.token-type', '', '')])).toBeUndefined();
  });

  it('passes when mock Entra accepts a clean token, or refuses as predicted', () => {
    expect(judgeEntraVerdict([passed('saml.issuer', '', '')], accepted).verdict).toBe('PASSED');
    const j = judgeEntraVerdict(
      [failed('claims.primarysid', '', '')],
      refused('device claims', [51004]),
    );
    expect(j.verdict).toBe('PASSED');
    expect(j.seen).toContain(
      "AADSTS51004 at check 'device claims' (mock Entra: check 'device claims' failed: AADSTS51004 (why))",
    );
  });

  it('fails when mock Entra and the checks disagree, either way', () => {
    const unexplained = judgeEntraVerdict(
      [passed('saml.audience', '', '')],
      refused('audience', [50013]),
    );
    expect(unexplained).toMatchObject({
      verdict: 'FAILED',
      symptom: 'AADSTS50013: the refusal a join meets',
    });
    expect(unexplained.seen).toContain('no check above explains it');
    const lenient = judgeEntraVerdict([failed('saml.validity', '', '')], accepted);
    expect(lenient).toMatchObject({ verdict: 'FAILED' });
    expect(lenient.seen).toContain('despite the failed checks');
    const elsewhere = judgeEntraVerdict(
      [failed('saml.validity', '', '')],
      refused('issuer', [50107]),
    );
    expect(elsewhere.verdict).toBe('FAILED');
  });
});

describe('wstrust.token-type (Windows maps only the SAML 1.0 URN to saml1_1-bearer)', () => {
  const assertion = '<x/>';
  it.each([
    ['1.1', 'urn:oasis:names:tc:SAML:1.0:assertion', 'PASSED'],
    ['1.1', 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1', 'FAILED'],
    ['1.1', undefined, 'FAILED'],
    ['2.0', 'urn:oasis:names:tc:SAML:2.0:assertion', 'PASSED'],
    ['2.0', 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0', 'PASSED'],
    ['2.0', 'urn:oasis:names:tc:SAML:1.0:assertion', 'FAILED'],
    [undefined, 'urn:oasis:names:tc:SAML:1.0:assertion', 'SKIPPED'],
  ] as const)('SAML %s labelled %s: %s', (version, tokenType, verdict) => {
    const j = judgeTokenType({ assertionXml: assertion, tokenType, version });
    expect(j.verdict).toBe(verdict);
    if (verdict === 'FAILED')
      expect(j.symptom).toMatch(version === '1.1' ? /AADSTS7500514/ : /AADSTS50008/);
  });
});
