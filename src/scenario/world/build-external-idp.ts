/**
 * External IdP mode (`idp.external`, docs/decisions/0011): no mock IdP is built; the federated
 * domain's `metadataExchangeUri` / `activeSignInUri` point at the external IdP; the join client
 * reaches exactly those origins over the real network (trusting `caFile` besides the system CAs)
 * while mock Entra stays in-process; the credentials say how the client authenticates.
 */
import { SimError } from '../../core/errors.ts';
import { caCertificatesPem } from '../../core/keys.ts';
import type { ExternalOrigins } from '../../transport/route-fetch.ts';
import type { ExternalIdp } from './mock-idp.ts';
import type { Scenario } from '../language/schema.ts';

/** The domains idp.external applies to: `idp.domain`, or every federated domain. */
function appliesTo(s: Scenario, name: string): boolean {
  return s.idp.domain === undefined || s.idp.domain.toLowerCase() === name.toLowerCase();
}

/** The scenario with the external IdP's URLs in its federated domains' settings. */
export function withExternalFederation(s: Scenario, external: ExternalIdp): Scenario {
  let matched = false;
  const domains = s.tenant.domains.map((d) => {
    if (d.authentication !== 'federated' || !d.federation || !appliesTo(s, d.name)) return d;
    matched = true;
    return {
      ...d,
      federation: {
        ...d.federation,
        ...(external.metadataExchangeUri === undefined
          ? {}
          : { metadataExchangeUri: external.metadataExchangeUri }),
        ...(external.activeSignInUri === undefined
          ? {}
          : { activeSignInUri: external.activeSignInUri }),
      },
    };
  });
  if (!matched) {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      s.idp.domain === undefined
        ? 'idp.external needs a federated domain (tenant.domains[] with authentication: federated and a federation block)'
        : `idp.domain ${s.idp.domain} is not a federated domain of the tenant`,
      {
        where: 'idp.external',
        hint: "add the domain's federation settings (issuerUri, signingCertificate, …) as Get-MgDomainFederationConfiguration shows them",
      },
    );
  }
  return { ...s, tenant: { ...s.tenant, domains } };
}

/** The password sign-in that replaces Windows auth, or undefined for modeled Kerberos. */
export function externalSignIn(
  external: ExternalIdp,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { username: string; password: string } | undefined {
  const c = external.credentials;
  if (c === 'modeled-kerberos') return undefined;
  if (c.password !== undefined) return { username: c.username, password: c.password };
  const name = c.passwordEnv ?? '';
  const password = env[name];
  if (password === undefined || password === '') {
    throw new SimError(
      'ERR_SCENARIO_INVALID',
      `idp.external.credentials.passwordEnv names ${name}, and no such environment variable is set`,
      {
        where: 'idp.external.credentials.passwordEnv',
        hint: `set ${name} to the password of ${c.username} (a CI secret), or correct the name`,
      },
    );
  }
  return { username: c.username, password };
}

/**
 * What the transport lets out: exactly the origins of the URLs `idp.external` names (not whatever
 * the inherited federation block still says), and the CA trusted for them.
 */
export function externalOrigins(external: ExternalIdp, baseDir: string): ExternalOrigins {
  const origins = new Set<string>();
  for (const url of [external.metadataExchangeUri, external.activeSignInUri]) {
    if (url !== undefined && URL.canParse(url)) origins.add(new URL(url).origin);
  }
  return {
    origins: [...origins],
    ...(external.caFile === undefined ? {} : { ca: caCertificatesPem(external.caFile, baseDir) }),
  };
}
