/**
 * The mock IdP (PingOne profile) as a client meets it: MEX by GET, WS-Trust 1.3 with a Negotiate
 * ticket, SOAP faults, and an assertion that verifies under a verifier configured independently
 * (plain xml-crypto) and fails once tampered.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.ts';
import { seededIds } from '../../src/core/ids.ts';
import type { Party, PartyResponse } from '../../src/core/http.ts';
import { findRoute } from '../../src/core/http.ts';
import { createIdpParty } from '../../src/idp/create-idp.ts';
import type { IdpConfig } from '../../src/idp/idp-config.ts';
import {
  pingoneDeviceClaims,
  pingoneIssuer,
  pingoneNameIdentifier,
} from '../../src/idp/profiles/pingone.ts';
import {
  encodeNegotiateToken,
  type ServiceTicket,
} from '../../src/protocol/kerberos/negotiate-token.ts';
import { parseMex } from '../../src/protocol/mex/select-endpoint.ts';
import { buildRst } from '../../src/protocol/wstrust/rst.ts';
import { parseRstr } from '../../src/protocol/wstrust/rstr.ts';
import { uuidAsBase64Guid } from '../../src/protocol/encoding/guid.ts';
import { DEVICE_GUID, DEVICE_SID, key, NOW, pem } from '../support/entra-fixture.ts';

const APP = '4afaa6b9-1497-44b6-b1ce-1a6d396f7f7e';
const HOST = 'sso.example.com';

function config(patch: Partial<IdpConfig> = {}): IdpConfig {
  return {
    profile: 'pingone',
    host: HOST,
    appId: APP,
    issuer: pingoneIssuer(HOST, APP),
    audience: 'urn:federation:MicrosoftOnline',
    signingKey: key('idp-signing.key'),
    signingCertificatePem: pem('idp-signing.crt'),
    claims: pingoneDeviceClaims(),
    nameIdentifier: pingoneNameIdentifier(),
    tokenType: 'urn:oasis:names:tc:SAML:1.0:assertion',
    validity: { notBeforeOffsetSeconds: 0, lifetimeSeconds: 3600 },
    relyingParties: ['urn:federation:MicrosoftOnline'],
    kerberos: { acceptRc4: false },
    directory: [{ name: 'IMOK-HYJD', objectGuid: DEVICE_GUID, objectSid: DEVICE_SID }],
    clock: manualClock(NOW),
    ids: seededIds('idp-test'),
    ...patch,
  };
}

const ticket = (patch: Partial<ServiceTicket> = {}): string =>
  encodeNegotiateToken({
    spn: `HTTP/${HOST}`,
    client: 'IMOK-HYJD$@IMOKATDI.PING-ENG.COM',
    realm: 'IMOKATDI.PING-ENG.COM',
    sid: DEVICE_SID,
    groupSids: ['S-1-5-21-1004336348-1177238915-682003330-515'],
    encryptionType: 'aes256-cts-hmac-sha1-96',
    ...patch,
  });

async function call(
  party: Party,
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<PartyResponse> {
  const found = findRoute(party, method, path);
  if (!found || 'methodNotAllowed' in found) throw new Error(`no route ${method} ${path}`);
  return found.route.handle(
    { method, url: new URL(`https://${HOST}${path}`), headers, body },
    found.params,
  );
}

const rst = (appliesTo = 'urn:federation:MicrosoftOnline') =>
  buildRst({
    version: '1.3',
    to: `https://${HOST}/wsf/sts/${APP}`,
    messageId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    appliesTo,
  });

describe('PingOne-like mock IdP', () => {
  it('serves MEX 1.3 by GET with a Windows-auth endpoint, and /wsf/mex without one', async () => {
    const party = createIdpParty(config());
    const mex13 = parseMex((await call(party, 'GET', `/wsf/mex13/${APP}`)).body);
    expect(mex13.integrated).toEqual({ address: `https://${HOST}/wsf/sts/${APP}`, version: '1.3' });
    const mex2005 = parseMex((await call(party, 'GET', `/wsf/mex/${APP}`)).body);
    expect(mex2005.integrated).toBeUndefined();
    expect(mex2005.usernamePassword?.version).toBe('2005');
  });

  it('issues an RSTR whose assertion verifies under plain xml-crypto, and fails once tampered', async () => {
    const res = await call(createIdpParty(config()), 'POST', `/wsf/sts/${APP}`, rst(), {
      authorization: `Negotiate ${ticket()}`,
    });
    expect(res.status).toBe(200);
    const r = parseRstr(res.body);
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.tokenType).toBe('urn:oasis:names:tc:SAML:1.0:assertion');
    const verify = (xml: string) => {
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const sig = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!;
      const v = new SignedXml({ publicCert: pem('idp-signing.crt'), idAttribute: 'AssertionID' });
      v.loadSignature(sig);
      try {
        return v.checkSignature(xml);
      } catch {
        return false;
      }
    };
    expect(verify(r.assertionXml)).toBe(true);
    expect(r.assertionXml).toContain(
      `AttributeNamespace="http://schemas.microsoft.com/ws/2012/01"`,
    );
    expect(r.assertionXml).toContain(uuidAsBase64Guid(DEVICE_GUID));
    expect(verify(r.assertionXml.replace(DEVICE_SID, 'S-1-5-21-1-2-3-500'))).toBe(false);
  });

  it('challenges a request without Negotiate (401) and faults an RC4 ticket (service account without AES)', async () => {
    const party = createIdpParty(config());
    const noAuth = await call(party, 'POST', `/wsf/sts/${APP}`, rst());
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers['www-authenticate']).toBe('Negotiate');
    const rc4 = await call(party, 'POST', `/wsf/sts/${APP}`, rst(), {
      authorization: `Negotiate ${ticket({ encryptionType: 'rc4-hmac' })}`,
    });
    expect(rc4.status).toBe(500);
    const f = parseRstr(rc4.body);
    expect(f).toMatchObject({
      kind: 'fault',
      reason: 'ID3242: The security token could not be authenticated or authorized.',
    });
  });

  it('faults an unknown relying party with ID3082', async () => {
    const res = await call(
      createIdpParty(config()),
      'POST',
      `/wsf/sts/${APP}`,
      rst('urn:federation:MicrosoftOnline:usgov'),
      { authorization: `Negotiate ${ticket()}` },
    );
    expect(parseRstr(res.body)).toMatchObject({
      kind: 'fault',
      reason: 'ID3082: The request scope is not valid or is unsupported.',
    });
  });

  it('faults a computer its directory does not know, and a ticket for another service', async () => {
    const party = createIdpParty(config());
    for (const t of [
      ticket({ sid: 'S-1-5-21-9-9-9-1000' }),
      ticket({ spn: 'HTTP/other.example.com' }),
    ]) {
      const res = await call(party, 'POST', `/wsf/sts/${APP}`, rst(), {
        authorization: `Negotiate ${t}`,
      });
      expect(parseRstr(res.body)).toMatchObject({ kind: 'fault' });
    }
  });

  it('issues the claims with the NameFormats the scenario sets, and leaves out omitted ones', async () => {
    const claims = pingoneDeviceClaims()
      .filter((c) => c.key !== 'primarysid')
      .map((c) =>
        c.key === 'accounttype'
          ? { ...c, namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims' }
          : c,
      );
    const res = await call(createIdpParty(config({ claims })), 'POST', `/wsf/sts/${APP}`, rst(), {
      authorization: `Negotiate ${ticket()}`,
    });
    const r = parseRstr(res.body);
    if (r.kind !== 'token') throw new Error('expected a token');
    expect(r.assertionXml).toMatch(
      /AttributeName="accounttype" AttributeNamespace="http:\/\/schemas\.microsoft\.com\/ws\/2008\/06\/identity\/claims"|AttributeNamespace="http:\/\/schemas\.microsoft\.com\/ws\/2008\/06\/identity\/claims" AttributeName="accounttype"/,
    );
    expect(r.assertionXml).not.toContain('primarysid');
  });
});
