/**
 * The URLs a client uses against a served scenario (`hjsim serve`, `hjsim/testcontainers`): the
 * mock IdP's MEX, STS and issuer as the (localized) scenario names them, and mock Entra's user
 * realm, token, DRS discovery and join endpoints at the server's base URL.
 * @see docs/decisions/0004-loopback-transport.md
 */
import type { Scenario } from '../language/schema.ts';

export interface ServedUrls {
  /** The federated domain's `metadataExchangeUri`, `activeSignInUri` and issuer (undefined when managed). */
  readonly mex: string | undefined;
  readonly sts: string | undefined;
  readonly issuer: string | undefined;
  /** `GET` user realm (ADAL's v1 form) for the first federated domain. */
  readonly userRealm: string;
  /** `POST` oauth2/token (v1) of the scenario's tenant. */
  readonly token: string;
  /** `GET` DRS discovery of the scenario's tenant. */
  readonly discovery: string;
  /** `POST` DRS device join. */
  readonly join: string;
}

/** `entraBase`: where mock Entra answers (`https://127.0.0.1:PORT`). */
export function servedUrls(s: Scenario, entraBase: string): ServedUrls {
  const d = s.tenant.domains.find((x) => x.authentication === 'federated' && x.federation);
  const f = d?.federation;
  const domain = d?.name ?? s.tenant.domains[0]?.name ?? '';
  return {
    mex: f?.metadataExchangeUri,
    sts: f?.activeSignInUri,
    issuer: f ? (s.idp.issuer ?? f.issuerUri) : undefined,
    userRealm: `${entraBase}/common/userrealm/${domain}?api-version=1.0`,
    token: `${entraBase}/${s.tenant.id}/oauth2/token`,
    discovery: `${entraBase}/${s.tenant.id}/discover?api-version=1.7`,
    join: `${entraBase}/EnrollmentServer/device/?api-version=2.0`,
  };
}
