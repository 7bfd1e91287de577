/**
 * Turns a scenario's `idp` block into the mock IdP's configuration: its profile, the verified
 * domain it federates, issuer, signing key and algorithms, claim overrides, token options, MEX
 * variant, AD FS options, and the directory it authenticates against (the device, the users).
 */
import { assertionAttack } from './assertion-attack.ts';
import type { Clock } from '../../core/clock.ts';
import { ENTRA_AUDIENCE } from '../../protocol/entra-names.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SimError } from '../../core/errors.ts';
import { parseClaimRules } from '../../protocol/claim-rules/parse.ts';
import { ClaimRuleSyntaxError } from '../../protocol/claim-rules/syntax-error.ts';
import type { IdSource } from '../../core/ids.ts';
import { certificatePem, privateKey } from '../../core/keys.ts';
import type { AdfsOptions, DirectoryUser, IdpConfig } from '../../idp/idp-config.ts';
import { PROFILES } from '../../idp/profiles/profiles.ts';
import { CLAIM } from '../../protocol/claims/claim-types.ts';
import { mockIdpOf, type MockIdp } from './mock-idp.ts';
import type { Scenario } from '../language/schema.ts';

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
function servedDomains(s: Scenario, idp: MockIdp): string[] {
  const host = idp.host.toLowerCase();
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

/**
 * `idp.claims.nameidentifier` (DESIGN.md's spelling) and `idp.claims.Subject` (PingOne's name for
 * the mapping, seed "Attribute mappings reference") stand for `idp.nameIdentifier`.
 */
const NAME_IDENTIFIER_KEYS: readonly string[] = ['nameidentifier', 'subject'];
const isNameIdentifierKey = (k: string) => NAME_IDENTIFIER_KEYS.includes(k.toLowerCase());

/**
 * A claim of the vocabulary that this profile's rules do not issue: leaving it out is a mistake
 * (name the claim meant), and adding it needs a value. Unknown names are refused by the schema.
 */
const checkClaimsNotIssued: IdpCheck = (s, claimKeys) => {
  for (const [key, o] of Object.entries(s.idp.claims)) {
    if (claimKeys.includes(key) || isNameIdentifierKey(key)) continue;
    if (o === 'omit' || o.omit) {
      const near = claimKeys.find((k) => k.toLowerCase() === key.toLowerCase());
      return invalid(
        `idp.claims.${key}: the ${s.idp.profile} profile issues no such claim to leave out${near ? ` (did you mean '${near}'?)` : ''}`,
        `idp.claims.${key}`,
        `its claims are ${claimKeys.join(', ')} (names are case-sensitive)`,
      );
    }
    if (o.value === undefined) {
      return invalid(
        `idp.claims.${key}: the ${s.idp.profile} profile does not issue ${key}; to add it, give its value`,
        `idp.claims.${key}`,
        `the ${s.idp.profile} profile issues ${claimKeys.join(', ')}`,
      );
    }
  }
  return undefined;
};

/** An extra claim must not shadow one that `idp.claims` changes. */
const checkExtraClaims: IdpCheck = (s) => {
  for (const key of Object.keys(s.idp.extraClaims)) {
    if (Object.hasOwn(CLAIM, key) || isNameIdentifierKey(key)) {
      return invalid(
        `idp.extraClaims.${key}: ${key} is a claim the IdP profiles know; change it under idp.claims.${key}`,
        `idp.extraClaims.${key}`,
        'idp.extraClaims holds claims outside the device-token vocabulary (costcenter, department, …)',
      );
    }
  }
  return undefined;
};

// Profile-specific fields are checked by the schema (src/scenario/world/idp-fields.ts).
const IDP_CHECKS: readonly IdpCheck[] = [checkClaimsNotIssued, checkExtraClaims];

/** `idp.nameIdentifier`, or its alias under `idp.claims`. */
function nameIdentifierOf(s: Scenario): IdpConfig['nameIdentifier'] {
  const alias = Object.entries(s.idp.claims).find(([k]) => isNameIdentifierKey(k))?.[1];
  const n = s.idp.nameIdentifier;
  if (
    n === 'omit' ||
    (n === undefined && (alias === 'omit' || (alias !== undefined && alias.omit)))
  ) {
    return { omit: true, format: undefined, value: undefined };
  }
  const aliasValue = alias !== undefined && alias !== 'omit' ? alias.value : undefined;
  return { omit: false, format: n?.format, value: n?.value ?? aliasValue };
}

const WHERE_RULES = 'idp.adfs.issuanceTransformRules';

/**
 * The rule text of `idp.adfs.issuanceTransformRules`: the text itself, or (one line, no `=>`) a
 * file relative to the scenario. Parsed here, so a rule AD FS would refuse is reported at load
 * with AD FS's own message, its line and column.
 */
export function issuanceTransformRules(value: string, baseDir: string): string {
  let text = value;
  if (!value.includes('=>') && !value.includes('\n')) {
    const file = resolve(baseDir, value.trim());
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new SimError('ERR_SCENARIO_INVALID', `cannot read the claim rules file ${file}`, {
        cause,
        where: WHERE_RULES,
        hint: 'give the rule text itself (a YAML block: issuanceTransformRules: |) or a file path relative to the scenario',
      });
    }
  }
  try {
    parseClaimRules(text);
  } catch (e) {
    if (!(e instanceof ClaimRuleSyntaxError)) throw e;
    throw new SimError('ERR_SCENARIO_INVALID', e.message, {
      cause: e,
      where: `${WHERE_RULES}, rule text ${e.where ?? ''}`.trim(),
      hint: e.hint ?? 'fix the rule text',
    });
  }
  return text;
}

