/**
 * `hjsim bench`: in one run, the crypto floor, one assertion (ours vs auth0 `saml`), the scenario
 * library in-process with one and two workers and over loopback HTTPS with two, and a generated
 * 1,000-scenario matrix suite end to end; ratios against the floor and the targets of issue #10.
 */
import { findScenarioFiles } from '../../scenario/language/find-scenarios.ts';
import { measureAssertion } from './assertion-bench.ts';
import { measureCryptoFloor } from './crypto-floor.ts';
import { measureMatrixSuite } from './matrix-bench.ts';
import { machineCpus, measureScenarios, type ThroughputFigures } from './scenario-bench.ts';
import { round } from './stats.ts';

export interface Throughput {
  readonly scenariosPerSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly cpuMsPerScenario: number;
  readonly scenarios: number;
  readonly failed: number;
}

export interface BenchReport {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly scenarioFiles: number;
  readonly cryptoFloorMsPerScenario: number;
  readonly crypto: { readonly msPerSign: number; readonly msPerVerify: number };
  readonly assertion: {
    readonly oursMs: number;
    readonly auth0SamlMs: number;
    readonly ratio: number;
  };
  readonly inprocess: Throughput;
  readonly inprocessConcurrent: Throughput;
  /** `--transport http`, two workers: every request through a socket and TLS on 127.0.0.1. */
  readonly http: Throughput;
  /** The generated matrix suite: generate, write, load, run with two workers, report. */
  readonly matrix: {
    readonly scenarios: number;
    readonly distinct: number;
    readonly failed: number;
  };
  readonly matrix1000WallMs: number;
  /** In-process CPU per scenario / crypto floor. */
  readonly ratioToFloor: number;
  readonly targets: readonly {
    readonly name: string;
    readonly target: string;
    readonly value: number;
    readonly met: boolean;
  }[];
}

function figures(t: ThroughputFigures): Throughput {
  return {
    scenariosPerSec: round(t.scenariosPerSec, 1),
    p50Ms: round(t.p50Ms),
    p95Ms: round(t.p95Ms),
    cpuMsPerScenario: round(t.cpuMsPerScenario),
    scenarios: t.scenarios,
    failed: t.failed,
  };
}

export async function runBench(opts: {
  paths: readonly string[];
  scenarios: number;
  /** Scenarios in the generated matrix suite (1,000 for the target). */
  matrix: number;
}): Promise<BenchReport> {
  const files = await findScenarioFiles(opts.paths);
  // Micro-benchmarks scale with the run size (a quick run stays quick).
  const floor = measureCryptoFloor(Math.max(60, opts.scenarios));
  const a = measureAssertion(Math.max(30, Math.ceil(opts.scenarios / 2)));
  const single = figures(await measureScenarios(files, opts.scenarios, 1, 'inprocess'));
  const concurrent = figures(await measureScenarios(files, opts.scenarios, 2, 'inprocess'));
  const http = figures(await measureScenarios(files, opts.scenarios, 2, 'http'));
  const m = await measureMatrixSuite(opts.matrix);
  const matrixWallMs = Math.round(m.wallMs);
  const ratioToFloor = round(single.cpuMsPerScenario / floor.msPerScenario, 2);
  const assertionRatio = round(a.oursMs / a.auth0SamlMs, 2);
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: machineCpus(),
    scenarioFiles: files.length,
    cryptoFloorMsPerScenario: round(floor.msPerScenario),
    crypto: { msPerSign: round(floor.msPerSign), msPerVerify: round(floor.msPerVerify, 4) },
    assertion: {
      oursMs: round(a.oursMs),
      auth0SamlMs: round(a.auth0SamlMs),
      ratio: assertionRatio,
    },
    inprocess: single,
    inprocessConcurrent: concurrent,
    http,
    matrix: { scenarios: m.scenarios, distinct: m.distinct, failed: m.failed },
    matrix1000WallMs: matrixWallMs,
    ratioToFloor,
    targets: [
      {
        name: 'in-process --concurrency 2 throughput',
        target: '>= 400 scenarios/s',
        value: concurrent.scenariosPerSec,
        met: concurrent.scenariosPerSec >= 400,
      },
      {
        name: 'in-process --concurrency 2 p95',
        target: '<= 10 ms',
        value: concurrent.p95Ms,
        met: concurrent.p95Ms <= 10,
      },
      {
        name: 'over HTTP (--concurrency 2) throughput',
        target: '>= 150 scenarios/s',
        value: http.scenariosPerSec,
        met: http.scenariosPerSec >= 150,
      },
      {
        name: 'CPU per scenario / crypto floor',
        target: '<= 3',
        value: ratioToFloor,
        met: ratioToFloor <= 3,
      },
      {
        name: 'our assertion / auth0 saml assertion',
        target: '<= 1',
        value: assertionRatio,
        met: assertionRatio <= 1,
      },
      {
        name: `generated matrix suite of ${m.scenarios} scenarios, end to end`,
        target: '< 10000 ms wall (1,000 scenarios, all passing)',
        value: matrixWallMs,
        met: m.scenarios >= 1000 && m.failed === 0 && matrixWallMs < 10_000,
      },
    ],
  };
}

export function formatBench(r: BenchReport): string {
  const t = (name: string, x: Throughput) =>
    `${name.padEnd(24)} ${x.scenariosPerSec.toFixed(1).padStart(8)} scenarios/s  p50 ${x.p50Ms.toFixed(2)} ms  p95 ${x.p95Ms.toFixed(2)} ms  CPU ${x.cpuMsPerScenario.toFixed(2)} ms/scenario  (${x.scenarios} runs, ${x.failed} failed)`;
  return [
    `hjsim bench — ${r.date}, node ${r.node}, ${r.cpus} CPUs, ${r.scenarioFiles} scenario files`,
    `crypto floor             ${r.cryptoFloorMsPerScenario.toFixed(3)} ms/scenario (4 RSA-2048 signatures at ${r.crypto.msPerSign.toFixed(3)} ms, 3 verifications at ${r.crypto.msPerVerify.toFixed(4)} ms)`,
    `assertion                ours ${r.assertion.oursMs.toFixed(3)} ms, auth0 saml ${r.assertion.auth0SamlMs.toFixed(3)} ms, ratio ${r.assertion.ratio}`,
    t('in-process, 1 worker', r.inprocess),
    t('in-process, 2 workers', r.inprocessConcurrent),
    t('HTTP, 2 workers', r.http),
    `matrix suite             ${r.matrix.scenarios} scenarios (${r.matrix.distinct} distinct) generated and run in ${r.matrix1000WallMs} ms wall, ${r.matrix.failed} failed`,
    `CPU per scenario / floor ${r.ratioToFloor}`,
    '',
    ...r.targets.map(
      (x) => `${x.met ? 'met    ' : 'NOT MET'}  ${x.name}: ${x.value} (target ${x.target})`,
    ),
  ].join('\n');
}
