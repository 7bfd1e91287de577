/**
 * The progress line of a suite that takes more than a second: `[12/68] 11 passed, 1 failed, 3.2 s`
 * on stderr, rewritten in place and erased at the end. Only on a terminal: CI logs and pipes get
 * nothing.
 */
export interface Progress {
  update(status: 'passed' | 'failed' | 'error'): void;
  stop(): void;
}

const DELAY_MS = 1000;

export function startProgress(
  total: number,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = now();
  const counts = { passed: 0, failed: 0, error: 0 };
  let shown = false;
  const draw = () => {
    const elapsed = now() - started;
    if (elapsed < DELAY_MS) return;
    const done = counts.passed + counts.failed + counts.error;
    const parts = [`${counts.passed} passed`];
    if (counts.failed) parts.push(`${counts.failed} failed`);
    if (counts.error) parts.push(`${counts.error} errors`);
    stream.write(
      `\r\x1b[2K[${done}/${total}] ${parts.join(', ')}, ${(elapsed / 1000).toFixed(1)} s`,
    );
    shown = true;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    update: (status) => {
      counts[status]++;
      draw();
    },
    stop: () => {
      clearInterval(timer);
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
