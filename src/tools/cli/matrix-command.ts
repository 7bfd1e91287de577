/**
 * `hjsim matrix BASELINE --out DIR`: writes the generated scenarios and says how many and where.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { loadScenario } from '../../scenario/language/load-scenario.ts';
import { generateMatrix } from '../../scenario/matrix/generate-matrix.ts';
import { modelGap } from '../../scenario/matrix/predict-outcome.ts';
import { EXIT } from './exit-codes.ts';
import { makeOutputFolder } from './write-output.ts';

export async function matrixCommand(baseline: string, opts: { out: string }): Promise<number> {
  const loaded = await loadScenario(baseline);
  const gap = modelGap(loaded.scenario);
  if (gap) {
    console.error(
      `hjsim matrix: ${baseline} sets ${gap}, which the outcome model does not cover; a matrix from it would guess.\n  hint: start from a PingOne baseline such as scenarios/pingone/baseline.yaml`,
    );
    return EXIT.invalid;
  }
  const dir = resolve(opts.out);
  const scenarios = generateMatrix(loaded, dir);
  await makeOutputFolder(dir);
  for (const s of scenarios) await writeFile(join(dir, s.fileName), s.text);
  const joined = (t: string) => scenarios.filter((s) => s.prediction.expect.joinType === t).length;
  console.log(
    `hjsim matrix: wrote ${scenarios.length} scenarios to ${relative(process.cwd(), dir) || '.'} ` +
      `(predicted: ${joined('federated')} federated, ${joined('sync')} sync, ${joined('none')} not joined)`,
  );
  console.log(`run them: hjsim run ${relative(process.cwd(), dir) || '.'}`);
  return EXIT.ok;
}
