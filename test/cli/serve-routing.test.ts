/**
 * `hjsim serve` (its own process) routes by the Host header and treats the request target as a
 * path: `//<tenant>/oauth2/token` is a path with two slashes (no simulated host named `<tenant>`),
 * and an absolute-form target reaches the party of its authority, or the server's own parties.
 * @see [RFC9112] §3.2
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-socket.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';

let s: ServeProcess;
beforeAll(async () => {
  s = await serveProcess(['--port', '0']);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const get = (target: string, host: string) =>
  rawRequest(s.port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

describe('hjsim serve: request targets', { timeout: 30_000 }, () => {
  const realm = '/common/userrealm/imokatdi.ping-eng.com?api-version=1.0';

  it('a target starting with // is a path on the Host header, never a host', async () => {
    const answer = await get(
      '//07ec9af2-7ce5-4ab7-8638-115736bbf990/oauth2/token',
      'login.microsoftonline.com',
    );
    expect(answer).not.toContain('no simulated party answers');
    expect(answer).not.toMatch(/^HTTP\/1\.1 502 /);
    // Mock Entra's login party answers it (here: its GET refusal), at the Host header's name.
    expect(s.output()).toMatch(
      /mock-entra-login +GET https:\/\/login\.microsoftonline\.com\/\/07ec9af2-7ce5-4ab7-8638-115736bbf990\/oauth2\/token → \d+/,
    );
  });

  it('an absolute-form target reaches the party its authority names', async () => {
    const answer = await get(`https://login.microsoftonline.com${realm}`, `127.0.0.1:${s.port}`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('"account_type":"Federated"');
  });

  it("an absolute-form target naming the server's own address reaches its parties", async () => {
    const answer = await get(`http://127.0.0.1:${s.port}${realm}`, 'ignored.example');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('"account_type":"Federated"');
  });

  it('an absolute-form target naming an unknown host reaches the parties at the Host header', async () => {
    const answer = await get(`https://elsewhere.example${realm}`, 'login.microsoftonline.com');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).not.toContain('no simulated party answers');
  });
});
