import { describe, expect, it } from 'vitest';
import { isSimError } from '../../core/errors.ts';
import { buildSignInQuery, parsePassiveRequest } from './sign-in-request.ts';

const parse = (q: string) => parsePassiveRequest(new URLSearchParams(q));

function rejection(q: string): { where?: string; message: string } {
  try {
    parse(q);
  } catch (e) {
    if (isSimError(e, 'ERR_WSFED_REQUEST'))
      return { message: e.message, ...(e.where ? { where: e.where } : {}) };
    throw e;
  }
  throw new Error(`accepted: ${q}`);
}

describe('parsePassiveRequest', () => {
  it('reads a sign-in request with every optional parameter', () => {
    expect(
      parse(
        'wa=wsignin1.0&wtrealm=urn%3afederation%3aMicrosoftOnline&wctx=rm%3d0&wreply=https%3a%2f%2flogin.microsoftonline.com%2flogin.srf&wct=2025-07-10T17:22:13Z&whr=contoso.com&wfresh=0&username=alice%40contoso.com',
      ),
    ).toEqual({
      action: 'wsignin1.0',
      realm: 'urn:federation:MicrosoftOnline',
      context: 'rm=0',
      reply: 'https://login.microsoftonline.com/login.srf',
      time: '2025-07-10T17:22:13Z',
      homeRealm: 'contoso.com',
      freshness: 0,
      username: 'alice@contoso.com',
    });
  });

  it('reads sign-out without a realm', () => {
    expect(parse('wa=wsignout1.0')).toEqual({ action: 'wsignout1.0' });
    expect(parse('wa=wsignoutcleanup1.0&wreply=https://x.example/')).toEqual({
      action: 'wsignoutcleanup1.0',
      reply: 'https://x.example/',
    });
  });

  it('round-trips what buildSignInQuery writes', () => {
    expect(parse(buildSignInQuery({ realm: 'urn:x', context: 'c', username: 'u@x' }))).toEqual({
      action: 'wsignin1.0',
      realm: 'urn:x',
      context: 'c',
      username: 'u@x',
    });
  });

  it.each([
    ['', 'wa', 'no wa parameter'],
    ['wa=wsignin2.0&wtrealm=urn:x', 'wa', "wa 'wsignin2.0' is not a WS-Federation action"],
    ['wa=wsignin1.0', 'wtrealm', 'needs wtrealm'],
    ['wa=wsignin1.0&wtrealm=urn:x&wreply=login.srf', 'wreply', 'not an absolute URL'],
    ['wa=wsignin1.0&wtrealm=urn:x&wreply=http://x.example/', 'wreply', 'is not https'],
    ['wa=wsignin1.0&wtrealm=urn:x&wct=yesterday', 'wct', 'is not an xs:dateTime'],
    ['wa=wsignin1.0&wtrealm=urn:x&wfresh=soon', 'wfresh', 'is not a whole number'],
  ])('refuses %j at %s', (q, where, text) => {
    const r = rejection(q);
    expect(r.where).toBe(where);
    expect(r.message).toContain(text);
  });
});
