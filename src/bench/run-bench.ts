/**
 * `hjsim bench`: in one run, the crypto floor, one assertion (ours vs auth0 `saml`), and the
 * scenario library in-process with one and two workers; ratios against the floor and targets.
 */
import { findScenarioFiles } from '../scenario/find-scenarios.ts';
import { measureAssertion } from './assertion-bench.ts';
import { measureCryptoFloor } from './crypto-floor.ts';
import { machineCpus, measureInProcess, type ThroughputFigures } from './scenario-bench.ts';
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
}): Promise<BenchReport> {
  const files = await findScenarioFiles(opts.paths);
  // Micro-benchmarks scale with the run size (a quick run stays quick).
  const floor = measureCryptoFloor(Math.max(60, opts.scenarios));
  const a = measureAssertion(Math.max(30, Math.ceil(opts.scenarios / 2)));
  const single = figures(await measureInProcess(files, opts.scenarios, 1));
  const concurrent = figures(await measureInProcess(files, opts.scenarios, 2));
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
    `CPU per scenario / floor ${r.ratioToFloor}`,
    '',
    ...r.targets.map(
      (x) => `${x.met ? 'met    ' : 'NOT MET'}  ${x.name}: ${x.value} (target ${x.target})`,
    ),
  ].join('\n');
}
