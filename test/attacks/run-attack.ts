/**
 * Sends one attack to mock Entra's token endpoint (the handler both transports mount; the
 * oversized body over real loopback HTTP, since the limit belongs to the express transport) and
 * checks the answer: status, AADSTS, `error`, wire text, the log line naming the refusing check,
 * and that no claim of the evil part reached the answer, the log, or an access token.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { publicKeyOf } from '../../src/core/keys.ts';
import type { AccessTokenClaims } from '../../src/entra/access-token.ts';
import { createEntraParties } from '../../src/entra/create-entra.ts';
import { verifyJwt } from '../../src/protocol/jwt/jws.ts';
import { createExpressApp } from '../../src/transport/express-app.ts';
import { listenSafely } from '../../src/transport/safe-listen.ts';
import { entraContext, key, postToken, samlGrant } from '../support/entra-fixture.ts';
import type { EndpointAttackCase, Refusal, SamlAttackCase } from './attack-cases.ts';
import { EVIL_MARKERS, samlGrantForm } from './attack-fixtures.ts';

export const fixture = (file: string) =>
  readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

export interface AttackResult {
  readonly status: number;
  readonly body: Record<string, unknown> | string;
  readonly log: readonly string[];
  /** The access token's claims when one was issued. */
  readonly token?: AccessTokenClaims;
  /** Requests that reached a party (the oversized body must reach none). */
  readonly reachedParty?: number;
  /** The first, legitimate redemption of a replayed assertion. */
  readonly first?: { readonly status: number };
}

function withToken(
  res: { status: number; body: Record<string, unknown> },
  log: string[],
): AttackResult {
  const accessToken = res.body['access_token'];
  const token =
    typeof accessToken === 'string'
      ? (verifyJwt(
          accessToken,
          publicKeyOf(key('entra-token-signing.key')),
        ) as unknown as AccessTokenClaims)
      : undefined;
  return { status: res.status, body: res.body, log, ...(token ? { token } : {}) };
}

export async function runSamlAttack(c: SamlAttackCase): Promise<AttackResult> {
  const { ctx, log } = entraContext();
  return withToken(await postToken(ctx, samlGrant(fixture(c.file))), log);
}

export async function runEndpointAttack(
  c: EndpointAttackCase,
  opts: { bodyLimit?: string } = {},
): Promise<AttackResult> {
  const { ctx, log } = entraContext();
  const valid = Buffer.from(fixture('replay-valid-assertion.xml')).toString('base64');
  switch (c.name) {
    case 'replay': {
      const form = samlGrant(fixture(c.file!));
      const first = await postToken(ctx, form);
      return { ...withToken(await postToken(ctx, form), log), first: { status: first.status } };
    }
    case 'malformed-base64':
      return withToken(
        await postToken(ctx, { ...samlGrantForm(valid), assertion: fixture(c.file!).trim() }),
        log,
      );
    case 'wrong-content-type': {
      const form = Object.fromEntries(new URLSearchParams(fixture(c.file!).trim()));
      return withToken(await postToken(ctx, form, { contentType: 'text/plain' }), log);
    }
    case 'oversized-body': {
      const { app, router } = createExpressApp(createEntraParties(ctx), {
        fallbackHost: () => 'login.microsoftonline.com',
        ...(opts.bodyLimit ? { bodyLimit: opts.bodyLimit } : {}),
      });
      const server = (await listenSafely(app)).server;
      try {
        const grant = new URLSearchParams(samlGrantForm(valid)).toString();
        const body = `${grant}&padding=${'x'.repeat(1024 * 1024 + 1 - grant.length - '&padding='.length)}`;
        const res = await fetch(
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/common/oauth2/token`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
          },
        );
        expect(Buffer.byteLength(body)).toBe(1024 * 1024 + 1);
        const text = await res.text();
        const parsed = res.headers.get('content-type')?.includes('json')
          ? (JSON.parse(text) as Record<string, unknown>)
          : text;
        return {
          ...(typeof parsed === 'string'
            ? { status: res.status, body: parsed, log }
            : withToken({ status: res.status, body: parsed }, log)),
          reachedParty: router.exchanges.length,
        };
      } finally {
        await new Promise((r) => server.close(r));
      }
    }
  }
}

/** The strict expectation of one attack. Throws (vitest AssertionError) when it does not hold. */
export function expectRefused(refusal: Refusal, r: AttackResult): void {
  expect(r.status).toBe(refusal.status);
  if (refusal.aadsts !== undefined) {
    const body = r.body as Record<string, unknown>;
    expect((body['error_codes'] as number[]).at(-1)).toBe(refusal.aadsts);
    expect(body['error']).toBe(refusal.error);
    expect(body['error_description']).toContain(refusal.text);
  } else {
    expect(r.body).toBe(refusal.text);
  }
  if (refusal.log) expect(r.log.join('\n')).toMatch(refusal.log);
  // Nothing of the evil part reached the answer, the log, or a token.
  expect(r.token).toBeUndefined();
  const seen = `${JSON.stringify(r.body)}\n${r.log.join('\n')}`;
  for (const marker of EVIL_MARKERS) expect(seen).not.toContain(marker);
}
