/**
 * The options of `hjsim serve` that a container needs, checked where they are read: the listen
 * address (`--host`), which parties to serve (`--party`), and where the IdP is when only mock
 * Entra is served (`--idp-url`). Every refusal says what was wrong and what to give instead.
 * @see docs/decisions/0010-containers.md
 */
import { InvalidArgumentError } from 'commander';
import { SimError } from '../../core/errors.ts';
import { LISTEN_ADDRESSES, type ListenAddress } from '../../transport/loopback-server.ts';

/** `all`: the mock IdP and mock Entra; `idp`: the mock IdP only; `entra`: mock Entra only. */
export const SERVE_PARTIES = ['all', 'idp', 'entra'] as const;
export type ServeParty = (typeof SERVE_PARTIES)[number];

/** `--host`: the address to listen on. */
export function listenAddress(value: string): ListenAddress {
  const v = value.trim();
  if ((LISTEN_ADDRESSES as readonly string[]).includes(v)) return v as ListenAddress;
  throw new InvalidArgumentError(
    `--host takes 127.0.0.1 (the default: this machine only) or 0.0.0.0 / :: (every interface, inside a container whose port is published on 127.0.0.1). hjsim names itself 127.0.0.1 whatever it listens on: that is the only address its TEST ONLY certificate holds.`,
  );
}

/** `--idp-url`: the origin (scheme, host, port) the served IdP URLs are rewritten to. */
export function idpOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError(
      `--idp-url takes the IdP's origin, such as https://127.0.0.1:4444 (not a URL: "${value}").`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidArgumentError(
      `--idp-url takes an http(s) origin such as https://127.0.0.1:4444, not ${url.protocol} URL.`,
    );
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username)
    throw new InvalidArgumentError(
      `--idp-url takes the IdP's origin only, such as ${url.origin}: the scenario's paths (/wsf/mex13/…) are kept.`,
    );
  return url.origin;
}

/** Options that are valid alone but not together. */
export function checkServeCombination(opts: {
  readonly party: ServeParty;
  readonly idpUrl?: string | undefined;
}): void {
  if (opts.idpUrl !== undefined && opts.party !== 'entra')
    throw new SimError(
      'ERR_USAGE',
      `--idp-url is for --party entra (mock Entra served alone, the IdP elsewhere); with --party ${opts.party} the IdP is served here`,
      {
        hint: `add --party entra, or leave out --idp-url ${opts.idpUrl}`,
      },
    );
}
