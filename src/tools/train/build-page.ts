/**
 * Builds the trainer page (`web/`) in memory with vite when `hjsim train` starts: nothing built
 * is committed or written to disk, so the page served is always the sources' (docs/decisions/0008-trainer-page-built-in-memory.md).
 */
import { fileURLToPath } from 'node:url';
import { SimError } from '../../core/errors.ts';

export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

export interface PageAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json',
};

function typeOf(fileName: string): string {
  return (
    TYPES[fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream'
  );
}

interface OutputItem {
  readonly fileName: string;
  readonly type: 'chunk' | 'asset';
  readonly code?: string;
  readonly source?: string | Uint8Array;
}

/** The built page, by URL path (`/` is index.html). */
export async function buildPage(root: string = WEB_ROOT): Promise<Map<string, PageAsset>> {
  const { build } = await import('vite');
  let result: unknown;
  try {
    result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      base: '/',
      build: { write: false, modulePreload: false, reportCompressedSize: false, target: 'es2022' },
    });
  } catch (cause) {
    throw new SimError('ERR_INTERNAL', `cannot build the trainer page from ${root}`, { cause });
  }
  const outputs = (Array.isArray(result) ? result : [result]) as { output: OutputItem[] }[];
  const assets = new Map<string, PageAsset>();
  for (const o of outputs) {
    for (const item of o.output) {
      const body =
        item.type === 'chunk' ? Buffer.from(item.code ?? '') : Buffer.from(item.source ?? '');
      assets.set(`/${item.fileName}`, { contentType: typeOf(item.fileName), body });
    }
  }
  const index = assets.get('/index.html');
  if (!index)
    throw new SimError('ERR_INTERNAL', `the trainer page build has no index.html (${root})`);
  assets.set('/', index);
  return assets;
}
