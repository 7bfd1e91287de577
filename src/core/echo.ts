/**
 * What a server repeats of a request value in an error text: never a control character (no
 * CR/LF in a header or a log line), never more than ECHO_MAX characters (no 200 kB echo).
 */

/** The longest part of a request value an answer or a log line repeats. */
export const ECHO_MAX = 256;

/** `value` with control characters written as `\uXXXX` and cut at `max` characters (then `…`). */
export function echoed(value: string, max: number = ECHO_MAX): string {
  const safe = value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
