/**
 * The single misconfigurations `hjsim matrix` applies to a baseline, each as a scenario patch
 * (what an admin gets wrong, written in the scenario language). Their outcomes are not stated
 * here: `predict-outcome.ts` derives them from the rules.
 * @see DESIGN.md "The failure catalogue to model"; [PING] (attribute mappings)
 */
import { pingoneIssuer, pingoneMappings } from '../../idp/profiles/pingone.ts';

/** The mappings a computer's token carries (a computer has no UPN: that mapping issues nothing). */
const deviceMappings = () => pingoneMappings().filter((r) => r.key !== 'UPN');
import { mockIdpOf } from '../world/mock-idp.ts';
import type { Scenario } from '../language/schema.ts';

/** A scenario patch, as it is written under `extends:`. */
export type Patch = Record<string, unknown>;

export interface Misconfiguration {
  /** File-name slug: `claims-accounttype-wrong-namespace`. */
  readonly id: string;
  /** What is wrong, in the admin's words. */
  readonly title: string;
  readonly tags: readonly string[];
  readonly patch: Patch;
}

/**
 * NameFormats an admin picks by mistake, per claim (the shipped PingOne scenarios' choices, from
 * the seed's "Update NameFormat" step); the first one that differs from the claim's own is used.
 */
const WRONG_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  accounttype: ['http://schemas.microsoft.com/ws/2008/06/identity/claims'],
  onpremobjectguid: ['urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified'],
  primarysid: ['http://schemas.microsoft.com/identity/claims'],
};
const ANY_WRONG_NAMESPACE = [
  'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
  'http://schemas.microsoft.com/identity/claims',
];

function wrongValue(key: string, s: Scenario): { value: string; how: string } {
  const netbios = s.onprem.netbiosName ?? s.onprem.domain.split('.')[0]!.toUpperCase();
  switch (key) {
    case 'accounttype':
      return { value: 'User', how: "'User' (the value AD FS's rules give users)" };
    case 'primarysid':
      return {
        value: `${netbios}\\${s.device.name}$`,
        how: 'the account name instead of the SID (windowsaccountname mapped)',
      };
    default:
      return {
        value: s.device.objectGuid,
        how: 'the objectGUID as text instead of uuidAsBase64Guid',
      };
  }
}

function claimVariants(s: Scenario): Misconfiguration[] {
  const out: Misconfiguration[] = [];
  for (const rule of deviceMappings()) {
    const key = rule.key;
    const current = s.idp.claims[key];
    const ns =
      typeof current === 'object' && current.namespace ? current.namespace : rule.namespace;
    const wrongNs = [...(WRONG_NAMESPACES[key] ?? []), ...ANY_WRONG_NAMESPACE].find(
      (n) => n !== ns,
    )!;
    const slug = `claims-${key.toLowerCase()}`;
    const tags = ['matrix', 'claims', key];
    const claim = (o: unknown): Patch => ({ idp: { claims: { [key]: o } } });
    out.push({
      id: `${slug}-wrong-namespace`,
      title: `${key} sent with the wrong NameFormat (${wrongNs})`,
      tags,
      patch: claim({ namespace: wrongNs }),
    });
    out.push({ id: `${slug}-omitted`, title: `${key} not mapped`, tags, patch: claim('omit') });
    const v = wrongValue(key, s);
    out.push({
      id: `${slug}-wrong-value`,
      title: `${key} with a wrong value: ${v.how}`,
      tags,
      patch: claim({ value: v.value }),
    });
    if (rule.value.kind === 'objectGuid' || rule.value.kind === 'immutableId')
      out.push({
        id: `${slug}-wrong-guid-byte-order`,
        title: `${key} built from the big-endian GUID bytes (not uuidAsBase64Guid)`,
        tags,
        patch: claim({ encoding: 'bigEndian' }),
      });
  }
  return out;
}

function federatedDomain(s: Scenario) {
  const d = s.tenant.domains.find((x) => x.authentication === 'federated' && x.federation);
  return d as
    (typeof d & { federation: NonNullable<NonNullable<typeof d>['federation']> }) | undefined;
}

