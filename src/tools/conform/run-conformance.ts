/**
 * Runs the conformance plan against one IdP: the federation settings, then the MEX, the WS-Trust
 * exchange, the assertion and its claims, then mock Entra's verdict on the same token; each check
 * of conform-checks.ts ends PASSED, WARNING, FAILED or SKIPPED (an earlier failure left nothing to
 * judge). Only the MEX fetch may throw: an IdP that cannot be reached at all is an input error.
 * The password never appears in the report, even where the IdP echoes it.
 * @see docs/decisions/0011-external-idp-and-conform.md
 */
import { SimError } from '../../core/errors.ts';
import { CAUSES, FIX_LABEL, type FixTarget } from '../../protocol/causes/causes.ts';
import { CONFORM_CHECKS, type CheckId } from './conform-checks.ts';
import { summarize, type CheckResult, type ConformReport } from './conform-report.ts';
import type { ConformSettings } from './conform-settings.ts';
import { judgeEntraVerdict, redeemWithMockEntra } from './entra-verdict.ts';
import { describeUnreachable, idpRequest } from './idp-http.ts';
import { judgeAssertion } from './judge-assertion.ts';
import { judgeClaims } from './judge-claims.ts';
import { judgeFederation } from './judge-federation.ts';
import { judgeMex } from './judge-mex.ts';
import { skipped, type Judgement } from './judgement.ts';
import { endpointFor, requestToken } from './request-token.ts';

type Product = 'adfs' | 'pingone';

/**
 * The IdP product, told by its MEX path (AD FS `/adfs/services/trust/mex`, PingOne `/wsf/mex…`),
 * so that the fix names only its settings; undefined: another product, every fix is shown.
 */
export function productOf(mexUrl: string): Product | undefined {
  const path = URL.canParse(mexUrl) ? new URL(mexUrl).pathname.toLowerCase() : '';
  if (path.startsWith('/adfs/')) return 'adfs';
  if (path.startsWith('/wsf/')) return 'pingone';
  return undefined;
}

function fixOf(cause: string | undefined, product: Product | undefined) {
  const c = cause === undefined ? undefined : CAUSES.find((x) => x.id === cause);
  if (!c) return undefined;
  const out: Record<string, string> = {};
  for (const [target, text] of Object.entries(c.fix)) {
    const other =
      (target === 'adfs' || target === 'pingone') && product !== undefined && target !== product;
    if (text && !other) out[FIX_LABEL[target as FixTarget]] = text;
  }
  return out;
}

function decorate(j: Judgement, product: Product | undefined): CheckResult {
  const check = CONFORM_CHECKS.find((c) => c.id === j.id)!;
  const fix =
    j.verdict === 'FAILED' || j.verdict === 'WARNING'
      ? (j.fix ?? fixOf(check.cause, product))
      : undefined;
  return {
    id: j.id,
    title: check.title,
    verdict: j.verdict,
    evidence: { expected: j.expected, seen: j.seen },
    ...(j.verdict === 'FAILED' ? { symptom: j.symptom ?? check.symptom } : {}),
    ...(j.verdict === 'WARNING' && check.warning ? { why: check.warning } : {}),
    ...(fix ? { fix } : {}),
    provenance: check.provenance,
  };
}

/** Replaces every occurrence of the secrets in every string of `value`. */
function redact<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.reduce((s, x) => s.split(x).join('********'), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export async function runConformance(settings: ConformSettings): Promise<ConformReport> {
  const started = performance.now();
  const judged: Judgement[] = [...judgeFederation(settings)];
  let sts: string | undefined;

  const res = await idpRequest(settings.mexUrl, { method: 'GET' }, settings.ca);
  if (!res.ok) {
    const u = describeUnreachable(settings.mexUrl, res);
    throw new SimError('ERR_USAGE', u.text, { where: settings.mexUrl, hint: u.hint });
  }
  const mex = judgeMex(settings, res);
  judged.push(...mex.judgements);

  let stop: string | undefined = mex.selection
    ? undefined
    : 'the MEX could not be read (mex.fetch)';
  const endpoint = mex.selection ? endpointFor(settings, mex.selection) : undefined;
  if (stop === undefined && endpoint === undefined) {
    stop = `the MEX offers no ${settings.auth.kind === 'usernamemixed' ? 'usernamemixed' : 'windowstransport'} endpoint for this run's ${settings.auth.kind} sign-in (see mex.*)`;
  }
  if (stop === undefined && endpoint !== undefined) {
    sts = endpoint.address;
    const t = await requestToken(settings, endpoint);
    judged.push(...t.judgements);
    if (t.token === undefined) stop = 'the STS issued no token (wstrust.rst)';
    else {
      const a = judgeAssertion(settings, t.token);
      judged.push(...a.judgements);
      judged.push(
        ...judgeClaims(
          settings,
          a.view,
          'the assertion could not be verified (saml.assertion / saml.signature)',
        ),
      );
      const answer = await redeemWithMockEntra(settings, t.token, endpoint.address);
      judged.push(judgeEntraVerdict(judged, answer));
    }
  }

  const results = CONFORM_CHECKS.map((check) => {
    const j = judged.find((x) => x.id === check.id);
    return decorate(
      j ?? skipped(check.id as CheckId, '', stop ?? 'an earlier check failed'),
      productOf(settings.mexUrl),
    );
  });
  const auth = settings.auth;
  const report: ConformReport = {
    target: {
      mex: settings.mexUrl,
      ...(sts ? { sts } : {}),
      auth: auth.kind,
      ...(auth.kind === 'usernamemixed' ? { username: auth.username } : {}),
      domain: settings.federation.domain,
      issuerUri: settings.federation.issuerUri,
    },
    notes: settings.notes,
    checks: results,
    summary: summarize(results, performance.now() - started),
  };
  return redact(
    report,
    auth.kind === 'usernamemixed' && auth.password.length >= 3 ? [auth.password] : [],
  );
}
