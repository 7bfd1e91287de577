/**
 * Prints vitest's totals as one plain closing line (`N passed, N failed, N skipped`) from the
 * JSON report vitest writes to test-results/vitest.json, preceded by one line per group of
 * skipped tests: a test that skips itself says why in its name or its describe's (the container
 * tests: "— skipped: no container runtime answers (…)"), and that reason is shown here.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    assertionResults: { status: string; title: string; ancestorTitles: string[] }[];
  }[];
}

const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8')) as Report;

/** `file > describe > …` with the number of tests skipped under it (or the test's own title). */
function skippedLines(r: Report, cwd = process.cwd()): string[] {
  const groups = new Map<string, number>();
  for (const file of r.testResults)
    for (const t of file.assertionResults) {
      if (t.status !== 'skipped' && t.status !== 'pending' && t.status !== 'todo') continue;
      const path = [
        relative(cwd, file.name),
        ...(t.ancestorTitles.length ? t.ancestorTitles : [t.title]),
      ];
      const key = path.join(' > ');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
  return [...groups].map(([key, n]) => `skipped ${n}: ${key}`);
}

for (const line of skippedLines(report)) console.log(line);
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
