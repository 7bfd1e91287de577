/**
 * A line diff for golden transcripts: the longest common subsequence of two line lists, printed
 * as hunks with two lines of context, `-` for the golden file and `+` for this run.
 */

type Op = {
  readonly k: ' ' | '-' | '+';
  readonly line: string;
  readonly a: number;
  readonly b: number;
};

function operations(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ k: ' ', line: a[i]!, a: i++, b: j++ });
    // Removals before additions, as unified diffs print them.
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ k: '-', line: a[i]!, a: i++, b: j });
    else ops.push({ k: '+', line: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** `undefined` when equal; otherwise hunks like `@@ golden line 12, this run line 12 @@`. */
export function lineDiff(
  golden: readonly string[],
  actual: readonly string[],
  opts: { context?: number; maxLines?: number } = {},
): string | undefined {
  const context = opts.context ?? 2;
  const maxLines = opts.maxLines ?? 60;
  const ops = operations(golden, actual);
  if (ops.every((o) => o.k === ' ')) return undefined;
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, idx) => {
    if (o.k === ' ') return;
    for (let d = -context; d <= context; d++) if (ops[idx + d]) keep[idx + d] = true;
  });
  const out: string[] = [];
  let changed = 0;
  for (let idx = 0; idx < ops.length; idx++) {
    if (!keep[idx]) continue;
    if (idx === 0 || !keep[idx - 1]) {
      const o = ops[idx]!;
      out.push(`@@ golden line ${o.a + 1}, this run line ${o.b + 1} @@`);
    }
    const o = ops[idx]!;
    if (o.k !== ' ') changed++;
    out.push(`${o.k} ${o.line}`);
  }
  if (out.length > maxLines) {
    const rest = out.length - maxLines;
    return [...out.slice(0, maxLines), `… ${rest} more diff lines (${changed} lines differ)`].join(
      '\n',
    );
  }
  return out.join('\n');
}
