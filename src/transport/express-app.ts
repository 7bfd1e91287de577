/**
 * Loopback transport: an express app that hands every request to the same party handlers msw
 * mounts in-process (`dispatch`). A request goes to the parties registered for its `Host`
 * header; when no party claims that host, it goes to the parties registered for the server's
 * own address (`hjsim serve` puts the IdP, login and DRS routes on one `127.0.0.1:PORT`).
 */
import express, { type Express, type Request, type Response } from 'express';
import type { Party } from '../core/http.ts';
import { createRouter, dispatch, hasParty, type Exchange, type PartyRouter } from './dispatch.ts';

export interface ExpressAppOptions {
  /** Largest request body accepted (413 beyond). */
  readonly bodyLimit?: string;
  /** Host:port the server is reached at, for requests whose Host names no party. */
  readonly fallbackHost?: () => string | undefined;
  /** Called after each exchange (for logging). */
  readonly onExchange?: (e: Exchange) => void;
}

export function createExpressApp(
  parties: readonly Party[],
  opts: ExpressAppOptions = {},
): { app: Express; router: PartyRouter } {
  const router = createRouter(parties);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(
    express.text({ type: () => true, limit: opts.bodyLimit ?? '1mb', defaultCharset: 'utf-8' }),
  );
  app.use(async (req: Request, res: Response) => {
    const host = req.headers.host ?? opts.fallbackHost?.() ?? 'localhost';
    let url = new URL(req.originalUrl, `https://${host}`);
    if (!hasParty(router, url)) {
      const fb = opts.fallbackHost?.();
      if (fb) url = new URL(req.originalUrl, `https://${fb}`);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const body = typeof req.body === 'string' ? req.body : '';
    const out = await dispatch(router, { method: req.method, url, headers, body });
    const e = router.exchanges.at(-1);
    if (e) opts.onExchange?.(e);
    res.status(out.status);
    for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
    res.send(out.body);
  });
  // express's body parser errors (413, bad encoding) arrive here.
  app.use(
    (
      err: { status?: number; type?: string; message?: string },
      _req: Request,
      res: Response,
      _next: unknown,
    ) => {
      void _next;
      res
        .status(err.status ?? 500)
        .type('text/plain')
        .send(err.type === 'entity.too.large' ? 'Payload Too Large' : 'Bad Request');
    },
  );
  return { app, router };
}
