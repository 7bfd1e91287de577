/**
 * `hjsim diagnose` and `hjsim import` as a user runs them: exit codes (0 cause found, 3 none
 * matches, 2 unreadable input), inputs that are not logs at all (a PDF, an empty file, random
 * bytes, 50 MB of text) refused with a clear message, standard input, `--json`, and the UTF-16
 * that PowerShell's `>` writes. The timeouts are hang guards, not timing assertions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDiagnose } from '../../src/tools/cli/diagnose.ts';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { MAX_INPUT_BYTES } from '../../src/tools/diagnose/read-input.ts';

const dir = mkdtempSync(join(tmpdir(), 'hjsim-diagnose-'));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

function hjsim(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'hjsim.js'), ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A deterministic byte soup (xorshift), so a failure reproduces. */
function randomBytes(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** A customer-like excerpt: the failing lines of a transcript, mailed with quote prefixes. */
const CUSTOMER_LOG = [
  '> PS C:\\Windows\\system32> dsregcmd /join /debug',
  '> TenantInfo::Discover: Join Info { TenantType = Federated; AutoJoinEnabled = 1; TenandID = xxxx; TenantName = xxxx }',
  '> AdalLog:  HRESULT: 0x8aa90025',
  '> AdalLog:  HRESULT: 0xcaa90022',
  '> GetStatus returned failure',
  '> AutoEnrollAsComputer: Unable to retrieve access token. GetComputerTokenForADRS failed with error',
  '> 0xcaa90022.',
  '> DsrCmdJoinHelper::Join: Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
  '> DsrCmdJoinHelper::Join: completed successfully',
].join('\r\n');

describe('hjsim diagnose (process)', () => {
  it('a customer excerpt: the MEX cause first, its fix, the scenario that reproduces it, exit 0', () => {
    const r = hjsim(['diagnose', file('customer.txt', CUSTOMER_LOG)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "1. The STS's MEX document is malformed: the MEX port addresses are not https",
    );
    expect(r.stdout).toContain('line 3: AdalLog:  HRESULT: 0x8aa90025');
    expect(r.stdout).toContain('Reproduce: hjsim run scenarios/idp/mex-http-address.yaml');
    expect(r.stdout).toContain('WARNING: Fallback to sync join hid a broken federation');
  }, 60_000);

  it('standard input and --json', () => {
    const r = hjsim(['diagnose', '-', '--json'], CUSTOMER_LOG);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as {
      causes: { id: string; scenarios: { run: string }[] }[];
      exitCode: number;
    };
    expect(o.causes[0]?.id).toBe('mex-port-address-not-https');
    expect(o.causes[0]?.scenarios[0]?.run).toBe('hjsim run scenarios/idp/mex-http-address.yaml');
    expect(o.exitCode).toBe(0);
  }, 60_000);

  it('a successful join is read but names no cause: exit 3', () => {
    const r = hjsim(
      ['diagnose', '-'],
      'DsrCmdJoinHelper::Join: AutoEnrollAsComputer completed successfully\nAzureAdJoined : YES\n',
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('No known cause matches.');
    expect(r.stdout).toContain('successful federated join');
  }, 60_000);

  it.each([
    [
      'a PDF',
      () =>
        file(
          'report.pdf',
          Buffer.concat([
            Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'),
            randomBytes(4096),
          ]),
        ),
      'is a PDF document, not text',
    ],
    ['an empty file', () => file('empty.txt', ''), 'is empty: nothing to diagnose'],
    ['white space only', () => file('blank.txt', '\n\n   \r\n'), 'is empty: nothing to diagnose'],
    ['random bytes', () => file('random.bin', randomBytes(256 * 1024)), 'is binary data, not text'],
    [
      '50 MB of text',
      () => file('big.txt', Buffer.alloc(50 * 1024 * 1024, 'lorem ipsum dolor sit amet\n')),
      'is 50.0 MiB; diagnose reads at most 8.0 MiB',
    ],
    [
      'prose that is no log',
      () => file('prose.txt', 'Dear support, the laptop does not work since Monday. Regards\n'),
      'not a log diagnose knows',
    ],
    ['a missing file', () => join(dir, 'nope.txt'), 'no such file'],
  ])(
    '%s: a clear message and exit 2',
    (_what, make, message) => {
      const r = hjsim(['diagnose', make()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    },
    60_000,
  );

  it('50 MB of text on standard input is refused once past the ceiling: exit 2', () => {
    const r = hjsim(['diagnose', '-'], Buffer.alloc(50 * 1024 * 1024, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input is over 8.0 MiB');
  }, 60_000);

  it('usage errors exit 2', () => {
    const r = hjsim(['diagnose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  }, 60_000);
});

describe('runDiagnose (in process)', () => {
  const io = (stdin = Readable.from([])) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        out: (s: string) => out.push(s),
        err: (s: string) => err.push(s),
        cwd: PACKAGE_ROOT,
        stdin,
      },
    };
  };

  it('text just under the ceiling that is no log is refused, not scanned forever', async () => {
    const t = io();
    const big = file(
      'near-limit.txt',
      Buffer.alloc(MAX_INPUT_BYTES - 1024, 'abcdefghij klmnop qrstuv wxyz.\n'),
    );
    expect(await runDiagnose(big, {}, t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('not a log diagnose knows');
  }, 30_000);

  it('a log near the ceiling (the same lines repeated) is read and diagnosed', async () => {
    const t = io();
    const lines = `${CUSTOMER_LOG.replace(/> /g, '')}\n`.repeat(
      Math.floor((MAX_INPUT_BYTES - 4096) / (CUSTOMER_LOG.length + 1)),
    );
    expect(await runDiagnose(file('big-log.txt', lines), { json: true }, t.io)).toBe(0);
    expect(JSON.parse(t.out.join('')).causes[0].id).toBe('mex-port-address-not-https');
  }, 30_000);

  it('UTF-16LE with a BOM (Windows PowerShell: dsregcmd /join /debug > out.txt) is decoded', async () => {
    const t = io();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CUSTOMER_LOG, 'utf16le')]);
    expect(await runDiagnose(file('utf16.txt', utf16), { json: true }, t.io)).toBe(0);
    expect(JSON.parse(t.out.join('')).causes[0].id).toBe('mex-port-address-not-https');
  });

  it('an .evtx file gets the way to export the events as text', async () => {
    const t = io();
    expect(
      await runDiagnose(
        file('x.evtx', Buffer.concat([Buffer.from('ElfFile\0'), randomBytes(2048)])),
        {},
        t.io,
      ),
    ).toBe(2);
    expect(t.err.join('\n')).toContain(
      'wevtutil qe "Microsoft-Windows-User Device Registration/Admin" /f:text',
    );
  });
});
