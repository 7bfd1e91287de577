import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { encodeRedirectRequest, readAuthnRequest } from './authn-request.ts';

const request = (
  attrs = 'ID="_r1" Version="2.0" IssueInstant="2025-07-10T17:22:13Z"',
  issuer = 'urn:federation:MicrosoftOnline',
) =>
  `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ${attrs}>` +
  (issuer === ''
    ? ''
    : `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml:Issuer>`) +
  `</samlp:AuthnRequest>`;

const redirect = (xml: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({ SAMLRequest: encodeRedirectRequest(xml), ...extra });

function code(params: URLSearchParams, binding: 'redirect' | 'post' = 'redirect'): string {
  try {
    readAuthnRequest(params, binding);
  } catch (e) {
    if (isSimError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'accepted';
}

describe('readAuthnRequest', () => {
  it('reads the Redirect and POST bindings', () => {
    const xml = request(
      'ID="_r1" Version="2.0" IssueInstant="2025-07-10T17:22:13Z" Destination="https://sts/adfs/ls/" AssertionConsumerServiceURL="https://login.microsoftonline.com/login.srf"',
    );
    const want = {
      id: '_r1',
      issuer: 'urn:federation:MicrosoftOnline',
      issueInstant: '2025-07-10T17:22:13Z',
      destination: 'https://sts/adfs/ls/',
      assertionConsumerServiceUrl: 'https://login.microsoftonline.com/login.srf',
    };
    expect(readAuthnRequest(redirect(xml, { RelayState: 'rs' }), 'redirect')).toEqual({
      ...want,
      relayState: 'rs',
    });
    const post = new URLSearchParams({ SAMLRequest: Buffer.from(xml).toString('base64') });
    expect(readAuthnRequest(post, 'post')).toEqual(want);
  });

  it.each([
    ['no SAMLRequest', new URLSearchParams(), 'has no SAMLRequest'],
    ['not base64', new URLSearchParams({ SAMLRequest: '%%%' }), 'not base64'],
    [
      'not deflated',
      new URLSearchParams({ SAMLRequest: Buffer.from('<x/>').toString('base64') }),
      'not DEFLATE',
    ],
    ['another element', redirect('<x/>'), 'not a samlp:AuthnRequest'],
    ['no ID', redirect(request('Version="2.0" IssueInstant="t"')), 'has no ID'],
    [
      'Version 1.1',
      redirect(request('ID="_r" Version="1.1" IssueInstant="t"')),
      'Version is not 2.0',
    ],
    ['no IssueInstant', redirect(request('ID="_r" Version="2.0"')), 'no IssueInstant'],
    ['no Issuer', redirect(request(undefined, '')), 'no saml:Issuer'],
  ])('refuses %s', (_name, params, text) => {
    const got = code(params);
    expect(got).toMatch(/^ERR_SAMLP_REQUEST: /);
    expect(got).toContain(text);
  });

  it('refuses a DTD (ERR_XML_DTD)', () => {
    expect(code(redirect('<!DOCTYPE x [<!ENTITY a "b">]><x/>'))).toMatch(/^ERR_XML_DTD/);
  });
});
