/**
 * The last check: the token goes through mock Entra's own oauth2/token (TOKEN_CHECKS, the
 * pipeline every hjsim join meets), for a tenant whose federated domain holds the run's
 * federation settings and whose synced computer is the run's, and its answer is compared with
 * what the checks before predict. A conforming token must get an access token; a token that
 * failed a check must be refused by the token check that covers it, with its code. Anything else
 * — a refusal no check explains, or a token accepted despite a failed check — fails, so that the
 * conformance checks and the pipeline can never silently disagree.
 * @see src/entra/token/token-endpoint.ts; conform-checks.ts (`entra` of each check)
 */
import {
  DRS_RESOURCE,
  DSREG_CLIENT_ID,
  GRANT_SAML11,
  GRANT_SAML2,
  LOGIN_HOST,
} from '../../protocol/entra-names.ts';
import { CERTS_DIR, certificatePem, privateKey } from '../../core/keys.ts';
import type { EntraContext, Tenant } from '../../entra/tenant.ts';
import { handleTokenRequest, TOKEN_CHECKS } from '../../entra/token/token-endpoint.ts';
import { CONFORM_CHECKS, type CheckId } from './conform-checks.ts';
import type { ConformSettings } from './conform-settings.ts';
import { failed, passed, type Judgement } from './judgement.ts';
import type { IssuedToken } from './request-token.ts';

export interface EntraAnswer {
  readonly status: number;
  /** AADSTS codes of a refusal (`error_codes`). */
  readonly codes: readonly number[];
  /** The token check that refused (mock Entra's log), when one did. */
  readonly check?: string;
  /** Mock Entra's log lines for this request (which check, and why). */
  readonly log: readonly string[];
}

function tenantOf(settings: ConformSettings, stsAddress: string): Tenant {
  const f = settings.federation;
  const c = settings.computer;
  return {
    id: settings.tenantId,
    displayName: f.domain,
    domains: [
      {
        name: f.domain,
        authentication: 'federated',
        federation: {
          issuerUri: f.issuerUri,
          metadataExchangeUri: f.metadataExchangeUri,
          activeSignInUri: stsAddress,
          signingCertificate: f.signingCertificate,
          ...(f.nextSigningCertificate ? { nextSigningCertificate: f.nextSigningCertificate } : {}),
          preferredAuthenticationProtocol: f.preferredAuthenticationProtocol,
        },
      },
    ],
    users: [],
    // A hybrid-joining computer has been synced by Entra Connect (its sync-join fallback needs
    // it too): the device-claims check then compares the GUID claim with its objectGUID.
    syncedDevices:
      c.objectGuid !== undefined && c.objectSid !== undefined
        ? [
            {
              objectGuid: c.objectGuid.toLowerCase(),
              objectSid: c.objectSid,
              ...(c.name ? { displayName: c.name } : {}),
              userCertificates: [],
            },
          ]
        : [],
    registeredDevices: [],
  };
}

