import { describe, expect, it } from 'vitest';
import {
  aadstsCodesIn,
  acrOf,
  authorizeRedirect,
  buildAuthorizeUrl,
  readAuthorizeRedirect,
  resourceParams,
  WORKPLACE_JOIN_REDIRECT_URI,
} from './authorize-request.ts';

describe('resource_params', () => {
  it('encodes acr wiaormultiauthn exactly as [DL] [TSL] quotes it', () => {
    expect(resourceParams('wiaormultiauthn')).toBe(
      'eyJQcm9wZXJ0aWVzIjpbeyJLZXkiOiJhY3IiLCJWYWx1ZSI6IndpYW9ybXVsdGlhdXRobiJ9XX0',
    );
  });

  it('reads the acr back, and nothing from what is not of that shape', () => {
    expect(acrOf(resourceParams('wiaormultiauthn'))).toBe('wiaormultiauthn');
    expect(acrOf(null)).toBeUndefined();
    expect(acrOf('not base64 json')).toBeUndefined();
    expect(
      acrOf(Buffer.from('{"Properties":[{"Key":"x","Value":"y"}]}').toString('base64')),
    ).toBeUndefined();
  });
});

describe('authorize request', () => {
  it('asks silently for a DRS token with both hints', () => {
    const url = new URL(
      buildAuthorizeUrl({
        loginHost: 'login.microsoftonline.com',
        tenant: 'contoso.com',
        loginHint: 'jdoe@contoso.com',
        domainHint: 'contoso.com',
        clientRequestId: 'c0ffee00-0000-4000-8000-000000000000',
        acr: 'wiaormultiauthn',
      }),
    );
    expect(url.pathname).toBe('/contoso.com/oauth2/authorize');
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('token');
    expect(q.get('prompt')).toBe('none');
    expect(q.get('resource')).toBe('urn:ms-drs:enterpriseregistration.windows.net');
    expect(q.get('login_hint')).toBe('jdoe@contoso.com');
    expect(q.get('domain_hint')).toBe('contoso.com');
    expect(acrOf(q.get('resource_params'))).toBe('wiaormultiauthn');
  });

  it('leaves resource_params out without an acr', () => {
    const url = buildAuthorizeUrl({
      loginHost: 'login.microsoftonline.com',
      tenant: 't',
      loginHint: 'u@t',
      domainHint: 't',
      clientRequestId: 'x',
    });
    expect(new URL(url).searchParams.has('resource_params')).toBe(false);
  });
});

describe('the answer in the redirect fragment', () => {
  it('round-trips a token and an error', () => {
    const ok = authorizeRedirect(WORKPLACE_JOIN_REDIRECT_URI, {
      ok: true,
      accessToken: 'eyJ.a.b',
      expiresIn: 3600,
    });
    expect(readAuthorizeRedirect(ok)).toEqual({
      ok: true,
      accessToken: 'eyJ.a.b',
      expiresIn: 3600,
    });
    const err = authorizeRedirect(WORKPLACE_JOIN_REDIRECT_URI, {
      ok: false,
      error: 'interaction_required',
      description: 'AADSTS50076: MFA\r\nTrace ID: x',
    });
    expect(readAuthorizeRedirect(err)).toEqual({
      ok: false,
      error: 'interaction_required',
      description: 'AADSTS50076: MFA\r\nTrace ID: x',
    });
  });

  it('ignores another redirect URI and a fragment with neither', () => {
    expect(readAuthorizeRedirect('https://evil.example/#access_token=x')).toBeUndefined();
    expect(readAuthorizeRedirect(`${WORKPLACE_JOIN_REDIRECT_URI}#state=1`)).toBeUndefined();
  });

  it('finds the AADSTS codes of a description', () => {
    expect(aadstsCodesIn('AADSTS70002: Error. AADSTS500133: Assertion…')).toEqual([70002, 500133]);
    expect(aadstsCodesIn('no code')).toEqual([]);
  });
});
