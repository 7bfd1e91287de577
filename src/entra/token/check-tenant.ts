/**
 * The `{tenant}` segment names this tenant (id or verified domain), or is `common` /
 * `organizations`, in which case the assertion's issuer must identify the tenant.
 * @see [ERR] (90002 InvalidTenantName); microsoft/Analysis-Services#194
 *   (900023 for an identifier that is no GUID and no DNS name)
 * modeled: 90019 when a `common`/`organizations` request carries an assertion, readable by the
 *   grant's reader, that names no issuer (no tenant-identifying information anywhere); `consumers`
 *   is answered as an unknown tenant (the simulated cloud has no Microsoft account tenant).
 */
import { NS } from '../../protocol/xml/namespaces.ts';
import { peekRoot } from '../../protocol/saml11/parse-assertion.ts';
import { assertionDocument } from './assertion-document.ts';
import { tenantMatches } from '../tenant.ts';
import { decodedAssertion } from './decode-assertion.ts';
import type { TokenCheck, TokenState } from './token-state.ts';
import { AADSTS } from '../../protocol/oauth/aadsts.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The assertion is one the grant's reader can read, and it names no issuer. */
function namesNoIssuer(s: TokenState): boolean {
  const xml = decodedAssertion(s.form.get('assertion') ?? '');
  if (xml === undefined) return false;
  let peek;
  try {
    peek = peekRoot(assertionDocument(s, xml).documentElement);
  } catch {
    return false;
  }
  const readable =
    peek.rootLocalName === 'Assertion' &&
    peek.rootNamespace === (s.grantType === 'saml2-bearer' ? NS.saml2 : NS.saml11);
  return readable && (peek.issuer ?? '').trim() === '';
}

export const checkTenant: TokenCheck = (s) => {
  const seg = s.tenantSegment.toLowerCase();
  if (seg === 'common' || seg === 'organizations') {
    return namesNoIssuer(s)
      ? {
          code: AADSTS.MissingTenantRealm,
          detail: `/${s.tenantSegment} and the assertion names no issuer`,
        }
      : undefined;
  }
  if (tenantMatches(s.ctx.tenant, seg)) return undefined;
  if (!GUID.test(seg) && !DNS_NAME.test(seg) && seg !== 'consumers') {
    return { code: AADSTS.InvalidTenantIdentifier, params: { tenant: s.tenantSegment } };
  }
  return { code: AADSTS.InvalidTenantName, params: { tenant: s.tenantSegment } };
};
