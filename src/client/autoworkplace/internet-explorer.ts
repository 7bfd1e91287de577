/**
 * The part of Internet Explorer autoworkplace's silent sign-in runs through: follow redirects,
 * answer an HTTP Negotiate challenge only for sites in the Local intranet zone (IE's default
 * "Automatic logon only in Intranet zone"), and submit self-posting forms — never a page that
 * waits for the user.
 * @see [DL] [TSL] (intranet zone must hold the STS and autologon URLs);
 *   seed 000 (intranet zone; Enhanced Security Configuration / Enhanced Protected Mode break
 *   Seamless SSO; "Do not save encrypted pages to disk"; HRD page waiting for input)
 * modeled: zone matching (exact origin, host, or `*.suffix`); Enhanced Security refusing automatic
 *   logon everywhere; "Do not save encrypted pages to disk" losing the first HTTPS self-posting
 *   form; a host in `unreachableHosts` failing to connect; at most 10 hops.
 */
import { readSelfPostingForm } from '../../protocol/downlevel/self-posting-form.ts';
import { send } from '../http-client.ts';
import type { DownlevelMachine, SignedInUser } from '../../onprem/downlevel-machine.ts';

export type Zone = 'Local intranet' | 'Trusted sites' | 'Internet';

export type BrowseResult =
  | { readonly kind: 'arrived'; readonly location: string }
  | { readonly kind: 'network'; readonly url: string; readonly error: string }
  | { readonly kind: 'unauthorized'; readonly url: string; readonly why: string }
  | { readonly kind: 'page'; readonly url: string; readonly status: number; readonly why: string };

export interface Hop {
  readonly method: string;
  readonly url: string;
  readonly status: number | 'no answer';
  readonly negotiate: boolean;
}

function matches(site: string, url: URL): boolean {
  const s = site.trim().toLowerCase();
  if (s.startsWith('*.')) return url.hostname.toLowerCase().endsWith(s.slice(1));
  if (/^https?:\/\//.test(s)) return url.origin.toLowerCase() === s.replace(/\/+$/, '');
  return url.hostname.toLowerCase() === s;
}

export function zoneOf(m: DownlevelMachine, url: URL): Zone {
  if (m.ie.intranetZone.some((s) => matches(s, url))) return 'Local intranet';
  if (m.ie.trustedSites.some((s) => matches(s, url))) return 'Trusted sites';
  return 'Internet';
}

const MAX_HOPS = 10;

/** Browses from `start` until a redirect to `redirectUri` (the answer) or a dead end. */
export async function browse(
  m: DownlevelMachine,
  user: SignedInUser,
  start: string,
  redirectUri: string,
  hops: Hop[],
): Promise<BrowseResult> {
  let url = new URL(start);
  let method = 'GET';
  let body: string | undefined;
  let authorization: string | undefined;
  for (let i = 0; i < MAX_HOPS; i++) {
    if (m.unreachableHosts.some((h) => h.toLowerCase() === url.hostname.toLowerCase())) {
      hops.push({ method, url: url.toString(), status: 'no answer', negotiate: false });
      return { kind: 'network', url: url.toString(), error: `cannot connect to ${url.hostname}` };
    }
    const headers: Record<string, string> = { accept: 'text/html, */*' };
    if (authorization) headers['authorization'] = authorization;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await send(url.toString(), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    hops.push({
      method,
      url: url.toString(),
      status: res.ok ? res.status : 'no answer',
      negotiate: authorization !== undefined,
    });
    if (!res.ok) return { kind: 'network', url: url.toString(), error: res.error };
    if (res.status === 401 && /negotiate/i.test(res.headers['www-authenticate'] ?? '')) {
      if (authorization)
        return {
          kind: 'unauthorized',
          url: url.toString(),
          why: 'the site refused the Windows credentials',
        };
      const zone = zoneOf(m, url);
      if (m.ie.enhancedSecurity)
        return {
          kind: 'unauthorized',
          url: url.toString(),
          why: 'Enhanced Security Configuration: no automatic logon',
        };
      if (zone !== 'Local intranet')
        return {
          kind: 'unauthorized',
          url: url.toString(),
          why: `${url.origin} is in the ${zone} zone: IE logs on automatically only in the Local intranet zone`,
        };
      const token = m.negotiate(user, `HTTP/${url.hostname}`);
      if (!token)
        return {
          kind: 'unauthorized',
          url: url.toString(),
          why: `no Kerberos ticket for HTTP/${url.hostname}`,
        };
      authorization = `Negotiate ${token}`;
      continue;
    }
    authorization = undefined;
    const location = res.headers['location'];
    if (res.status >= 300 && res.status < 400 && location) {
      if (location.startsWith(redirectUri)) return { kind: 'arrived', location };
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const form = res.status === 200 ? readSelfPostingForm(res.body) : undefined;
    if (form) {
      if (m.ie.doNotSaveEncryptedPages && url.protocol === 'https:')
        return {
          kind: 'page',
          url: url.toString(),
          status: res.status,
          why: '"Do not save encrypted pages to disk" is checked: the self-posting page was not kept',
        };
      url = new URL(form.action, url);
      method = 'POST';
      body = new URLSearchParams(form.fields).toString();
      continue;
    }
    const title = /<title>([^<]*)<\/title>/i.exec(res.body)?.[1] ?? '';
    return {
      kind: 'page',
      url: url.toString(),
      status: res.status,
      why: `the page "${title}" (HTTP ${res.status}) waits for the user`,
    };
  }
  return { kind: 'page', url: url.toString(), status: 0, why: `more than ${MAX_HOPS} redirects` };
}
