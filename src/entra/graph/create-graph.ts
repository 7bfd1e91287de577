/**
 * A Graph-like admin API on `graph.microsoft.com` so that a scenario, a test or a user changes a
 * domain's federation settings mid-run — a certificate rollover, a `metadataExchangeUri` fix —
 * exactly as an admin does with `Get-/Update-MgDomainFederationConfiguration`:
 * `GET /v1.0/domains/{id}/federationConfiguration`, `GET …/federationConfiguration/{fedId}`,
 * `PATCH …/federationConfiguration/{fedId}` (200 with the updated object).
 * @see microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/internaldomainfederation-update.md,
 *   domain-list-federationconfiguration.md; graph-error.ts (error body)
 * Authorization: a bearer token mock Entra issued for Microsoft Graph (its signature, tenant,
 *   audience and lifetime checked), or the admin key `hjsim serve` prints at start; anything else is
 *   Graph's 401 InvalidAuthenticationToken: "Access token is empty." without one, "Access token
 *   validation failure. Invalid audience." for a token of another resource [GRAPHDOCS16208].
 * modeled: no admin role model (any Graph token of the tenant may PATCH); the texts for a forged
 *   ("Access token validation failure.") and an expired token ("Access token has expired or is not
 *   yet valid."). Unknown domain: 404 Request_ResourceNotFound with the directory's "Resource '…'
 *   does not exist …" wording.
 */
import { timingSafeEqual } from 'node:crypto';
import { GRAPH_HOST } from '../../protocol/entra-names.ts';
import {
  jsonResponse,
  type Party,
  type PartyRequest,
  type PartyResponse,
  type Route,
} from '../../core/http.ts';
import { federationIdOf, findDomain, type EntraContext, type TenantDomain } from '../tenant.ts';
import { applyPatch, toGraph } from './federation-configuration.ts';
import { graphError } from './graph-error.ts';
import { checkBearerToken } from '../access-token.ts';
import { GRAPH } from '../token/resources.ts';

/** Compares two secrets in constant time. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type Handler = (req: PartyRequest, p: Readonly<Record<string, string>>) => PartyResponse;

function context(domain: string, entity: boolean): string {
  return `https://${GRAPH_HOST}/v1.0/$metadata#domains('${domain}')/federationConfiguration${entity ? '/$entity' : ''}`;
}

export function createGraphParty(ctx: EntraContext): Party {
  const fail = (req: PartyRequest, status: number, code: string, message: string) => {
    const requestId = ctx.ids.uuid();
    return graphError({
      status,
      code,
      message,
      requestId,
      clientRequestId: req.headers['client-request-id'] ?? requestId,
      now: ctx.clock.now(),
    });
  };
  const notFound = (req: PartyRequest, what: string) =>
    fail(
      req,
      404,
      'Request_ResourceNotFound',
      `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
    );
  /** Undefined when the caller may use the API, else Graph's message for the 401. */
  const unauthorized = (authorization: string | undefined): string | undefined => {
    const key = ctx.graphAdminKey;
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (key !== undefined && presented !== undefined && sameSecret(presented, key))
      return undefined;
    const r = checkBearerToken(ctx, authorization, GRAPH);
    if (r.ok) return undefined;
    return {
      empty: 'Access token is empty.',
      invalid: 'Access token validation failure.',
      audience: 'Access token validation failure. Invalid audience.',
      expired: 'Access token has expired or is not yet valid.',
    }[r.why];
  };
  /** Authorized, domain found; then the handler. */
  const guarded =
    (
      h: (req: PartyRequest, d: TenantDomain, p: Readonly<Record<string, string>>) => PartyResponse,
    ): Handler =>
    (req, p) => {
      const refused = unauthorized(req.headers['authorization']);
      if (refused) return fail(req, 401, 'InvalidAuthenticationToken', refused);
      const domain = findDomain(ctx.tenant, p['domain'] ?? '');
      return domain ? h(req, domain, p) : notFound(req, p['domain'] ?? '');
    };
  const federated = (d: TenantDomain, fedId: string) =>
    d.federation !== undefined && federationIdOf(d).toLowerCase() === fedId.toLowerCase();

  const list = guarded((_req, d) =>
    jsonResponse(200, {
      '@odata.context': context(d.name, false),
      value: d.federation ? [toGraph(d)] : [],
    }),
  );
  const get = guarded((req, d, p) =>
    federated(d, p['id'] ?? '')
      ? jsonResponse(200, { '@odata.context': context(d.name, true), ...toGraph(d) })
      : notFound(req, p['id'] ?? ''),
  );
  const patch = guarded((req, d, p) => {
    if (!federated(d, p['id'] ?? '')) return notFound(req, p['id'] ?? '');
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return fail(
        req,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
    const r = applyPatch(d.federation!, body);
    if (!r.ok) return fail(req, 400, r.code, r.message);
    const i = ctx.tenant.domains.indexOf(d);
    const updated: TenantDomain = { ...d, federation: r.value };
    ctx.tenant.domains[i] = updated;
    ctx.log?.(
      `graph: PATCH federationConfiguration of ${d.name}: ${Object.keys(body as object).join(', ') || '(nothing)'}`,
    );
    return jsonResponse(200, toGraph(updated));
  });

  const route = (method: Route['method'], path: string, handle: Handler): Route => ({
    method,
    path,
    handle,
  });
  return {
    name: 'mock-graph',
    host: GRAPH_HOST,
    routes: [
      route('GET', '/v1.0/domains/:domain/federationConfiguration', list),
      route('GET', '/v1.0/domains/:domain/federationConfiguration/:id', get),
      route('PATCH', '/v1.0/domains/:domain/federationConfiguration/:id', patch),
    ],
  };
}
