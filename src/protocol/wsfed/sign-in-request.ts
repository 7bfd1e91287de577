/**
 * Reads a WS-Federation passive request (`wa`, `wtrealm`, `wreply`, `wctx`, `wct`, `whr`,
 * `wfresh`, and Entra's `username` hint) from a query string or form body, checking each
 * parameter the way a passive STS does before it authenticates anyone.
 * @see WS-Federation 1.2 §13.2 (wa, wtrealm, wreply, wctx, wct, whr, wfresh); [FEDSAML] [NWSFED] [AADI]
 */
import { SimError } from '../../core/errors.ts';
import { WA, type WsFedAction } from './constants.ts';

export type SignInRequest = {
  readonly action: typeof WA.signIn;
  /** The relying party's realm (`urn:federation:MicrosoftOnline` for Entra). */
  readonly realm: string;
  readonly reply?: string;
  readonly context?: string;
  /** `wct`: the requestor's time, kept as sent. */
  readonly time?: string;
  readonly homeRealm?: string;
  /** `wfresh`: maximum age of the authentication, in minutes. */
  readonly freshness?: number;
  /** Entra passes the user's name on (`username=`); a login hint only. */
  readonly username?: string;
};

export type SignOutRequest = {
  readonly action: typeof WA.signOut | typeof WA.signOutCleanup;
  readonly realm?: string;
  readonly reply?: string;
};

export type PassiveRequest = SignInRequest | SignOutRequest;

const ACTIONS: readonly string[] = Object.values(WA);

function bad(message: string, parameter: string, hint: string): SimError {
  return new SimError('ERR_WSFED_REQUEST', message, { where: parameter, hint });
}

/** One named check per parameter, run in order; each returns the problem or undefined. */
type ParamCheck = (p: URLSearchParams) => SimError | undefined;

const checkAction: ParamCheck = (p) => {
  const wa = p.get('wa');
  if (wa === null || wa === '') {
    return bad('the request has no wa parameter', 'wa', `send wa=${WA.signIn} to sign in`);
  }
  return ACTIONS.includes(wa)
    ? undefined
    : bad(`wa '${wa}' is not a WS-Federation action`, 'wa', `use one of ${ACTIONS.join(', ')}`);
};

const checkRealm: ParamCheck = (p) =>
  p.get('wa') === WA.signIn && !p.get('wtrealm')
    ? bad(
        'a sign-in request needs wtrealm (the relying party)',
        'wtrealm',
        'Entra sends wtrealm=urn:federation:MicrosoftOnline',
      )
    : undefined;

const checkReply: ParamCheck = (p) => {
  const wreply = p.get('wreply');
  if (wreply === null) return undefined;
  let url: URL;
  try {
    url = new URL(wreply);
  } catch {
    return bad(`wreply '${wreply}' is not an absolute URL`, 'wreply', 'send an https:// URL');
  }
  return url.protocol === 'https:'
    ? undefined
    : bad(`wreply '${wreply}' is not https`, 'wreply', 'tokens are only posted over https');
};

const checkTime: ParamCheck = (p) => {
  const wct = p.get('wct');
  if (wct === null) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(wct) &&
    !Number.isNaN(new Date(wct).getTime())
    ? undefined
    : bad(
        `wct '${wct}' is not an xs:dateTime`,
        'wct',
        'send UTC time such as 2025-07-10T17:22:13Z',
      );
};

const checkFreshness: ParamCheck = (p) => {
  const wfresh = p.get('wfresh');
  if (wfresh === null) return undefined;
  return /^\d+$/.test(wfresh)
    ? undefined
    : bad(`wfresh '${wfresh}' is not a whole number of minutes`, 'wfresh', 'send e.g. wfresh=0');
};

export const SIGN_IN_CHECKS: readonly (readonly [string, ParamCheck])[] = [
  ['wa', checkAction],
  ['wtrealm', checkRealm],
  ['wreply', checkReply],
  ['wct', checkTime],
  ['wfresh', checkFreshness],
];

/**
 * Reads the passive request. Throws SimError `ERR_WSFED_REQUEST` naming the parameter when a
 * check fails.
 */
export function parsePassiveRequest(params: URLSearchParams): PassiveRequest {
  for (const [, check] of SIGN_IN_CHECKS) {
    const problem = check(params);
    if (problem) throw problem;
  }
  const get = (name: string) => params.get(name) ?? undefined;
  const action = params.get('wa') as WsFedAction;
  const reply = get('wreply');
  if (action !== WA.signIn) {
    const realm = get('wtrealm');
    return {
      action,
      ...(realm === undefined ? {} : { realm }),
      ...(reply === undefined ? {} : { reply }),
    };
  }
  const optional = {
    reply,
    context: get('wctx'),
    time: get('wct'),
    homeRealm: get('whr'),
    freshness: params.has('wfresh') ? Number(params.get('wfresh')) : undefined,
    username: get('username'),
  };
  const out: { -readonly [K in keyof SignInRequest]: SignInRequest[K] } = {
    action,
    realm: params.get('wtrealm')!,
  };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Builds the query a relying party redirects the browser with (for clients and tests). */
export function buildSignInQuery(input: {
  realm: string;
  reply?: string;
  context?: string;
  username?: string;
}): string {
  const q = new URLSearchParams({ wa: WA.signIn, wtrealm: input.realm });
  if (input.reply !== undefined) q.set('wreply', input.reply);
  if (input.context !== undefined) q.set('wctx', input.context);
  if (input.username !== undefined) q.set('username', input.username);
  return q.toString();
}
