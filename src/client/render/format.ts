/**
 * dsregcmd's layout: field names right-aligned to a fixed column, then ` : value`; section
 * headers in a box; times as `2025-07-10 16:52:13.000 UTC`.
 * @see [PING] (`dsregcmd /status` and DSREGCMD_END_STATUS)
 */
const NAME_WIDTH = 26;

export function field(name: string, value: string): string {
  return `${name.padStart(NAME_WIDTH)} : ${value}`.trimEnd();
}

export function yesNo(v: boolean): string {
  return v ? 'YES' : 'NO';
}

export function dsregTime(d: Date): string {
  return `${d.toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}

const RULE = `+${'-'.repeat(70)}+`;

export function section(title: string): string[] {
  return [RULE, `| ${title.padEnd(69)}|`, RULE, ''];
}
