/**
 * For `hjsim serve`: points a scenario's public IdP URLs at the local server. Every place the
 * scenario names the IdP's origin (`https://<idp.host>`) — `idp.host`, `idp.issuer` and the
 * federated domains' `issuerUri`, `metadataExchangeUri`, `activeSignInUri`, `passiveSignInUri`,
 * `signOutUri` — gets the server's base URL instead. Only the origin changes, so a scenario's
 * misconfiguration survives (a trailing slash, a `/wsf/mex/` path, an issuer on another host).
 * @see docs/decisions/0004-loopback-transport.md
 */
import type { Scenario } from './schema.ts';

const FEDERATION_URLS = [
  'issuerUri',
  'metadataExchangeUri',
  'activeSignInUri',
  'passiveSignInUri',
  'signOutUri',
] as const;

export function localizeScenario(s: Scenario, baseUrl: string): Scenario {
  // An external IdP has no host of hjsim's to move (docs/decisions/0011).
  if (s.idp.host === undefined) return s;
  const base = new URL(baseUrl);
  const from = `https://${s.idp.host}`.toLowerCase();
  const swap = (value: string): string =>
    value.toLowerCase() === from || value.toLowerCase().startsWith(`${from}/`)
      ? `${base.origin}${value.slice(from.length)}`
      : value;
  return {
    ...s,
    idp: {
      ...s.idp,
      host: base.host,
      ...(s.idp.issuer !== undefined ? { issuer: swap(s.idp.issuer) } : {}),
    },
    tenant: {
      ...s.tenant,
      domains: s.tenant.domains.map((d) => {
        if (!d.federation) return d;
        const f = { ...d.federation };
        for (const k of FEDERATION_URLS) {
          const v = f[k];
          if (v !== undefined) f[k] = swap(v);
        }
        return { ...d, federation: f };
      }),
    },
  };
}