/** Redeems the token as dsreg does (POST /common/oauth2/token, DRS resource), in-process. */
export async function redeemWithMockEntra(
  settings: ConformSettings,
  token: IssuedToken,
  stsAddress: string,
): Promise<EntraAnswer> {
  const log: string[] = [];
  const ctx: EntraContext = {
    tenant: tenantOf(settings, stsAddress),
    clock: settings.clock,
    ids: settings.ids,
    tokenSigningKey: privateKey(`${CERTS_DIR}/entra-token-signing.key`),
    deviceCa: {
      key: privateKey(`${CERTS_DIR}/ms-organization-access.key`),
      certificatePem: certificatePem(`${CERTS_DIR}/ms-organization-access.crt`),
    },
    log: (m) => log.push(m),
  };
  // The grant of the assertion's real version: a wrong TokenType label is wstrust.token-type's
  // finding alone, and the token itself is judged here.
  const body = new URLSearchParams({
    grant_type: token.version === '2.0' ? GRANT_SAML2 : GRANT_SAML11,
    assertion: Buffer.from(token.assertionXml, 'utf8').toString('base64'),
    client_id: DSREG_CLIENT_ID,
    resource: DRS_RESOURCE,
  }).toString();
  const res = await handleTokenRequest(
    ctx,
    {
      method: 'POST',
      url: new URL(`https://${LOGIN_HOST}/common/oauth2/token`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
    'common',
  );
  let codes: number[] = [];
  try {
    const json = JSON.parse(res.body) as { error_codes?: unknown };
    if (Array.isArray(json.error_codes))
      codes = json.error_codes.filter((x): x is number => typeof x === 'number');
  } catch {
    codes = [];
  }
  const check = log.map((l) => /check '([^']+)' failed/.exec(l)?.[1]).find((x) => x !== undefined);
  return { status: res.status, codes, ...(check ? { check } : {}), log };
}

const ORDER = TOKEN_CHECKS.map(([name]) => name);

/**
 * The refusal the failed checks predict: the first, in TOKEN_CHECKS order, of the token checks
 * that cover a FAILED conformance check. Undefined: the token should be accepted.
 */
export function predictedRefusal(
  judgements: readonly Judgement[],
): { check: string; codes: readonly number[]; by: CheckId[] } | undefined {
  let best: { check: string; codes: number[]; by: CheckId[]; rank: number } | undefined;
  for (const j of judgements) {
    if (j.verdict !== 'FAILED') continue;
    for (const r of CONFORM_CHECKS.find((c) => c.id === j.id)?.entra ?? []) {
      const rank = ORDER.indexOf(r.check);
      if (rank < 0) continue;
      if (best === undefined || rank < best.rank)
        best = { ...r, codes: [...r.codes], by: [j.id], rank };
      else if (rank === best.rank) {
        best.by.push(j.id);
        best.codes = [...new Set([...best.codes, ...r.codes])];
      }
    }
  }
  return best && { check: best.check, codes: best.codes, by: best.by };
}

/** A log line without its path prefix and provenance: `check 'issuer' failed: AADSTS50107 (…)`. */
function logDetail(line: string): string {
  return line.replace(/^oauth2\/(v2\.0\/)?token: /, '').replace(/ \[(source|modeled): .*\]$/, '');
}

export function judgeEntraVerdict(
  judgements: readonly Judgement[],
  answer: EntraAnswer,
): Judgement {
  const predicted = predictedRefusal(judgements);
  const accepted = answer.status === 200;
  const said = accepted
    ? `HTTP 200: an access token for ${answer.log.map((l) => /issued an access token for (.+?) \(aud/.exec(l)?.[1]).find(Boolean) ?? 'the token'}`
    : `HTTP ${answer.status}: AADSTS${answer.codes.join(' + AADSTS') || '?'} at check '${answer.check ?? '?'}'${
        answer.log.length ? ` (mock Entra: ${answer.log.map(logDetail).join('; ')})` : ''
      }`;
  if (predicted === undefined) {
    return accepted
      ? passed('entra.verdict', 'accepted (every token check above passed)', said)
      : failed(
          'entra.verdict',
          'accepted (every token check above passed)',
          `${said}: no check above explains it`,
          `AADSTS${answer.codes.join('/')}: the refusal a join meets`,
        );
  }
  const expected = `refused at '${predicted.check}' with AADSTS${predicted.codes.join(' or AADSTS')}, as ${predicted.by.join(', ')} predict${predicted.by.length > 1 ? '' : 's'}`;
  const agrees =
    !accepted &&
    answer.check === predicted.check &&
    answer.codes.some((c) => predicted.codes.includes(c));
  return agrees
    ? passed('entra.verdict', expected, said)
    : failed(
        'entra.verdict',
        expected,
        accepted ? `${said}, despite the failed checks` : `${said}`,
        accepted
          ? 'none: mock Entra accepts what the checks refuse'
          : `AADSTS${answer.codes.join('/')}`,
      );
}