function tokenVariants(s: Scenario): Misconfiguration[] {
  const d = federatedDomain(s);
  const appId =
    s.idp.appId ?? /\/wsf\/sts\/([^/?#]+)/.exec(d?.federation.activeSignInUri ?? '')?.[1] ?? '';
  const issuer = s.idp.issuer ?? pingoneIssuer(mockIdpOf(s, 'hjsim matrix').host, appId);
  const out: Misconfiguration[] = [
    {
      id: 'issuer-trailing-slash',
      title: "the assertion's Issuer has a trailing slash the domain's issuerUri lacks",
      tags: ['matrix', 'issuer'],
      patch: { idp: { issuer: `${issuer}/` } },
    },
    {
      id: 'issuer-http-scheme',
      title: "the assertion's Issuer says http:// where issuerUri says https://",
      tags: ['matrix', 'issuer'],
      patch: { idp: { issuer: issuer.replace(/^https:/i, 'http:') } },
    },
    {
      id: 'signing-key-not-registered',
      title: 'the IdP signs with a key the tenant never registered',
      tags: ['matrix', 'signing-key'],
      patch: {
        idp: {
          signingKey: 'certs/attacker-signing.key',
          signingCertificate: 'certs/attacker-signing.crt',
        },
      },
    },
    {
      id: 'signing-key-rolled-over',
      title: 'the IdP rolled its signing key over; the tenant still has the old certificate',
      tags: ['matrix', 'signing-key'],
      patch: {
        idp: {
          signingKey: 'certs/idp-signing-next.key',
          signingCertificate: 'certs/idp-signing-next.crt',
        },
      },
    },
    {
      id: 'audience-not-entra',
      title: "the assertion's audience is another relying party (urn:amazon:webservices)",
      tags: ['matrix', 'audience'],
      patch: { idp: { audience: 'urn:amazon:webservices' } },
    },
    {
      id: 'validity-expired',
      title: 'the assertion expired an hour ago (IdP clock behind)',
      tags: ['matrix', 'validity'],
      patch: { idp: { validity: { notBeforeOffsetSeconds: -7200, lifetimeSeconds: 3600 } } },
    },
    {
      id: 'validity-not-yet-valid',
      title: 'the assertion becomes valid in 15 minutes (IdP clock ahead)',
      tags: ['matrix', 'validity'],
      patch: { idp: { validity: { notBeforeOffsetSeconds: 900 } } },
    },
    {
      id: 'validity-within-clock-skew',
      title: 'the assertion becomes valid in 4 minutes: within the clock skew Entra allows',
      tags: ['matrix', 'validity'],
      patch: { idp: { validity: { notBeforeOffsetSeconds: 240 } } },
    },
    {
      id: 'tokentype-samlv11-uri',
      title: 'the RSTR TokenType is spelled …#SAMLV1.1 (PingFederate / PingOne style)',
      tags: ['matrix', 'token-type'],
      patch: {
        idp: {
          tokenType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1',
        },
      },
    },
    {
      id: 'kerberos-without-aes',
      title: "the IdP's Kerberos service account does not support AES",
      tags: ['matrix', 'kerberos'],
      patch: { idp: { kerberos: { aes: false } } },
    },
  ];
  if (d) {
    out.splice(4, 0, {
      id: 'signing-key-rolled-over-next-registered',
      title:
        'the IdP rolled its signing key over and the tenant registered it as nextSigningCertificate',
      tags: ['matrix', 'signing-key'],
      patch: {
        idp: {
          signingKey: 'certs/idp-signing-next.key',
          signingCertificate: 'certs/idp-signing-next.crt',
        },
        tenant: {
          domains: [
            { name: d.name, federation: { nextSigningCertificate: 'certs/idp-signing-next.crt' } },
          ],
        },
      },
    });
    out.push({
      id: 'federation-protocol-saml',
      title: 'the domain federates with SAML-P (preferredAuthenticationProtocol: saml)',
      tags: ['matrix', 'realm'],
      patch: {
        tenant: {
          domains: [{ name: d.name, federation: { preferredAuthenticationProtocol: 'saml' } }],
        },
      },
    });
  }
  return out;
}

/**
 * MEX variants the federation settings can express. The IdP's own MEX variants (`idp.mex`: HTML,
 * POST-only, an endpoint without https, …) belong here once the IdP supports them.
 */
function mexVariants(s: Scenario): Misconfiguration[] {
  const d = federatedDomain(s);
  if (!d) return [];
  const mex = d.federation.metadataExchangeUri;
  const domain = (federation: Record<string, unknown>): Patch => ({
    tenant: { domains: [{ name: d.name, federation }] },
  });
  const out: Misconfiguration[] = [];
  if (/\/wsf\/mex13\//.test(mex))
    out.push({
      id: 'mex-2005-document',
      title:
        'metadataExchangeUri names /wsf/mex/ (no WS-Trust 1.3 Windows-auth endpoint) instead of /wsf/mex13/',
      tags: ['matrix', 'mex'],
      patch: domain({ metadataExchangeUri: mex.replace('/wsf/mex13/', '/wsf/mex/') }),
    });
  if (/^https:/i.test(mex))
    out.push({
      id: 'mex-url-http',
      title: 'metadataExchangeUri is http://',
      tags: ['matrix', 'mex'],
      patch: domain({ metadataExchangeUri: mex.replace(/^https:/i, 'http:') }),
    });
  return out;
}

function onPremVariants(s: Scenario): Misconfiguration[] {
  const d = federatedDomain(s);
  return [
    {
      id: 'onprem-dc-unreachable',
      title: 'no domain controller is reachable',
      tags: ['matrix', 'onprem'],
      patch: { onprem: { dcReachable: false } },
    },
    {
      id: 'onprem-scp-missing',
      title: 'no Service Connection Point in the forest',
      tags: ['matrix', 'onprem', 'scp'],
      patch: { onprem: { scp: 'missing' } },
    },
    {
      id: 'onprem-scp-unreadable',
      title: 'the SCP cannot be read over LDAP',
      tags: ['matrix', 'onprem', 'scp'],
      patch: { onprem: { scp: 'unreadable' } },
    },
    {
      id: 'onprem-scp-wrong-tenant-id',
      title: 'the SCP names another tenant id',
      tags: ['matrix', 'onprem', 'scp'],
      patch: { onprem: { scp: { azureADId: '00000000-0000-4000-8000-000000000000' } } },
    },
    ...(d
      ? [
          {
            id: 'domain-managed',
            title: 'the domain is managed, not federated',
            tags: ['matrix', 'realm'],
            patch: { tenant: { domains: [{ name: d.name, authentication: 'managed' }] } },
          },
        ]
      : []),
  ];
}

/** Every single misconfiguration of `s`, in a stable order. */
export function misconfigurations(s: Scenario): Misconfiguration[] {
  return [...claimVariants(s), ...tokenVariants(s), ...mexVariants(s), ...onPremVariants(s)];
}

/** The environment switches, applied alone and to every misconfiguration that falls back. */
export function environmentToggles(s: Scenario): Misconfiguration[] {
  return [
    s.device.fallbackToSyncJoin
      ? {
          id: 'fallback-off',
          title: 'FallbackToSyncJoin = 0',
          tags: ['matrix', 'fallback-off'],
          patch: { device: { fallbackToSyncJoin: false } },
        }
      : {
          id: 'fallback-on',
          title: 'FallbackToSyncJoin enabled',
          tags: ['matrix', 'fallback'],
          patch: { device: { fallbackToSyncJoin: true } },
        },
    s.device.syncedToEntra
      ? {
          id: 'device-unsynced',
          title: 'Entra Connect has not synced the computer',
          tags: ['matrix', 'unsynced'],
          patch: { device: { syncedToEntra: false } },
        }
      : {
          id: 'device-synced',
          title: 'Entra Connect has synced the computer',
          tags: ['matrix', 'synced'],
          patch: { device: { syncedToEntra: true } },
        },
  ];
}
