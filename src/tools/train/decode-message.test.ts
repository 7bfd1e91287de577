import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_MICROSOFT_ONLINE,
  AUTHN_METHOD_WINDOWS,
  CLAIM,
} from '../../protocol/claims/claim-types.ts';
import { encodeNegotiateToken } from '../../protocol/kerberos/negotiate-token.ts';
import { buildMex } from '../../protocol/mex/build-mex.ts';
import { buildEntraError } from '../../protocol/oauth/error-response.ts';
import { buildAssertion } from '../../protocol/saml11/build-assertion.ts';
import { buildSoapFault } from '../../protocol/wstrust/soap-fault.ts';
import type { Exchange } from '../../transport/dispatch.ts';
import { decodeRequest, decodeResponse } from './decode-message.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const T0 = new Date('2025-07-10T17:22:13.000Z');
const T1 = new Date('2025-07-10T18:22:13.000Z');

function exchange(over: Partial<Exchange>): Exchange {
  return {
    party: 'mock-entra-login',
    method: 'POST',
    url: 'https://login.microsoftonline.com/common/oauth2/token',
    requestHeaders: {},
    requestBody: '',
    status: 200,
    responseHeaders: {},
    responseBody: '',
    ...over,
  };
}

const assertionXml = buildAssertion({
  assertionId: '_a1',
  issuer: 'https://sso.example.com/applications/app',
  issueInstant: T0,
  notBefore: T0,
  notOnOrAfter: T1,
  audiences: [AUDIENCE_MICROSOFT_ONLINE],
  nameIdentifier: { value: 'uRcIPxfKFEergfe1lD3sew==', format: '' },
  attributes: [
    {
      namespace: 'http://schemas.microsoft.com/ws/2008/06/identity/claims',
      name: 'accounttype',
      values: ['DJ'],
    },
    { ...CLAIM.onpremobjectguid, values: ['uRcIPxfKFEergfe1lD3sew=='] },
  ],
  authenticationMethod: AUTHN_METHOD_WINDOWS,
  authenticationInstant: T0,
});

describe('decodeRequest', () => {
  it('decodes the SAML bearer grant: form, assertion, and each claim checked', () => {
    for (const encode of [
      (s: string) => Buffer.from(s).toString('base64'),
      (s: string) => Buffer.from(s).toString('base64url'),
    ]) {
      const d = decodeRequest(
        exchange({
          requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
          requestBody: new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
            assertion: encode(assertionXml),
            client_id: 'c',
          }).toString(),
        }),
      );
      expect(d.kind).toBe('token-request');
      expect(d.summary).toBe('SAML bearer grant (saml1_1-bearer)');
      expect(d.form?.find(([k]) => k === 'assertion')?.[1]).toMatch(
        /characters of base64; the assertion is shown decoded/,
      );
      expect(d.assertion?.issuer).toBe('https://sso.example.com/applications/app');
      expect(d.assertion?.claims.map((c) => [c.name, c.status])).toEqual([
        ['accounttype', 'wrong-namespace'],
        ['onpremobjectguid', 'ok'],
        ['primarysid', 'missing'],
      ]);
      expect(d.assertion?.xml.split('\n').length).toBeGreaterThan(10);
    }
  });

  it('reads the modeled Kerberos ticket of a Negotiate header', () => {
    const token = encodeNegotiateToken({
      spn: 'HTTP/sso.example.com',
      client: 'IMOK-HYJD$@IMOKATDI.PING-ENG.COM',
      realm: 'IMOKATDI.PING-ENG.COM',
      sid: 'S-1-5-21-1-2-3-1105',
      groupSids: ['S-1-5-21-1-2-3-515'],
      encryptionType: 'rc4-hmac',
    });
    const d = decodeRequest(
      exchange({ requestHeaders: { authorization: `Negotiate ${token}` }, requestBody: '<x/>' }),
    );
    expect(d.negotiate).toContain('encryption type: rc4-hmac');
    expect(d.negotiate?.[0]).toBe('service principal: HTTP/sso.example.com');
  });
});

describe('decodeResponse', () => {
  it('splits AADSTS JSON into its description lines and names the code', () => {
    const { body } = buildEntraError(
      AADSTS.UserAccountNotInDirectory,
      { tenant: 't' },
      { traceId: 'tr', correlationId: 'co', now: T0 },
    );
    const d = decodeResponse(exchange({ status: 400, responseBody: JSON.stringify(body) }));
    expect(d.kind).toBe('aadsts');
    expect(d.summary).toBe('invalid_grant AADSTS51004');
    expect(d.aadsts?.descriptionLines[0]).toMatch(/^AADSTS51004: The user account/);
    expect(d.aadsts?.descriptionLines).toContain('Trace ID: tr');
    expect(d.aadsts?.meanings[0]).toMatch(/UserAccountNotInDirectory/);
  });

  it('reads a SOAP fault', () => {
    const d = decodeResponse(
      exchange({
        status: 500,
        responseBody: buildSoapFault({
          code: 'Sender',
          subcode: {
            namespace: 'http://docs.oasis-open.org/ws-sx/ws-trust/200512',
            value: 'a:InvalidScope',
          },
          reason: 'ID3082: The request scope is not valid or is unsupported.',
        }),
      }),
    );
    expect(d.kind).toBe('soap-fault');
    expect(d.fault).toMatchObject({
      code: 's:Sender',
      reason: 'ID3082: The request scope is not valid or is unsupported.',
    });
  });

  it('shows the MEX endpoint the client picks, or why there is none', () => {
    const address = 'https://sso.example.com/wsf/sts/app';
    const ok = decodeResponse(
      exchange({
        responseBody: buildMex({
          endpoints: [{ kind: 'windowstransport', version: '1.3', address }],
        }),
      }),
    );
    expect(ok.kind).toBe('mex');
    expect(ok.mex?.integrated).toEqual({ address, version: '1.3' });
    expect(ok.mex?.verdict).toContain(address);
    const none = decodeResponse(
      exchange({
        responseBody: buildMex({ endpoints: [{ kind: 'usernamemixed', version: '1.3', address }] }),
      }),
    );
    expect(none.mex?.integrated).toBeUndefined();
    expect(none.mex?.verdict).toContain('0xcaa90022');
  });

  it('names DRS errors and the ordinary JSON answers', () => {
    const drs = decodeResponse(
      exchange({
        status: 400,
        responseBody: JSON.stringify({ ErrorType: 'DirectoryError', Message: 'not found' }),
      }),
    );
    expect(drs).toMatchObject({ kind: 'drs-error', summary: 'DirectoryError: not found' });
    const realm = decodeResponse(
      exchange({
        responseBody: JSON.stringify({ account_type: 'Federated', federation_protocol: 'WSTrust' }),
      }),
    );
    expect(realm.summary).toBe('realm: Federated (WSTrust)');
  });

  it('shows what is neither JSON nor XML as text, and an empty body as empty', () => {
    expect(decodeResponse(exchange({ responseBody: 'Internal Server Error' }))).toMatchObject({
      kind: 'text',
      pretty: 'Internal Server Error',
    });
    expect(decodeResponse(exchange({})).kind).toBe('empty');
    expect(decodeResponse(exchange({ responseBody: '<html><body>proxy' })).kind).toBe('text');
  });
});