/**
 * The issuer the scenario's mock IdP writes when `idp.issuer` is not set (the profile's default
 * for its host). `hjsim serve` fixes it before moving the IdP to its own address, so that a plain
 * HTTP server's IdP and mock Entra's federation settings name the same issuer (issue 15, item 6).
 */
export function defaultIssuerOf(s: Scenario): string {
  const idp = mockIdpOf(s, 'the mock IdP');
  const served = servedDomains(s, idp);
  const domain = s.idp.domain ?? served[0] ?? s.onprem.domain;
  const multipleDomains = s.idp.adfs?.multipleDomains ?? false;
  const adfs: AdfsOptions = {
    multipleDomains,
    issuerIdRules: s.idp.adfs?.issuerIdRules ?? (multipleDomains ? 'hybrid-join' : 'none'),
    issuerIdDomain: s.idp.adfs?.issuerIdDomain ?? domain,
  };
  return PROFILES[idp.profile].defaultIssuer({ host: idp.host, appId: appIdOf(s), domain, adfs });
}

export function buildIdpConfig(
  s: Scenario,
  baseDir: string,
  run: { readonly clock: Clock; readonly ids: IdSource },
): IdpConfig {
  const idp = mockIdpOf(s, 'the mock IdP');
  const profile = PROFILES[idp.profile];
  for (const check of IDP_CHECKS) {
    const problem = check(s, profile.claimKeys);
    if (problem) throw problem;
  }
  const served = servedDomains(s, idp);
  const domain = s.idp.domain ?? served[0] ?? s.onprem.domain;
  const multipleDomains = s.idp.adfs?.multipleDomains ?? false;
  const rules = s.idp.adfs?.issuanceTransformRules;
  const adfs: AdfsOptions = {
    multipleDomains,
    issuerIdRules: s.idp.adfs?.issuerIdRules ?? (multipleDomains ? 'hybrid-join' : 'none'),
    issuerIdDomain: s.idp.adfs?.issuerIdDomain ?? domain,
    ...(rules === undefined
      ? {}
      : { issuanceTransformRules: issuanceTransformRules(rules, baseDir) }),
    computerAccess: s.idp.adfs?.computerAccess ?? 'permit',
  };
  const site = { host: idp.host, appId: appIdOf(s), domain, adfs };

  const signingCertPath = idp.signingCertificate ?? idp.signingKey.replace(/\.key$/, '.crt');
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
      key: privateKey(idp.signingKey, baseDir),
      certificatePem: certificatePem(signingCertPath, baseDir),
      signatureAlgorithm: s.idp.signature?.algorithm ?? 'rsa-sha256',
      digestAlgorithm: s.idp.signature?.digest ?? 'sha256',
      includeKeyInfo: s.idp.signature?.keyInfo ?? true,
    },
    claimOverrides: {
      ...Object.fromEntries(Object.entries(s.idp.claims).filter(([k]) => !isNameIdentifierKey(k))),
      ...s.idp.extraClaims,
    },
    nameIdentifier: nameIdentifierOf(s),
    tokenType:
      s.idp.tokenType ??
      (s.idp.tokenVersion === '2.0'
        ? 'urn:oasis:names:tc:SAML:2.0:assertion'
        : 'urn:oasis:names:tc:SAML:1.0:assertion'),
    tokenVersion: s.idp.tokenVersion ?? '1.1',
    validity: {
      notBeforeOffsetSeconds: s.idp.validity?.notBeforeOffsetSeconds ?? 0,
      lifetimeSeconds: s.idp.validity?.lifetimeSeconds ?? 3600,
    },
    relyingParties: s.idp.relyingParties ?? [ENTRA_AUDIENCE],
    kerberos: { acceptRc4: profile.acceptsRc4Tickets },
    mexVariant: s.idp.mex?.variant ?? 'complete',
    ...(s.idp.attack
      ? {
          mutateAssertion: assertionAttack(s.idp.attack, {
            key: privateKey(idp.signingKey, baseDir),
            certificatePem: certificatePem(signingCertPath, baseDir),
          }),
        }
      : {}),
    adfs,
    ...(s.idp.pingone?.attributeMappings
      ? { pingone: { attributeMappings: s.idp.pingone.attributeMappings } }
      : {}),
    directory: [
      {
        name: s.device.name,
        objectGuid: s.device.objectGuid,
        objectSid: s.device.objectSid,
        netbiosDomain: s.onprem.netbiosName ?? s.onprem.domain.split('.')[0]!.toUpperCase(),
        dnsDomain: s.onprem.domain,
        ...(s.device.accountPassword === undefined ? {} : { password: s.device.accountPassword }),
        ...(s.device.userPrincipalName === undefined
          ? {}
          : { userPrincipalName: s.device.userPrincipalName }),
      },
    ],
    users,
    clock: run.clock,
    ids: run.ids,
  };
}
