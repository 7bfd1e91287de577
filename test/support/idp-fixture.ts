/**
 * A mock IdP for tests: either profile, configured like the shipped baselines (the PingOne seed's
 * device; an AD FS for contoso.example), with helpers that call its routes as the transports do,
 * build the RSTs clients send, and verify what it signs with plain xml-crypto (configured here,
 * independently of src/protocol/saml11/verify-assertion.ts).
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { manualClock } from '../../src/core/clock.ts';
import { findRoute, type Party, type PartyResponse } from '../../src/core/http.ts';
import { seededIds } from '../../src/core/ids.ts';
import { createIdpParty } from '../../src/idp/create-idp.ts';
import type { IdpConfig } from '../../src/idp/idp-config.ts';
import { PROFILES } from '../../src/idp/profiles/profiles.ts';
import {
  encodeNegotiateToken,
  type ServiceTicket,
} from '../../src/protocol/kerberos/negotiate-token.ts';
import type { WsTrustVersion } from '../../src/protocol/wstrust/constants.ts';
import { buildRst } from '../../src/protocol/wstrust/rst.ts';
import { DEVICE_GUID, DEVICE_SID, key, NOW, pem } from './entra-fixture.ts';

export const APP = '4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
export const PINGONE_HOST = 'sso.example.com';
export const ADFS_HOST = 'sts.contoso.example';
export const ADFS_DOMAIN = 'contoso.example';
export const USER_GUID = '9d1b5c1e-2f0a-4c1e-9a4b-6a3c2d1e0f9a';
export const USER = { upn: 'alice@contoso.example', password: 'Passw0rd!', objectGuid: USER_GUID };

export function idpConfig(profile: 'pingone' | 'adfs', patch: Partial<IdpConfig> = {}): IdpConfig {
  const adfs = profile === 'adfs';
  const base: Omit<IdpConfig, 'issuer'> = {
    profile: PROFILES[profile],
    host: adfs ? ADFS_HOST : PINGONE_HOST,
    appId: adfs ? undefined : APP,
    domain: adfs ? ADFS_DOMAIN : 'imokatdi.ping-eng.com',
    audience: undefined,
    signing: {
      key: key('idp-signing.key'),
      certificatePem: pem('idp-signing.crt'),
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      includeKeyInfo: true,
    },
    claimOverrides: {},
    nameIdentifier: { omit: false, format: undefined, value: undefined },
    tokenType: 'urn:oasis:names:tc:SAML:1.0:assertion',
    validity: { notBeforeOffsetSeconds: 0, lifetimeSeconds: 3600 },
    relyingParties: ['urn:federation:MicrosoftOnline'],
    kerberos: { acceptRc4: PROFILES[profile].acceptsRc4Tickets },
    mexVariant: 'complete',
    adfs: { multipleDomains: false, issuerIdRules: 'none', issuerIdDomain: ADFS_DOMAIN },
    directory: [{ name: 'IMOK-HYJD', objectGuid: DEVICE_GUID, objectSid: DEVICE_SID }],
    users: [USER],
    clock: manualClock(NOW),
    ids: seededIds(`idp-test-${profile}`),
  };
  const merged = { ...base, ...patch };
  return { ...merged, issuer: patch.issuer ?? PROFILES[profile].defaultIssuer(merged) };
}

export function ticket(host: string, patch: Partial<ServiceTicket> = {}): string {
  return encodeNegotiateToken({
    spn: `HTTP/${host}`,
    client: 'IMOK-HYJD$@IMOKATDI.PING-ENG.COM',
    realm: 'IMOKATDI.PING-ENG.COM',
    sid: DEVICE_SID,
    groupSids: ['S-1-5-21-1004336348-1177238915-682003330-515'],
    encryptionType: 'aes256-cts-hmac-sha1-96',
    ...patch,
  });
}

/** Calls one route of a party the way dispatch does (405 / 404 included). */
export async function call(
  party: Party,
  method: string,
  pathAndQuery: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<PartyResponse> {
  const url = new URL(`https://${party.host}${pathAndQuery}`);
  const found = findRoute(party, method, url.pathname);
  if (!found) return { status: 404, headers: {}, body: '' };
  if ('methodNotAllowed' in found) return { status: 405, headers: {}, body: '' };
  return found.route.handle({ method, url, headers, body }, found.params);
}

export function rst(
  version: WsTrustVersion,
  to: string,
  opts: { appliesTo?: string; username?: { username: string; password: string } } = {},
): string {
  return buildRst({
    version,
    to,
    messageId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    appliesTo: opts.appliesTo ?? 'urn:federation:MicrosoftOnline',
    ...(opts.username
      ? {
          username: {
            ...opts.username,
            created: NOW,
            expires: new Date(NOW.getTime() + 600_000),
          },
        }
      : {}),
  });
}

export const party = (cfg: IdpConfig) => createIdpParty(cfg);

/**
 * Verifies an enveloped signature with plain xml-crypto against `certFile`, with `idAttribute`;
 * true only when the signature checks and covers the document's root element.
 */
export function verifiesWith(
  xml: string,
  certFile = 'idp-signing.crt',
  idAttribute = 'AssertionID',
) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const sig = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
  if (!sig) return false;
  // xml-crypto always resolves ID/Id/id; naming `ID` again would count each element twice.
  const v = new SignedXml({
    publicCert: pem(certFile),
    ...(idAttribute === 'ID' ? {} : { idAttribute }),
  });
  v.loadSignature(sig);
  try {
    return v.checkSignature(xml);
  } catch {
    return false;
  }
}
