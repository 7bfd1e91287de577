/**
 * Every named MEX variant, read back the way the client reads a MEX (ADAL/MSAL selection rules in
 * src/protocol/mex/select-endpoint.ts): which endpoints survive, which ADAL warnings appear, and
 * what a GET gets when the document is HTML or served to POST only.
 */
import { describe, expect, it } from 'vitest';
import { isSimError } from '../../src/core/errors.ts';
import { MEX_VARIANTS, type MexVariant } from '../../src/idp/idp-config.ts';
import { parseMex, type MexEndpointChoice } from '../../src/protocol/mex/select-endpoint.ts';
import { ADFS_HOST, APP, call, idpConfig, party, PINGONE_HOST } from '../support/idp-fixture.ts';

const ADFS_WT13 = `https://${ADFS_HOST}/adfs/services/trust/13/windowstransport`;
const ADFS_WT2005 = `https://${ADFS_HOST}/adfs/services/trust/2005/windowstransport`;
const ADFS_UM2005 = `https://${ADFS_HOST}/adfs/services/trust/2005/usernamemixed`;

interface Want {
  integrated: MexEndpointChoice | undefined;
  usernamePassword?: MexEndpointChoice | undefined;
  warning?: string;
}

/** What the client finds in the AD FS MEX under each variant that still is XML served to GET. */
const EXPECTED: Partial<Record<MexVariant, Want>> = {
  complete: { integrated: { address: ADFS_WT13, version: '1.3' } },
  'no-windows-auth': { integrated: undefined },
  '2005-only': {
    integrated: { address: ADFS_WT2005, version: '2005' },
    usernamePassword: { address: ADFS_UM2005, version: '2005' },
  },
  'http-address': { integrated: undefined, usernamePassword: undefined, warning: '0x8aa90025' },
  'no-soap-action': { integrated: undefined, warning: '0x8aa90028' },
  'no-soap-transport': { integrated: undefined, warning: '0x8aa90027' },
  'no-binding': { integrated: undefined, warning: '0x8aa90026' },
  'no-binding-name': { integrated: undefined, warning: '0x8aa90029' },
  'no-policy-reference-uri': { integrated: undefined, warning: '0x8aa9002a' },
  'no-address': { integrated: undefined, warning: '0x8aa90024' },
};

async function mexOf(variant: MexVariant) {
  return call(party(idpConfig('adfs', { mexVariant: variant })), 'GET', '/adfs/services/trust/mex');
}

describe('MEX variants', () => {
  it('covers every variant in this table or below', () => {
    expect([...Object.keys(EXPECTED), 'html', 'post-only'].sort()).toEqual(
      [...MEX_VARIANTS].sort(),
    );
  });

  for (const [variant, want] of Object.entries(EXPECTED) as [MexVariant, Want | undefined][]) {
    it(`${variant}: ${want?.integrated ? `Windows auth at ${want.integrated.version}` : 'no usable Windows-auth endpoint'}${want?.warning ? `, warning ${want.warning}` : ''}`, async () => {
      const res = await mexOf(variant);
      expect(res.status).toBe(200);
      const sel = parseMex(res.body);
      expect(sel.integrated).toEqual(want?.integrated);
      if (want && 'usernamePassword' in want)
        expect(sel.usernamePassword).toEqual(want.usernamePassword);
      if (want?.warning) expect(sel.warnings.map((w) => w.hresult)).toContain(want.warning);
      else expect(sel.warnings).toEqual([]);
    });
  }

  it('html: a sign-in page the client cannot parse as XML (0xcaa9002c)', async () => {
    const res = await mexOf('html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    let error: unknown;
    try {
      parseMex(res.body);
    } catch (e) {
      error = e;
    }
    expect(isSimError(error)).toBe(true);
  });

  it('post-only: GET is refused with 405 (0xcaa9002b), POST gets the document', async () => {
    const p = party(idpConfig('adfs', { mexVariant: 'post-only' }));
    expect((await call(p, 'GET', '/adfs/services/trust/mex')).status).toBe(405);
    const post = await call(p, 'POST', '/adfs/services/trust/mex');
    expect(parseMex(post.body).integrated?.address).toBe(ADFS_WT13);
  });

  it('2005-only on PingOne turns /wsf/mex13 into WS-Trust 2005 endpoints on the same STS URL', async () => {
    const p = party(idpConfig('pingone', { mexVariant: '2005-only' }));
    const sel = parseMex((await call(p, 'GET', `/wsf/mex13/${APP}`)).body);
    expect(sel.integrated).toEqual({
      address: `https://${PINGONE_HOST}/wsf/sts/${APP}`,
      version: '2005',
    });
  });
});
