/**
 * Predicts a scenario's outcome from its configuration alone, by the rules the simulator
 * implements (DESIGN.md "Fidelity rules" and the failure catalogue), without running it: the
 * Windows client's pre-checks and discovery, ADAL's realm / MEX / WS-Trust steps, mock Entra's
 * token checks in their order, and the fallback to sync join. `hjsim matrix` writes these
 * predictions as each generated scenario's `expect`; running the suite then checks the simulator
 * against them. Each step names its source in `reasons`.
 * @see [TSC] [DSR] [WIKI] (phases), [DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC] (fallback), [HJM] [AADI] [DVRJ] [WIKI] (claims), [TSC] [WINRT] [ERR] (codes)
 */
import { createPublicKey } from 'node:crypto';
import { CLOCK_SKEW_MS, ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { SimError } from '../../core/errors.ts';
import { certificatePem, readPem } from '../../core/keys.ts';
import { manualClock } from '../../core/clock.ts';
import { seededIds } from '../../core/ids.ts';
import type { Principal } from '../../idp/principal.ts';
import { issuedAttributes } from '../../idp/sts/issue-assertion.ts';
import { domainSidOf } from '../../onprem/directory.ts';
import { buildIdpConfig } from '../world/build-idp.ts';
import { PINGONE_PATHS, pingoneIssuer } from '../../idp/profiles/pingone.ts';
import { CLAIM, claimType } from '../../protocol/claims/claim-types.ts';
import { base64GuidToUuid, uuidAsBase64Guid } from '../../protocol/encoding/guid.ts';
import { isSid } from '../../protocol/encoding/sid.ts';
import { AADSTS, type AadstsCode, aadstsEntry } from '../../protocol/oauth/aadsts.ts';
import { mockIdpOf } from '../world/mock-idp.ts';
import type { Scenario } from '../language/schema.ts';
import { HR, hresultForOAuthError } from '../../protocol/hresult/catalog.ts';

export type Expect = Scenario['expect'];

export interface Prediction {
  readonly expect: Expect;
  /** Why, step by step, each with its source. */
  readonly reasons: readonly string[];
}

/** Where the federated attempt stopped. */
type Stop =
  | { readonly at: 'pre-check' | 'discover'; readonly hresult: string; readonly why: string }
  | { readonly at: 'managed'; readonly why: string }
  | { readonly at: 'adal'; readonly hresult: string; readonly why: string }
  | { readonly at: 'token'; readonly aadsts: AadstsCode; readonly why: string }
  | { readonly at: 'joined'; readonly why: string };

/** ADAL's HRESULT for an OAuth `error` value [WINRT via src/protocol/hresult/catalog.ts]. */
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

function publicKeyOfCertificate(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A registered `signingCertificate`: a PEM file, inline PEM, or Graph's bare base64. */
function certificateKey(value: string, baseDir: string): string {
  let pem = value;
  if (!/BEGIN CERTIFICATE/.test(value)) {
    pem = /\.(crt|pem|cer)$/i.test(value.trim())
      ? certificatePem(value.trim(), baseDir)
      : `-----BEGIN CERTIFICATE-----\n${value.replace(/\s+/g, '').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  }
  return publicKeyOfCertificate(pem);
}

function appIdOf(s: Scenario): string | undefined {
  if (s.idp.appId) return s.idp.appId;
  for (const d of s.tenant.domains) {
    const m = /\/wsf\/sts\/([^/?#]+)/.exec(d.federation?.activeSignInUri ?? '');
    if (m) return m[1];
  }
  return undefined;
}

interface Attribute {
  readonly type: string;
  readonly value: string;
}

/**
 * The attributes the IdP issues for the device: the IdP's own claim code (profile rules, then the
 * scenario's overrides), so the prediction cannot drift from what the mock IdP issues.
 */
function issuedAttributesOf(s: Scenario, baseDir: string): Attribute[] {
  const cfg = buildIdpConfig(s, baseDir, {
    clock: manualClock(new Date(0)),
    ids: seededIds('predict'),
  });
  const computer = cfg.directory[0]!;
  const netbios = (s.onprem.netbiosName ?? s.onprem.domain.split('.')[0] ?? '').toUpperCase();
  const principal: Principal = {
    kind: 'computer',
    computer,
    groupSids: [`${domainSidOf(computer.objectSid)}-515`],
    windowsAccountName: `${netbios}\\${computer.name}$`,
  };
  return issuedAttributes(cfg, principal).map((a) => ({
    type: claimType(a.namespace, a.name),
    value: a.values[0] ?? '',
  }));
}

function syncedWithCertificate(s: Scenario): boolean {
  const guid = lower(s.device.objectGuid);
  const synced =
    s.device.syncedToEntra ||
    s.tenant.devices.some((d) => lower(d.objectGuid) === guid && d.userCertificate);
  return synced && s.device.userCertificate;
}

/** The steps before the token endpoint: pre-check, SCP, discovery, realm, MEX, WS-Trust. */
function beforeToken(s: Scenario): Stop | undefined {
  if (!s.onprem.dcReachable)
    return {
      at: 'pre-check',
      hresult: HR.ERROR_NO_SUCH_DOMAIN,
      why: 'no domain controller is reachable: the pre-check fails ([WIKI] [MAN] [DSR])',
    };
  const reg = s.onprem.registry;
  let tenantName: string | undefined;
  let tenantId: string | undefined;
  if (reg?.tenantId || reg?.tenantName) {
    tenantName = reg.tenantName ?? reg.tenantId;
    tenantId = reg.tenantId;
  } else if (typeof s.onprem.scp === 'object') {
    tenantName = s.onprem.scp.azureADName;
    tenantId = s.onprem.scp.azureADId;
  }
  if (!tenantName)
    return {
      // Reading the SCP is part of the discover phase ([DSR]: AD Configuration Test).
      at: 'discover',
      hresult: HR.DSREG_AUTOJOIN_ADCONFIG_READ_FAILED,
      why: `the SCP is ${typeof s.onprem.scp === 'string' ? s.onprem.scp : 'without azureADName'}: DSREG_AUTOJOIN_ADCONFIG_READ_FAILED ([HJM] [WIKI] [TSC], [TSC])`,
    };
  const addressed = lower(tenantId ?? tenantName);
  if (
    lower(s.tenant.id) !== addressed &&
    !s.tenant.domains.some((d) => lower(d.name) === addressed)
  )
    return {
      at: 'discover',
      hresult: HR.DSREG_DISCOVERY_TENANT_NOT_FOUND,
      why: `DRS discovery for '${tenantId ?? tenantName}' finds no tenant: DSREG_DISCOVERY_TENANT_NOT_FOUND ([TSC] [WINRT], [TSC])`,
    };
  const domain = s.tenant.domains.find((d) => lower(d.name) === lower(tenantName));
  if (!domain || domain.authentication !== 'federated' || !domain.federation)
    return {
      at: 'managed',
      why: `the user realm of '${tenantName}' is not federated: the client joins by sync join directly ([HJM] [WIKI] [TSC])`,
    };
  const f = domain.federation;
  if (f.preferredAuthenticationProtocol === 'saml')
    return {
      at: 'adal',
      hresult: HR.ERROR_ADAL_PROTOCOL_NOT_SUPPORTED,
      why: 'the domain federates with SAML-P: ADAL has no WS-Trust realm, ERROR_ADAL_PROTOCOL_NOT_SUPPORTED (DESIGN.md catalogue, [TSC] [MSALPY] [ADALN] [AADI] [DSRT])',
    };
  if (!/^https:\/\//i.test(f.metadataExchangeUri))
    return {
      at: 'adal',
      hresult: HR.ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE,
      why: 'metadataExchangeUri is not https: ERROR_ADAL_WS_TRUST_METADATAURL_NOT_SECURE ([WINRT])',
    };
  const appId = appIdOf(s);
  let mex: URL | undefined;
  try {
    mex = new URL(f.metadataExchangeUri);
  } catch {
    mex = undefined;
  }
  const mexPath = mex?.pathname.replace(/\/+$/, '');
  const onIdp =
    mex !== undefined &&
    lower(mex.host) === lower(mockIdpOf(s, 'the outcome model').host) &&
    appId !== undefined;
  if (onIdp && mexPath === PINGONE_PATHS.mex2005(appId))
    return {
      at: 'adal',
      hresult: HR.ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT,
      why: "metadataExchangeUri names PingOne's /wsf/mex/ document, which has no WS-Trust 1.3 Windows-auth endpoint: ERROR_ADAL_COULDNOT_DISCOVER_INTEGRATED_AUTH_ENDPOINT (PingOne seed; DESIGN.md catalogue)",
    };
  if (!onIdp || mexPath !== PINGONE_PATHS.mex13(appId!))
    return {
      at: 'adal',
      hresult: HR.ERROR_ADAL_WS_TRUST_MEX_REQUEST,
      why: `no MEX document answers at ${f.metadataExchangeUri}: ERROR_ADAL_WS_TRUST_MEX_REQUEST ([WINRT])`,
    };
  if (!s.idp.kerberos.aes)
    return {
      at: 'adal',
      hresult: HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED,
      why: `the Kerberos service account lacks AES: Windows auth fails at the STS, a SOAP fault (PingOne seed, "Kerberos service account and AES encryption"; [TSC] ${HR.ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED})`,
    };
  return undefined;
}

/** mock Entra's `oauth2/token` checks, in the order of TOKEN_CHECKS (DESIGN.md "Fidelity rules"). */
function tokenChecks(s: Scenario, baseDir: string): Stop {
  const tokenType = s.idp.tokenType ?? 'urn:oasis:names:tc:SAML:1.0:assertion';
  if (tokenType !== 'urn:oasis:names:tc:SAML:1.0:assertion')
    return {
      at: 'token',
      aadsts: AADSTS.SamlResponseTypeNotSupported,
      why: `the RSTR TokenType is '${tokenType}', so the client redeems the SAML 1.1 assertion with the saml2-bearer grant ([PING]; MSAL.NET #1871)`,
    };
  const federated = s.tenant.domains.filter(
    (d) => d.authentication === 'federated' && d.federation,
  );
  const signingCertificate =
    s.idp.signingCertificate ??
    mockIdpOf(s, 'the outcome model').signingKey.replace(/\.key$/, '.crt');
  const signer = certificateKey(readPem(signingCertificate, baseDir), baseDir);
  const registered = (d: (typeof federated)[number]) =>
    [d.federation!.signingCertificate, d.federation!.nextSigningCertificate]
      .filter((c): c is string => c !== undefined)
      .map((c) => certificateKey(c, baseDir));
  if (!federated.some((d) => registered(d).includes(signer)))
    return {
      at: 'token',
      aadsts: AADSTS.InvalidSigningKey,
      why: "the IdP signs with a key no federated domain registers (signingCertificate / nextSigningCertificate) (blog.rmilne.ca 'Sign-In Error 5000811')",
    };
  const appId = appIdOf(s) ?? '';
  const issuer = s.idp.issuer ?? pingoneIssuer(mockIdpOf(s, 'hjsim matrix').host, appId);
  const domain = federated.find((d) => d.federation!.issuerUri === issuer);
  if (!domain)
    return {
      at: 'token',
      aadsts: AADSTS.InvalidRealmUri,
      why: `the assertion's Issuer '${issuer}' is no federated domain's issuerUri (exact match; [ERR], mandiant/ADFSpoof#6)`,
    };
  if (!registered(domain).includes(signer))
    return {
      at: 'token',
      aadsts: AADSTS.InvalidSigningKey,
      why: `the signing key is registered for another domain than ${domain.name}`,
    };
  const audience = s.idp.audience || ENTRA_AUDIENCE;
  if (audience !== ENTRA_AUDIENCE)
    return {
      at: 'token',
      aadsts: AADSTS.InvalidAssertion,
      why: `the audience '${audience}' is not ${ENTRA_AUDIENCE} ([MSALPY] [ADALN] [ROAD] [AADI]; code modeled)`,
    };
  const nb = (s.idp.validity?.notBeforeOffsetSeconds ?? 0) * 1000;
  const na = nb + (s.idp.validity?.lifetimeSeconds ?? 3600) * 1000;
  if (nb - CLOCK_SKEW_MS > 0 || na + CLOCK_SKEW_MS <= 0)
    return {
      at: 'token',
      aadsts: AADSTS.AssertionNotWithinValidTimeRange,
      why: `the assertion is ${nb - CLOCK_SKEW_MS > 0 ? 'not yet valid' : 'expired'} beyond the ${CLOCK_SKEW_MS / 60000} min clock skew ([ERR])`,
    };
  // ImmutableID: the PingOne profile always writes the NameIdentifier (check 90020 passes).
  const attrs = issuedAttributesOf(s, baseDir);
  const value = (c: { namespace: string; name: string }) =>
    attrs.find((a) => a.type === claimType(c.namespace, c.name))?.value;
  const problems: string[] = [];
  const accountType = value(CLAIM.accounttype);
  const guidClaim = value(CLAIM.onpremobjectguid);
  const sid = value(CLAIM.primarysid);
  const deviceId = guidClaim === undefined ? undefined : base64GuidToUuid(guidClaim);
  if (accountType !== 'DJ') problems.push(`accounttype is ${accountType ?? 'missing'}`);
  if (!deviceId)
    problems.push(
      `onpremobjectguid is ${guidClaim === undefined ? 'missing' : 'not a base64 GUID'}`,
    );
  if (!sid || !isSid(sid))
    problems.push(`primarysid is ${sid === undefined ? 'missing' : 'not a SID'}`);
  if (problems.length === 0) {
    const synced = [
      ...s.tenant.devices,
      ...(s.device.syncedToEntra
        ? [{ objectGuid: s.device.objectGuid, objectSid: s.device.objectSid }]
        : []),
    ].find((d) => d.objectSid === sid);
    if (synced && lower(synced.objectGuid) !== deviceId)
      problems.push(
        `onpremobjectguid decodes to ${deviceId}, not the synced computer's ${synced.objectGuid} (modeled rule, src/entra/token/check-device-claims.ts)`,
      );
  }
  if (problems.length === 0)
    return {
      at: 'joined',
      why:
        'the token has the device claims under their exact claim types (HJM, AADI, DVRJ, WIKI): Entra issues the DRS token and DRS joins the device' +
        (deviceId !== lower(s.device.objectGuid)
          ? ` (onpremobjectguid decodes to ${deviceId}, not the computer's objectGUID; no synced computer carries its SID, so there is nothing to compare it with: modeled rule, src/entra/token/check-device-claims.ts)`
          : ''),
    };
  const nameId = uuidAsBase64Guid(s.device.objectGuid);
  if (s.tenant.users.some((u) => u.immutableId === nameId))
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      "the prediction model does not cover a device token that Entra reads as a user (a tenant.users entry carries the computer's ImmutableID)",
      { hint: 'remove that user from the baseline' },
    );
  return {
    at: 'token',
    aadsts: AADSTS.UserAccountNotInDirectory,
    why: `not a device token (${problems.join('; ')}): Entra looks a user up by ImmutableID and finds none (PingOne seed, "Attribute mappings issue")`,
  };
}

/**
 * What in `s` lies outside the model's vocabulary (the PingOne baseline's claims, issuer, key,
 * audience, validity, fallback and sync settings), or undefined when the model covers it. Outside
 * it the model would guess, so `hjsim matrix` refuses such a baseline.
 */
export function modelGap(s: Scenario): string | undefined {
  const idp = s.idp as Scenario['idp'] & Record<string, unknown>;
  if (s.idp.external !== undefined) return 'idp.external (the model knows the mock IdP only)';
  if (s.idp.profile !== 'pingone')
    return `idp.profile ${s.idp.profile} (the model knows the pingone profile)`;
  for (const field of [
    'mex',
    'attack',
    'signature',
    'nameIdentifier',
    'tokenVersion',
    'tokenType',
    'users',
    'relyingParties',
  ]) {
    const v = idp[field];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (field === 'mex' && (v as { variant?: string }).variant === 'complete') continue;
    return `idp.${field}`;
  }
  if (s.tenant.drs !== undefined) return 'tenant.drs';
  if (s.tenant.userDeviceQuota !== undefined) return 'tenant.userDeviceQuota';
  if (
    Object.keys(s.idp.claims).some((k) => ['subject', 'nameidentifier'].includes(k.toLowerCase()))
  ) {
    return 'idp.claims.Subject (the NameIdentifier)';
  }
  return undefined;
}

export function predictOutcome(s: Scenario, baseDir: string): Prediction {
  const reasons: string[] = [];
  const stop = beforeToken(s) ?? tokenChecks(s, baseDir);
  reasons.push(stop.why);
  const synced = syncedWithCertificate(s);
  const syncJoin = (hresults: string[], aadsts: number[], fallback: boolean): Prediction => {
    if (synced) {
      reasons.push(
        'the sync join succeeds: Entra Connect synced the computer with its userCertificate (DSR, WIKI, HIW, ROAD, AADI, TSC)',
      );
      return {
        expect: { joined: true, joinType: 'sync', aadsts, hresults, fallbackAttempted: fallback },
        reasons,
      };
    }
    reasons.push(
      s.device.userCertificate
        ? "the sync join fails: Entra Connect has not synced the computer, DRS answers DirectoryError 'The device object by the given id (…) is not found.' ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC])"
        : 'the sync join fails: the computer object has no userCertificate ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC]; modeled)',
    );
    return {
      expect: {
        joined: false,
        joinType: 'none',
        aadsts,
        hresults: [...hresults, HR.DSREG_E_DIRECTORY_FAILURE],
        errorPhase: 'join',
        fallbackAttempted: fallback,
      },
      reasons,
    };
  };
  switch (stop.at) {
    case 'joined':
      return {
        expect: { joined: true, joinType: 'federated', aadsts: [], fallbackAttempted: false },
        reasons,
      };
    case 'pre-check':
    case 'discover':
      return {
        expect: {
          joined: false,
          joinType: 'none',
          aadsts: [],
          hresults: [stop.hresult],
          errorPhase: stop.at,
          fallbackAttempted: false,
        },
        reasons,
      };
    case 'managed':
      return syncJoin([], [], false);
    case 'adal':
    case 'token': {
      const entry = stop.at === 'token' ? aadstsEntry(stop.aadsts) : undefined;
      if (stop.at === 'token' && !entry)
        throw new SimError('ERR_INTERNAL', `AADSTS${stop.aadsts} is not in the catalogue`);
      const aadsts = entry ? [...entry.errorCodes] : [];
      const hresults = entry
        ? [
            hresultForOAuthError(entry.error),
            HR.ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL,
            HR.ERROR_ADAL_HANDLE,
          ]
        : [stop.at === 'adal' ? stop.hresult : HR.ERROR_ADAL_HANDLE, HR.ERROR_ADAL_HANDLE];
      if (s.device.fallbackToSyncJoin) {
        reasons.push(
          'FallbackToSyncJoin is on (the default): the client tries a sync join (DSR, WIKI, HIW, ROAD, AADI, TSC)',
        );
        return syncJoin(hresults, aadsts, true);
      }
      reasons.push(
        'FallbackToSyncJoin = 0: the join ends failed at phase auth ([DSR] [WIKI] [HIW] [ROAD] [AADI] [TSC])',
      );
      return {
        expect: {
          joined: false,
          joinType: 'none',
          aadsts,
          hresults,
          errorPhase: 'auth',
          fallbackAttempted: false,
        },
        reasons,
      };
    }
  }
}
