/**
 * Reads what a support engineer hands `hjsim diagnose` (a file or standard input) and decides
 * whether it is text at all, before anything parses it: bounded in size, decoded from UTF-8 or
 * the UTF-16 that Windows PowerShell 5.1 writes with `>` redirection, and refused with a clear
 * reason when it is empty, binary (a PDF, an image, random bytes) or far larger than a log.
 * modeled: the 8 MiB ceiling. A `dsregcmd /join /debug` transcript is about 10 KB and a whole
 *   User Device Registration log exported as text a few MB; anything larger is not one log.
 */
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** The most `diagnose` reads; a larger input is refused without being read. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export type InputProblem =
  'not-found' | 'unreadable' | 'empty' | 'too-large' | 'pdf' | 'binary' | 'not-text';

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly bytes: number; readonly encoding: string }
  | { readonly ok: false; readonly problem: InputProblem; readonly message: string };

function problem(p: InputProblem, message: string): ReadResult {
  return { ok: false, problem: p, message };
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

const tooLarge = (name: string, size: string) =>
  problem(
    'too-large',
    `${name} is ${size}; diagnose reads at most ${mib(MAX_INPUT_BYTES)} (a dsregcmd transcript is about 10 KB, an exported event log a few MB): copy out the dsregcmd output, the events or the error body you want diagnosed`,
  );

/** Magic numbers of formats people attach instead of the text (checked on the first bytes). */
const BINARY_MAGIC: readonly (readonly [string, Buffer])[] = [
  ['a PDF document', Buffer.from('%PDF-')],
  ['a ZIP archive (or .docx/.xlsx)', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff])],
  ['a GIF image', Buffer.from('GIF8')],
  ['a Windows event log file (.evtx)', Buffer.from('ElfFile')],
  ['a gzip archive', Buffer.from([0x1f, 0x8b])],
];

/** UTF-16 without a BOM: every other byte of ASCII text is NUL. */
function looksUtf16(buf: Buffer, evenIsZero: boolean): boolean {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return false;
  let zeros = 0;
  for (let i = evenIsZero ? 0 : 1; i < n; i += 2) if (buf[i] === 0) zeros++;
  return zeros / (n / 2) > 0.9;
}

function decode(buf: Buffer): { text: string; encoding: string } | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: buf.subarray(2).toString('utf16le'), encoding: 'UTF-16LE' };
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'UTF-16BE' };
  }
  if (looksUtf16(buf, false)) return { text: buf.toString('utf16le'), encoding: 'UTF-16LE' };
  if (looksUtf16(buf, true)) {
    const swapped = Buffer.from(buf.subarray(0, buf.length & ~1));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'UTF-16BE' };
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start)),
      encoding: 'UTF-8',
    };
  } catch {
    // Windows-1252 text (an old console redirect) is still text; random bytes are not.
    return undefined;
  }
}

/** Share of characters that never occur in a log: controls other than tab, CR, LF, FF. */
function controlShare(text: string): number {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return sample.length === 0 ? 0 : bad / sample.length;
}

/** Classifies raw bytes: text to diagnose, or the reason it is not. */
export function classifyBytes(buf: Buffer, name: string): ReadResult {
  if (buf.length === 0 || buf.toString('latin1').trim() === '')
    return problem('empty', `${name} is empty: nothing to diagnose`);
  for (const [what, magic] of BINARY_MAGIC) {
    if (buf.subarray(0, magic.length).equals(magic)) {
      return problem(
        what === 'a PDF document' ? 'pdf' : 'binary',
        `${name} is ${what}, not text: diagnose reads the text of a log. ${
          what.includes('.evtx')
            ? 'Export the events as text (Event Viewer › Save All Events As… › Text) or run: wevtutil qe "Microsoft-Windows-User Device Registration/Admin" /f:text'
            : 'Copy the dsregcmd output, the Event Viewer text or the error body out of it into a .txt file'
        }`,
      );
    }
  }
  const decoded = decode(buf);
  if (decoded === undefined || controlShare(decoded.text) > 0.01) {
    return problem(
      'binary',
      `${name} is binary data, not text (it is neither UTF-8 nor UTF-16): diagnose reads the text of a dsregcmd run, an Event Viewer entry, an AADSTS error body or a MEX/RSTR/SAML XML document`,
    );
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return problem('empty', `${name} holds only white space`);
  return { ok: true, text, bytes: buf.length, encoding: decoded.encoding };
}

/** Reads a file, refusing it by size before reading when it is larger than a log. */
export async function readInputFile(path: string): Promise<ReadResult> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory())
      return problem('unreadable', `${path} is a folder: give diagnose one file (or - for stdin)`);
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? problem('not-found', `no such file: ${path}`)
      : problem('unreadable', `cannot read ${path}: ${code ?? String(e)}`);
  }
  if (size > MAX_INPUT_BYTES) return tooLarge(path, mib(size));
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, MAX_INPUT_BYTES + 1));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      // A file that grew between stat and read (a log being written) is read up to the ceiling.
      if (bytesRead > MAX_INPUT_BYTES) return tooLarge(path, `over ${mib(MAX_INPUT_BYTES)}`);
      return classifyBytes(buf.subarray(0, bytesRead), path);
    } finally {
      await fh.close();
    }
  } catch (e) {
    return problem(
      'unreadable',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

/** Reads a stream (standard input) up to the ceiling; stops reading as soon as it is passed. */
export async function readInputStream(
  stream: Readable,
  name = 'standard input',
): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      total += b.length;
      if (total > MAX_INPUT_BYTES) {
        stream.destroy();
        return tooLarge(name, `over ${mib(MAX_INPUT_BYTES)}`);
      }
      chunks.push(b);
    }
  } catch (e) {
    return problem('unreadable', `cannot read ${name}: ${String(e)}`);
  }
  return classifyBytes(Buffer.concat(chunks), name);
}
