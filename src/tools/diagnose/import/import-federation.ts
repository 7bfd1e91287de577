/**
 * `hjsim import`: turns a customer's `Get-MgDomainFederationConfiguration | Format-List` into a
 * scenario whose tenant federation block matches it, checks what can be checked without the
 * customer's IdP (https MEX, PingOne's mex13, WS-Federation, issuer form, the certificate's own
 * validity), and runs the scenario against the chosen IdP profile to say what would fail.
 * The certificate: the customer's token-signing certificate can never match hjsim's TEST ONLY
 * signing key, so by default the written scenario registers the test certificate instead (and
 * records the customer's in a comment) so that every other check runs; `--keep-certificate`
 * keeps the customer's, and the run then fails at the signing-certificate check by construction.
 * @see docs/decisions/0007-diagnose-causes-from-facts.md; [PING]
 *   ("Federation settings issue": mex13; "Federated IdP settings")
 */
import { X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import { scenarioSchema } from '../../../scenario/language/schema.ts';
import type { FederationListing } from './parse-federation-list.ts';
import { HR, hresultLabel } from '../../../protocol/hresult/catalog.ts';
import { AADSTS } from '../../../protocol/oauth/aadsts.ts';
import {
  checkAuthenticationProtocol,
  checkMexUrl,
  checkSigningCertificateValidity,
} from '../../../protocol/federation/federation-rules.ts';

export type ImportProfile = 'pingone' | 'adfs';

export interface ImportCheck {
  readonly ok: boolean | 'unknown';
  readonly what: string;
  /** What the client or Entra reports when this is wrong. */
  readonly signature?: string;
}

export interface ImportPlan {
  readonly profile: ImportProfile;
  readonly profileGuessed: boolean;
  readonly domain: string;
  readonly host: string;
  readonly appId?: string;
  readonly checks: readonly ImportCheck[];
  /** The scenario, as YAML text with a header comment. */
  readonly yaml: string;
  readonly scenario: Record<string, unknown>;
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; message: string };

const PINGONE_PATH = /\/wsf\/(?:sts|mex13|mex|prp)\/([0-9a-fA-F-]{36})\/?$/;
const DEFAULT_TENANT = '00000000-0000-4000-8000-000000000001';

function url(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function certificateOf(b64: string): X509Certificate | undefined {
  if (!/^[A-Za-z0-9+/=]{100,}$/.test(b64)) return undefined;
  try {
    return new X509Certificate(Buffer.from(b64, 'base64'));
  } catch {
    return undefined;
  }
}

export function planImport(
  listing: FederationListing,
  opts: {
    profile?: ImportProfile;
    domain?: string;
    tenantId?: string;
    keepCertificate?: boolean;
    now?: Date;
  } = {},
): ImportResult {
  const p = listing.properties;
  const missing = [
    'IssuerUri',
    'MetadataExchangeUri',
    'ActiveSignInUri',
    'SigningCertificate',
  ].filter((k) => !p.get(k));
  if (p.size === 0)
    return {
      ok: false,
      message:
        'no Get-MgDomainFederationConfiguration | Format-List output found (lines such as "IssuerUri : https://…")',
    };
  if (missing.length > 0)
    return { ok: false, message: `the listing has no value for ${missing.join(', ')}` };
  const active = url(p.get('ActiveSignInUri'));
  if (!active)
    return { ok: false, message: `ActiveSignInUri '${p.get('ActiveSignInUri')}' is not a URL` };
  const certB64 = p.get('SigningCertificate')!.replace(/\s+/g, '');
  const cert = certificateOf(certB64);
  if (!cert)
    return {
      ok: false,
      message: `SigningCertificate '${certB64.slice(0, 24)}${certB64.length > 24 ? '…' : ''}' is not a base64 X.509 certificate (cut short? a narrow window truncates it: run (Get-MgDomainFederationConfiguration -DomainId <domain>).SigningCertificate)`,
    };

  const pingAppId = PINGONE_PATH.exec(active.pathname)?.[1];
  const guessed: ImportProfile = pingAppId ? 'pingone' : 'adfs';
  const profile = opts.profile ?? guessed;
  const issuer = p.get('IssuerUri')!;
  const mex = p.get('MetadataExchangeUri')!;
  const domain =
    opts.domain ??
    listing.domainId ??
    /^https?:\/\/([^/]+)\/adfs\/services\/trust\/?$/.exec(issuer)?.[1] ??
    'contoso.com';
  const checks: ImportCheck[] = [];

  const mexUrl = url(mex);
  const insecureMex = checkMexUrl(mexUrl?.href ?? '');
  checks.push(
    insecureMex === undefined
      ? { ok: true, what: `MetadataExchangeUri is https (${mex})` }
      : {
          ok: false,
          what: `MetadataExchangeUri ${mex} is not https`,
          signature: hresultLabel(insecureMex.hresult),
        },
  );
  if (profile === 'pingone') {
    const mexPath = mexUrl?.pathname ?? '';
    if (/\/wsf\/mex\//.test(mexPath))
      checks.push({
        ok: false,
        what: 'MetadataExchangeUri ends /wsf/mex/<appId> (WS-Trust 2005 MEX without the Windows-auth endpoint): PingOne needs /wsf/mex13/<appId>',
        signature: hresultLabel(HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT),
      });
    else if (/\/wsf\/mex13\//.test(mexPath))
      checks.push({ ok: true, what: 'MetadataExchangeUri is the WS-Trust 1.3 MEX (/wsf/mex13/)' });
    const expectedIssuer = pingAppId
      ? `https://${active.host}/applications/${pingAppId}`
      : undefined;
    if (expectedIssuer)
      checks.push(
        issuer === expectedIssuer
          ? { ok: true, what: `IssuerUri is PingOne's issuer for the application (${issuer})` }
          : {
              ok: false,
              what: `IssuerUri ${issuer} is not PingOne's issuer ${expectedIssuer} (character for character)`,
              signature: `AADSTS${AADSTS.InvalidRealmUri} InvalidRealmUri`,
            },
      );
    const others = ['MetadataExchangeUri', 'PassiveSignInUri', 'SignOutUri']
      .map((k) => [k, url(p.get(k))] as const)
      .filter(
        ([, u]) =>
          u !== undefined &&
          (u.host !== active.host || (pingAppId && !u.pathname.includes(pingAppId))),
      );
    for (const [k, u] of others)
      checks.push({
        ok: false,
        what: `${k} (${u!.href}) names another host or application than ActiveSignInUri (${active.host}, ${pingAppId})`,
      });
  }
  const protocol = p.get('PreferredAuthenticationProtocol') || 'wsFed';
  const wrongProtocol = checkAuthenticationProtocol(protocol);
  checks.push(
    wrongProtocol === undefined
      ? { ok: true, what: 'PreferredAuthenticationProtocol is wsFed' }
      : {
          ok: false,
          what: `PreferredAuthenticationProtocol is ${protocol}: the Windows join client needs WS-Federation / WS-Trust`,
          signature: hresultLabel(wrongProtocol.hresult),
        },
  );
  const now = opts.now ?? new Date();
  const notAfter = new Date(cert.validTo);
  const thumbprint = cert.fingerprint.replace(/:/g, '');
  const expired = checkSigningCertificateValidity(notAfter, now);
  checks.push(
    expired !== undefined
      ? {
          ok: false,
          what: `SigningCertificate expired on ${notAfter.toISOString()} (${cert.subject.replace(/\n/g, ', ')}, SHA-1 ${thumbprint}): the IdP has rolled over or is signing with an expired key`,
          signature: `AADSTS${expired.aadsts} when the IdP signs with a newer key`,
        }
      : {
          ok: true,
          what: `SigningCertificate is a valid X.509 certificate until ${notAfter.toISOString()} (SHA-1 ${thumbprint})`,
        },
    {
      ok: 'unknown',
      what: `certificate match: not checkable offline — compare SHA-1 ${thumbprint} with your IdP's token-signing certificate (PingOne: the Microsoft 365 application's signing certificate; AD FS: Get-AdfsCertificate -CertificateType Token-Signing)`,
    },
  );

  const federation: Record<string, unknown> = {
    issuerUri: issuer,
    metadataExchangeUri: mex,
    activeSignInUri: p.get('ActiveSignInUri'),
    ...(p.get('PassiveSignInUri') ? { passiveSignInUri: p.get('PassiveSignInUri') } : {}),
    ...(p.get('SignOutUri') ? { signOutUri: p.get('SignOutUri') } : {}),
    signingCertificate: opts.keepCertificate ? certB64 : 'certs/idp-signing.crt',
    ...(opts.keepCertificate && p.get('NextSigningCertificate')
      ? { nextSigningCertificate: p.get('NextSigningCertificate')!.replace(/\s+/g, '') }
      : {}),
    preferredAuthenticationProtocol: protocol === 'saml' ? 'saml' : 'wsFed',
    ...(p.get('FederatedIdpMfaBehavior')
      ? { federatedIdpMfaBehavior: p.get('FederatedIdpMfaBehavior') }
      : {}),
    ...(p.get('DisplayName') ? { displayName: p.get('DisplayName') } : {}),
  };
  const tenantId = opts.tenantId ?? DEFAULT_TENANT;
  const scenario: Record<string, unknown> = {
    name: `Imported federation settings of ${domain} against the ${profile === 'pingone' ? 'PingOne' : 'AD FS'} profile`,
    description: `Generated by hjsim import from Get-MgDomainFederationConfiguration output. The federation block is the customer's${opts.keepCertificate ? '' : ", except signingCertificate: hjsim's TEST ONLY certificate, so that the run gets past the signature check (the customer's certificate cannot be checked offline)"}.`,
    tags: ['imported', profile],
    seed: 'imported',
    tenant: {
      id: tenantId,
      domains: [{ name: domain, authentication: 'federated', federation }],
    },
    idp: {
      profile,
      host: active.host,
      ...(profile === 'pingone' && pingAppId ? { appId: pingAppId } : {}),
      ...(profile === 'adfs' ? { domain } : {}),
      signingKey: 'certs/idp-signing.key',
    },
    onprem: {
      domain,
      domainController: 'DC01',
      scp: { azureADName: domain, azureADId: tenantId },
    },
    device: {
      name: 'IMPORTED-PC01',
      objectGuid: '3f0817b9-ca17-4714-ab81-f7b5943dec7b',
      objectSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
      fallbackToSyncJoin: false,
      syncedToEntra: true,
    },
    expect: { joined: true, joinType: 'federated' },
  };
  const parsed = scenarioSchema.safeParse(scenario);
  if (!parsed.success)
    return {
      ok: false,
      message: `the imported settings do not make a valid scenario: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  const header = [
    `# Imported by hjsim import from Get-MgDomainFederationConfiguration | Format-List.`,
    `# Customer signing certificate: ${cert.subject.replace(/\n/g, ', ')}; SHA-1 ${thumbprint};`,
    `#   valid ${cert.validFrom} – ${cert.validTo}.`,
    opts.keepCertificate
      ? '# It is kept: the run fails at the signature check (hjsim signs with its TEST ONLY key).'
      : '# Replaced by certs/idp-signing.crt (TEST ONLY) so that every other check runs; --keep-certificate keeps it.',
    `# FallbackToSyncJoin is off so that a federation failure shows; expect: a federated join.`,
    ...(opts.tenantId
      ? []
      : [`# tenant.id is a placeholder (Format-List does not print it): --tenant-id sets it.`]),
  ];
  return {
    ok: true,
    plan: {
      profile,
      profileGuessed: opts.profile === undefined,
      domain,
      host: active.host,
      ...(pingAppId ? { appId: pingAppId } : {}),
      checks,
      scenario,
      yaml: `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`,
    },
  };
}
