/**
 * What the served processes give away: `hjsim serve` logs no query values (an assertion sent in
 * the query stays out of the log), its STS answers an unreadable RST with WIF's ID3035 text alone
 * (no XML parser message to fingerprint the library), and `hjsim train`'s API names no absolute
 * path of the machine.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { serveProcess, type ServeProcess } from '../support/serve-process.ts';
import { startTrain, type TrainProcess } from '../support/train-process.ts';

let s: ServeProcess;
let train: TrainProcess;
beforeAll(async () => {
  [s, train] = await Promise.all([
    serveProcess(['--port', '0']),
    startTrain(['--port', '0', '--scenarios', join(PACKAGE_ROOT, 'scenarios')]),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s?.stop(), train?.stop()]);
});

describe('served processes leak nothing', { timeout: 30_000 }, () => {
  it('hjsim serve logs query parameter names, never their values', async () => {
    const secret = 'PHNhbWw6QXNzZXJ0aW9uIHNlY3JldC1pbi10aGUtcXVlcnk';
    await fetch(`${s.base}/common/oauth2/token?api-version=1.0&assertion=${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=x',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(s.output()).toMatch(/POST \S+\/common\/oauth2\/token\?api-version=…&assertion=… →/);
    expect(s.output()).not.toContain(secret);
  });

  it("the STS answers an unreadable RST with ID3035's text alone", async () => {
    const sts = /STS +(http:\/\/\S+)/.exec(s.output())![1]!;
    const res = await fetch(sts, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body: '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><unclosed></s:Body>',
    });
    const text = await res.text();
    expect(text).toMatch(/>ID3035: The request was not valid or is malformed\.<\//);
    expect(text).not.toMatch(/xmldom|\[xmldom|line:|col:|SimError|ERR_XML/i);
  });

  it('hjsim train names its scenario folder without an absolute path', async () => {
    const res = await fetch(new URL('/api/scenarios', train.url));
    const text = await res.text();
    expect(res.status).toBe(200);
    expect((JSON.parse(text) as { root: string }).root).toBe('scenarios');
    expect(text).not.toContain(PACKAGE_ROOT);
  });
});
