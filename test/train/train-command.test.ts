/**
 * `hjsim train` as a user runs it: a real process on 127.0.0.1, its API over HTTP, its exit codes
 * for bad input, and a clean stop on SIGINT/SIGTERM.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  FaultList,
  QuizAnswer,
  QuizQuestion,
  RunView,
  ScenarioList,
} from '../../src/tools/train/api-types.ts';
import { runHjsim, startTrain, type TrainProcess } from '../support/train-process.ts';

async function get<T>(
  base: string,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, base), init);
  return { status: res.status, body: (await res.json()) as T };
}

function post<T>(base: string, path: string, body: unknown) {
  return get<T>(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('hjsim train: bad input is a clear error and exit 2', () => {
  it('a scenario folder that does not exist', async () => {
    const r = await runHjsim(['train', '--port', '0', '--scenarios', 'no/such/folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hjsim: no such scenario folder: no/such/folder');
    expect(r.stderr).toContain('hint:');
  });

  it('a file where a folder is expected', async () => {
    const r = await runHjsim(['train', '--port', '0', '--scenarios', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json is not a folder');
  });

  it('a port that is not a number', async () => {
    const r = await runHjsim(['train', '--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a port is a whole number from 0 (any free port) to 65535.');
  });

  it('a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runHjsim(['train', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`hjsim: port ${port} on 127.0.0.1 is already in use`);
      expect(r.stderr).toContain('--port 0');
    } finally {
      blocker.close();
    }
  });
});

describe('hjsim train: the API', () => {
  let train: TrainProcess;
  beforeAll(async () => {
    train = await startTrain(['--port', '0']);
  }, 60_000);
  afterAll(async () => {
    const end = await train.stop('SIGTERM');
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('hjsim train: stopped (SIGTERM)');
    expect(end.stderr).toBe('');
  });

  it('prints a loopback URL and serves the page from it', async () => {
    expect(train.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(train.url);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(new URL(script!, train.url));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    // Built: no TypeScript reaches the browser.
    expect(html).not.toContain('.ts"');
  });

  it('lists the scenario folder by folder and tag', async () => {
    const { body } = await get<ScenarioList>(train.url, '/api/scenarios');
    expect(body.folders).toContain('pingone');
    expect(body.tags).toEqual(expect.arrayContaining(['baseline', 'claims', 'fallback']));
    expect(body.scenarios.find((s) => s.id === 'pingone/baseline.yaml')).toMatchObject({
      folder: 'pingone',
      name: 'PingOne - baseline federated join succeeds',
    });
  });

  it('runs a scenario with one fault and shows the broken claim', async () => {
    const faults = await get<FaultList>(train.url, '/api/faults?scenario=pingone/baseline.yaml');
    expect(faults.body.faults.map((f) => f.id)).toContain('claims-primarysid-wrong-namespace');
    const { status, body } = await post<RunView>(train.url, '/api/run', {
      scenario: 'pingone/baseline.yaml',
      fault: 'claims-primarysid-wrong-namespace',
    });
    expect(status).toBe(200);
    expect(body.fault?.id).toBe('claims-primarysid-wrong-namespace');
    expect(body.outcome).toMatchObject({ joined: true, joinType: 'sync', aadsts: [51004] });
    const token = body.exchanges.find((e) => e.request.kind === 'token-request')!;
    expect(token.request.assertion?.claims.find((c) => c.name === 'primarysid')?.status).toBe(
      'wrong-namespace',
    );
  });

  it('answers bad requests with a JSON error and a 4xx status', async () => {
    const cases: [string, RequestInit | undefined, number, RegExp][] = [
      ['/api/faults', undefined, 400, /needs \?scenario=ID/],
      ['/api/faults?scenario=../../package.json', undefined, 404, /no scenario/],
      ['/api/nothing', undefined, 404, /no API GET \/api\/nothing/],
      [
        '/api/run',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' },
        400,
        /./,
      ],
      [
        '/api/run',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
        400,
        /needs a JSON body/,
      ],
      [
        '/api/run',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"scenario":"pingone/baseline.yaml","fault":"x"}',
        },
        404,
        /no fault 'x'/,
      ],
      [
        '/api/quiz/answer',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"question":"q","choice":"c"}',
        },
        400,
        /unknown or already answered/,
      ],
    ];
    for (const [path, init, status, message] of cases) {
      const r = await get<ApiError>(train.url, path, init);
      expect([path, r.status]).toEqual([path, status]);
      expect(r.body.error).toMatch(message);
    }
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const u = new URL(train.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/scenarios',
          headers: { host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('asks a quiz question and grades the answer', async () => {
    const q = await get<QuizQuestion>(train.url, '/api/quiz');
    expect(q.status).toBe(200);
    const a = await post<QuizAnswer>(train.url, '/api/quiz/answer', {
      question: q.body.id,
      choice: q.body.choices[0]!.id,
    });
    expect(a.status).toBe(200);
    expect(typeof a.body.correct).toBe('boolean');
    expect(a.body.evidence.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('hjsim train: stopping', () => {
  it('stops cleanly on SIGINT', async () => {
    const train = await startTrain(['--port', '0']);
    const end = await train.stop('SIGINT');
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('hjsim train: stopped (SIGINT)');
  }, 60_000);
});
