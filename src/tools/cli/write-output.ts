/** Writes a file the user named (`--out`), turning a file-system refusal into an input error. */
import { mkdir, writeFile } from 'node:fs/promises';
import { SimError } from '../../core/errors.ts';

function refused(path: string, cause: unknown, what: string): SimError {
  const code = (cause as { code?: string } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a file is in the way'
            : cause instanceof Error
              ? cause.message
              : String(cause);
  return new SimError('ERR_USAGE', `cannot write ${what} ${path}: ${why}`, {
    cause,
    where: path,
    hint: 'choose another --out',
  });
}

export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    throw refused(path, e, 'the report to');
  }
}

export async function makeOutputFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (e) {
    throw refused(path, e, 'the folder');
  }
}
