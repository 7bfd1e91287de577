/**
 * Raw sockets against a served hjsim (what an attacker's script does, not a polite client): send
 * some bytes, keep the connection open, and see what the server answers and when it closes.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { TEST_CA } from './serve-process.ts';
import { readFileSync } from 'node:fs';

export interface RawResult {
  /** Everything the server sent before it closed. */
  readonly answer: string;
  /** Milliseconds from connecting to the close. */
  readonly closedAfterMs: number;
}

/** Connects, writes `text` (nothing when empty), and resolves when the server closes (or after `giveUpMs`). */
export function rawExchange(
  port: number,
  text: string,
  opts: { readonly tls?: boolean; readonly giveUpMs?: number } = {},
): Promise<RawResult> {
  const t0 = performance.now();
  const socket: Socket = opts.tls
    ? tlsConnect({ port, host: '127.0.0.1', ca: readFileSync(TEST_CA), servername: '' })
    : connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (c: Buffer) => (answer += c.toString()));
  socket.on('error', () => undefined);
  if (text) socket.write(text);
  return new Promise((resolve) => {
    const giveUp = setTimeout(() => socket.destroy(), opts.giveUpMs ?? 60_000);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: performance.now() - t0 });
    });
  });
}

/** One complete request on a fresh connection; resolves with the raw answer (the server closes). */
export async function rawRequest(
  port: number,
  head: string,
  opts: { readonly tls?: boolean } = {},
): Promise<string> {
  const r = await rawExchange(port, head, { ...opts, giveUpMs: 20_000 });
  return r.answer;
}
