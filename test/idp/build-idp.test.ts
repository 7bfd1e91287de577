/**
 * From a scenario's `idp` block to the IdP's configuration: profile defaults (issuer, domain,
 * AD FS issuerid rules, RC4), the scenario's options, and a clear error for each invalid case.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.ts';
import { isSimError } from '../../src/core/errors.ts';
import { seededIds } from '../../src/core/ids.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { buildIdpConfig } from '../../src/scenario/world/build-idp.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/language/schema.ts';

const TENANT = '2b7a4c1d-8e3f-4a6b-9c0d-1e2f3a4b5c6d';

function scenario(
  idp: Partial<ScenarioInput['idp']>,
  extraDomains: ScenarioInput['tenant']['domains'] = [],
): ScenarioInput {
  return {
    name: 't',
    tenant: {
      id: TENANT,
      domains: [
        {
          name: 'contoso.com',
          authentication: 'federated',
          federation: {
            issuerUri: 'http://contoso.com/adfs/services/trust/',
            metadataExchangeUri: 'https://sts.contoso.com/adfs/services/trust/mex',
            activeSignInUri: 'https://sts.contoso.com/adfs/services/trust/2005/usernamemixed',
            signingCertificate: 'certs/idp-signing.crt',
          },
        },
        ...extraDomains,
      ],
    },
    idp: { profile: 'adfs', host: 'sts.contoso.com', signingKey: 'certs/idp-signing.key', ...idp },
    onprem: {
      domain: 'corp.contoso.local',
      scp: { azureADName: 'contoso.com', azureADId: TENANT },
    },
    device: {
      name: 'PC01',
      objectGuid: '6c1f0a2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b',
      objectSid: 'S-1-5-21-3623811015-3361044348-30300820-1107',
    },
  };
}

const build = (input: ScenarioInput) =>
  buildIdpConfig(scenarioSchema.parse(input), PACKAGE_ROOT, {
    clock: manualClock(new Date('2025-07-10T17:22:13Z')),
    ids: seededIds('build-idp'),
  });

function rejection(input: ScenarioInput): { where: string | undefined; message: string } {
  try {
    build(input);
  } catch (e) {
    if (isSimError(e, 'ERR_SCENARIO_INVALID')) return { where: e.where, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

describe('buildIdpConfig', () => {
  it('AD FS defaults: the domain its URLs name, its issuer, RC4 accepted, the complete MEX, no issuerid rules', () => {
    const cfg = build(scenario({}));
    expect(cfg.domain).toBe('contoso.com');
    expect(cfg.issuer).toBe('http://contoso.com/adfs/services/trust/');
    expect(cfg.kerberos.acceptRc4).toBe(true);
    expect(cfg.mexVariant).toBe('complete');
    expect(cfg.adfs).toEqual({
      multipleDomains: false,
      issuerIdRules: 'none',
      issuerIdDomain: 'contoso.com',
      computerAccess: 'permit',
    });
    expect(cfg.relyingParties).toEqual(['urn:federation:MicrosoftOnline']);
    expect(cfg.audience).toBeUndefined();
  });

  it('multiple domains default to the manual issuerid rules and the service identifier as Issuer', () => {
    const cfg = build(scenario({ adfs: { multipleDomains: true } }));
    expect(cfg.adfs.issuerIdRules).toBe('hybrid-join');
    expect(cfg.issuer).toBe('http://sts.contoso.com/adfs/services/trust');
  });

  it('takes every option the scenario sets', () => {
    const cfg = build(
      scenario({
        issuer: 'http://other/adfs/services/trust/',
        domain: 'fabrikam.com',
        audience: 'urn:x',
        mex: { variant: 'html' },
        signature: { algorithm: 'rsa-sha1', digest: 'sha1', keyInfo: false },
        nameIdentifier: { format: '' },
        relyingParties: ['urn:a', 'urn:b'],
        users: [{ upn: 'bob@contoso.com', password: 'p', immutableId: 'AAAA' }],
        adfs: { issuerIdRules: 'upn-leftover', issuerIdDomain: 'contoso.com' },
      }),
    );
    expect(cfg).toMatchObject({
      issuer: 'http://other/adfs/services/trust/',
      domain: 'fabrikam.com',
      audience: 'urn:x',
      mexVariant: 'html',
      nameIdentifier: { omit: false, format: '' },
      relyingParties: ['urn:a', 'urn:b'],
      users: [{ upn: 'bob@contoso.com', password: 'p', immutableId: 'AAAA' }],
      adfs: { issuerIdRules: 'upn-leftover', issuerIdDomain: 'contoso.com' },
    });
    expect(cfg.signing).toMatchObject({
      signatureAlgorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
      includeKeyInfo: false,
    });
  });

  it('PingOne takes its app id from the activeSignInUri and refuses RC4', () => {
    const cfg = build(
      scenario({ profile: 'pingone', host: 'sso.example.com' }, [
        {
          name: 'ping.example',
          authentication: 'federated',
          federation: {
            issuerUri: 'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
            metadataExchangeUri:
              'https://sso.example.com/wsf/mex13/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
            activeSignInUri: 'https://sso.example.com/wsf/sts/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
            signingCertificate: 'certs/idp-signing.crt',
          },
        },
      ]),
    );
    expect(cfg.appId).toBe('4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e');
    expect(cfg.domain).toBe('ping.example');
    expect(cfg.issuer).toBe(
      'https://sso.example.com/applications/4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e',
    );
    expect(cfg.kerberos.acceptRc4).toBe(false);
  });

  it.each([
    ['PingOne without an app id anywhere', scenario({ profile: 'pingone' }), 'idp.appId'],
    [
      'adding a known claim the profile does not issue, without its value',
      scenario({ claims: { insidecorporatenetwork: { namespace: 'http://x' } } }),
      'idp.claims.insidecorporatenetwork',
    ],
    [
      'an extra claim that shadows a known one',
      scenario({ extraClaims: { accounttype: { namespace: 'http://x', value: 'DJ' } } }),
      'idp.extraClaims.accounttype',
    ],
  ])('refuses %s', (_name, input, where) => {
    const r = rejection(input);
    expect(r.where).toBe(where);
  });

  it.each([
    [
      'a misspelt claim name',
      { acounttype: { namespace: 'http://x' } },
      'acounttype',
      'accounttype',
    ],
    ['a wrongly cased claim name', { primarySid: 'omit' as const }, 'primarySid', 'primarysid'],
    ['a claim named like an Object method', { toString: { value: 'x' } }, 'toString', undefined],
    [
      'an extra claim under idp.claims',
      { costcenter: { namespace: 'http://x', value: '1' } },
      'costcenter',
      undefined,
    ],
  ])(
    'the schema refuses %s under idp.claims, naming the nearest claim',
    (_name, claims, key, guess) => {
      const r = scenarioSchema.safeParse(scenario({ claims }));
      const issue = r.error?.issues.find((i) => i.path.join('.') === `idp.claims.${key}`);
      expect(issue?.message).toContain(`unknown claim '${key}'`);
      expect(issue?.message).toContain('idp.extraClaims');
      if (guess) expect(issue?.message).toContain(`did you mean '${guess}'?`);
      else expect(issue?.message).not.toContain('did you mean');
    },
  );

  it('adds idp.extraClaims to the assertion as written', () => {
    const cfg = build(
      scenario({
        extraClaims: {
          costcenter: { namespace: 'http://schemas.example.com/claims', value: '42' },
        },
      }),
    );
    expect(cfg.claimOverrides['costcenter']).toEqual({
      namespace: 'http://schemas.example.com/claims',
      value: '42',
    });
  });

  it('reads idp.claims.nameidentifier (DESIGN.md spelling) as idp.nameIdentifier', () => {
    expect(build(scenario({ claims: { nameidentifier: 'omit' } })).nameIdentifier.omit).toBe(true);
    const v = build(scenario({ claims: { NameIdentifier: { value: 'abc' } } }));
    expect(v.nameIdentifier).toEqual({ omit: false, format: undefined, value: 'abc' });
    expect(v.claimOverrides).toEqual({});
  });

  it('the schema refuses profile fields on the other profile, with their path', () => {
    const adfsOnPing = scenarioSchema.safeParse(
      scenario({ profile: 'pingone', appId: 'x', adfs: { multipleDomains: true } }),
    );
    expect(adfsOnPing.error?.issues[0]).toMatchObject({ path: ['idp', 'adfs'] });
    const appIdOnAdfs = scenarioSchema.safeParse(scenario({ appId: 'x' }));
    expect(appIdOnAdfs.error?.issues[0]).toMatchObject({ path: ['idp', 'appId'] });
  });

  it('the schema refuses an unknown MEX variant and a user without objectGuid or immutableId', () => {
    expect(
      scenarioSchema.safeParse(scenario({ mex: { variant: 'broken' as never } })).success,
    ).toBe(false);
    const noAnchor = scenarioSchema.safeParse(
      scenario({ users: [{ upn: 'a@b.c', password: 'p' }] }),
    );
    expect(noAnchor.success).toBe(false);
    expect(JSON.stringify(noAnchor.error?.issues)).toContain('give objectGuid or immutableId');
  });
});
