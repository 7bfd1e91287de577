/**
 * Reads the real `dsregcmd /status` output out of the PingOne seed document (source PING), read
 * at test time from the seeds folder beside the clone (never copied into this repo), split into
 * its boxed sections.
 */
import { readFileSync } from 'node:fs';
import { SEED_FILE } from './seed-transcripts.ts';

/** Section title → its lines (without the box), in the seed's order. */
export function seedStatusSections(): Map<string, string[]> {
  const lines = readFileSync(SEED_FILE, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/^> ?/, ''));
  const start = lines.findIndex((l) => l.startsWith('PS C:\\Windows\\System32> dsregcmd /status'));
  if (start < 0) throw new Error(`the PingOne seed at ${SEED_FILE} has no dsregcmd /status block`);
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('```'); i++) {
    const title = /^\| (.+?)\s*\|$/.exec(lines[i]!);
    if (title) {
      current = [];
      sections.set(title[1]!, current);
      i++; // the rule under the title
    } else if (current && !/^\+-+\+$/.test(lines[i]!)) current.push(lines[i]!);
  }
  return sections;
}

/** The same split for our own `/status` lines. */
export function statusSections(status: readonly string[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (let i = 0; i < status.length; i++) {
    const title = /^\| (.+?)\s*\|$/.exec(status[i]!);
    if (title) {
      current = [];
      sections.set(title[1]!, current);
      i++;
    } else if (current && !/^\+-+\+$/.test(status[i]!)) current.push(status[i]!);
  }
  return sections;
}
