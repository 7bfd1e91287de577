/**
 * Reads the real `dsregcmd /join /debug` transcripts out of the PingOne seed document (source
 * PING), read at test time from the seeds folder beside the clone (never copied into this repo),
 * and masks what differs between runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';

export const SEED_FILE = join(PACKAGE_ROOT, '..', 'shared', 'seeds', '004_cfe8f5bb4b6ae74c.txt');

/** The blocks that follow `PS C:\Windows\System32> dsregcmd /join /debug` in the seed, in order. */
export function seedJoinTranscripts(): string[][] {
  let text: string;
  try {
    text = readFileSync(SEED_FILE, 'utf8');
  } catch (cause) {
    throw new Error(
      `the PingOne seed is not at ${SEED_FILE}: keep the seeds folder (shared/seeds) beside the clone`,
      { cause },
    );
  }
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^> ?/, '');
    if (line.startsWith('PS C:\\Windows\\System32> dsregcmd /join /debug')) {
      cur = [];
      out.push(cur);
    } else if (cur && line.startsWith('```')) {
      cur = undefined;
    } else if (cur) {
      cur.push(line);
    }
  }
  return out;
}

/** GUIDs, thumbprints and times differ per run; everything else must match. */
export function mask(line: string): string {
  return line
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<GUID>')
    .replace(/\b[0-9A-F]{40}\b/g, '<THUMBPRINT>')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC/g, '<TIME>')
    .replace(/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g, '<HTTP-DATE>')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z/g, '<TIMESTAMP>');
}
