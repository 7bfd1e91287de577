/**
 * A pasted log as diagnose reads it: line ends unified, mail/markdown quote prefixes (`> `)
 * removed, lines that a console hard-wrapped at its width joined back, and every offset in the
 * result traceable to the line the user pasted (for the evidence shown).
 * modeled: the wrap detection. A console copy wraps at the buffer width (a run of lines all
 *   exactly that long); mail clients wrap at spaces, which the signatures tolerate by matching
 *   any white space between words.
 */

export interface LogLine {
  /** 1-based line number in the input as given. */
  readonly line: number;
  readonly text: string;
}

export interface LogText {
  /** Logical lines joined with `\n`. */
  readonly text: string;
  readonly lines: readonly LogLine[];
  /** Offset in `text` where each logical line starts. */
  readonly starts: readonly number[];
  /** Lines of the input (before joining wraps). */
  readonly physicalLines: number;
}

const QUOTE = /^[ \t]{0,3}(?:>[ \t]?)+/;

/** The console width the text was hard-wrapped at, if it was. */
function wrapWidth(lines: readonly string[]): number | undefined {
  let max = 0;
  for (const l of lines) if (l.length > max) max = l.length;
  if (max < 60 || max > 400) return undefined;
  let atMax = 0;
  for (const l of lines) if (l.length === max) atMax++;
  return atMax >= 3 ? max : undefined;
}

export function toLogText(input: string): LogText {
  let raw = input.replace(/\r\n?/g, '\n').split('\n');
  const nonEmpty = raw.filter((l) => l.trim() !== '');
  const quoted = nonEmpty.filter((l) => QUOTE.test(l)).length;
  if (nonEmpty.length > 0 && quoted / nonEmpty.length >= 0.5)
    raw = raw.map((l) => l.replace(QUOTE, ''));
  raw = raw.map((l) => l.replace(/\s+$/, ''));

  const width = wrapWidth(raw);
  const lines: LogLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    let text = raw[i]!;
    const line = i + 1;
    while (
      width !== undefined &&
      text.length > 0 &&
      raw[i]!.length === width &&
      i + 1 < raw.length
    ) {
      i++;
      text += raw[i]!;
    }
    lines.push({ line, text });
  }
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  return { text: lines.map((l) => l.text).join('\n'), lines, starts, physicalLines: raw.length };
}

/** The logical line an offset of `log.text` falls in. */
export function lineAt(log: LogText, offset: number): LogLine {
  let lo = 0;
  let hi = log.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (log.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return log.lines[lo] ?? { line: 1, text: '' };
}

/** A line as evidence: trimmed, and cut around `focus` when it is long. */
export function excerpt(text: string, focus = 0, max = 220): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const lead = text.length - text.trimStart().length;
  const at = Math.max(0, focus - lead - 60);
  const start = at + max >= t.length ? t.length - max : at;
  return `${start > 0 ? '…' : ''}${t.slice(start, start + max)}${start + max < t.length ? '…' : ''}`;
}
