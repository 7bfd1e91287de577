/**
 * Turns a scenario's `idp` block into the mock IdP's configuration: its profile, the verified
 * domain it federates, issuer, signing key and algorithms, claim overrides, token options, MEX
 * variant, AD FS options, and the directory it authenticates against (the device, the users).
 */
import type { Clock } from '../core/clock.ts';
import { ENTRA_AUDIENCE } from '../core/defaults.ts';
import { SimError } from '../core/errors.ts';
import type { IdSource } from '../core/ids.ts';
import { certificatePem, privateKey } from '../core/keys.ts';
import type { AdfsOptions, DirectoryUser, IdpConfig } from '../idp/idp-config.ts';
import { PROFILES } from '../idp/profiles/profiles.ts';
import { CLAIM } from '../protocol/claims/claim-types.ts';
import type { Scenario } from './schema.ts';

function invalid(message: string, where: string, hint: string): SimError {
  return new SimError('ERR_SCENARIO_INVALID', message, { where, hint });
}

const hostOf = (url: string | undefined): string | undefined => {
  try {
    return url === undefined ? undefined : new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
};

/** The federated domains whose federation URLs point at this IdP's host. */
function servedDomains(s: Scenario): string[] {
  const host = s.idp.host.toLowerCase();
  return s.tenant.domains
    .filter((d) => {
      const f = d.federation;
      return (
        f !== undefined &&
        [f.activeSignInUri, f.metadataExchangeUri, f.passiveSignInUri].some(
          (u) => hostOf(u) === host,
        )
      );
    })
    .map((d) => d.name);
}

function appIdOf(s: Scenario): string | undefined {
  if (s.idp.appId) return s.idp.appId;
  if (s.idp.profile !== 'pingone') return undefined;
  for (const d of s.tenant.domains) {
    const m = /\/wsf\/sts\/([^/?#]+)/.exec(d.federation?.activeSignInUri ?? '');
    if (m) return m[1]!;
  }
  throw invalid(
    'idp.appId is not set and no federated domain has a PingOne activeSignInUri (…/wsf/sts/<appId>)',
    'idp.appId',
    'add idp.appId',
  );
}

type IdpCheck = (s: Scenario, claimKeys: readonly string[]) => SimError | undefined;

/** Claims the profile does not issue must say what they are. */
const checkExtraClaims: IdpCheck = (s, claimKeys) => {
  for (const [key, o] of Object.entries(s.idp.claims)) {
    if (claimKeys.includes(key) || key in CLAIM || o === 'omit' || o.omit) continue;
    if (o.namespace === undefined || o.value === undefined) {
      return invalid(
        `idp.claims.${key}: an extra claim needs namespace and value`,
        `idp.claims.${key}`,
        `the ${s.idp.profile} profile issues ${claimKeys.join(', ')}; other claims must say what they are`,
      );
    }
  }
  return undefined;
};

// Profile-specific fields are checked by the schema (src/scenario/idp-fields.ts).
const IDP_CHECKS: readonly IdpCheck[] = [checkExtraClaims];

export function buildIdpConfig(
  s: Scenario,
  baseDir: string,
  run: { readonly clock: Clock; readonly ids: IdSource },
): IdpConfig {
  const profile = PROFILES[s.idp.profile];
  for (const check of IDP_CHECKS) {
    const problem = check(s, profile.claimKeys);
    if (problem) throw problem;
  }
  const served = servedDomains(s);
  const domain = s.idp.domain ?? served[0] ?? s.onprem.domain;
  const multipleDomains = s.idp.adfs?.multipleDomains ?? false;
  const adfs: AdfsOptions = {
    multipleDomains,
    issuerIdRules: s.idp.adfs?.issuerIdRules ?? (multipleDomains ? 'hybrid-join' : 'none'),
    issuerIdDomain: s.idp.adfs?.issuerIdDomain ?? domain,
  };
  const site = { host: s.idp.host, appId: appIdOf(s), domain, adfs };

  const signingCertPath = s.idp.signingCertificate ?? s.idp.signingKey.replace(/\.key$/, '.crt');
  const nameId = s.idp.nameIdentifier;
  const users: DirectoryUser[] = s.idp.users.map((u) => ({
    upn: u.upn,
    password: u.password,
    ...(u.objectGuid === undefined ? {} : { objectGuid: u.objectGuid }),
    ...(u.immutableId === undefined ? {} : { immutableId: u.immutableId }),
  }));
  return {
    profile,
    ...site,
    issuer: s.idp.issuer ?? profile.defaultIssuer(site),
    audience: s.idp.audience,
    signing: {
      key: privateKey(s.idp.signingKey, baseDir),
      certificatePem: certificatePem(signingCertPath, baseDir),
      signatureAlgorithm: s.idp.signature?.algorithm ?? 'rsa-sha256',
      digestAlgorithm: s.idp.signature?.digest ?? 'sha256',
      includeKeyInfo: s.idp.signature?.keyInfo ?? true,
    },
    claimOverrides: s.idp.claims,
    nameIdentifier: {
      omit: nameId === 'omit',
      format: nameId === 'omit' ? undefined : nameId?.format,
      value: nameId === 'omit' ? undefined : nameId?.value,
    },
    tokenType: s.idp.tokenType ?? 'urn:oasis:names:tc:SAML:1.0:assertion',
    validity: {
      notBeforeOffsetSeconds: s.idp.validity?.notBeforeOffsetSeconds ?? 0,
      lifetimeSeconds: s.idp.validity?.lifetimeSeconds ?? 3600,
    },
    relyingParties: s.idp.relyingParties ?? [ENTRA_AUDIENCE],
    kerberos: { acceptRc4: profile.acceptsRc4Tickets },
    mexVariant: s.idp.mex?.variant ?? 'complete',
    adfs,
    directory: [
      { name: s.device.name, objectGuid: s.device.objectGuid, objectSid: s.device.objectSid },
    ],
    users,
    clock: run.clock,
    ids: run.ids,
  };
}
