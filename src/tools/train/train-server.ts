/**
 * The trainer's HTTP server: the page built from `web/`, and a JSON API over the scenario folder
 * (list, single faults, run, quiz). Loopback only by default; one error boundary turns every
 * failure into `{ error, hint }` with a 4xx/5xx status, never a crash.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { isSimError, SimError } from '../../core/errors.ts';
import { runLoadedScenario } from '../../scenario/run/run-scenario.ts';
import type {
  ApiError,
  FaultList,
  GuidedPath,
  QuizAnswerRequest,
  RunRequest,
} from './api-types.ts';
import { buildPage, type PageAsset } from './build-page.ts';
import { applyFault, listFaults } from './faults.ts';
import { GUIDED_PATH, PATH_SOURCES } from './guided-path.ts';
import { NotFoundError } from './not-found.ts';
import { createQuiz, type Quiz } from './quiz.ts';
import { buildRunView } from './run-view.ts';
import { openScenarioLibrary, type ScenarioLibrary } from './scenario-library.ts';
import { listenSafely } from '../../transport/safe-listen.ts';

export interface TrainServerOptions {
  readonly scenariosDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** For tests: the quiz's source of randomness. */
  readonly random?: () => number;
}

export interface TrainServer {
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

// The page loads only its own assets: offline by construction, no CDN.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function usage(message: string): SimError {
  return new SimError('ERR_USAGE', message);
}

export function createTrainApp(
  library: ScenarioLibrary,
  page: ReadonlyMap<string, PageAsset>,
  quiz: Quiz,
  opts: { readonly checkHost: boolean },
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    // A page on another site must not reach this API through a rebound DNS name.
    if (opts.checkHost && !LOOPBACK_HOSTS.test(req.headers.host ?? '')) {
      res.status(403).type('text/plain').send('hjsim train answers loopback host names only');
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', CSP);
    res.setHeader('cache-control', 'no-store');
    next();
  });
  app.use(express.json({ limit: '16kb' }));

  app.get('/api/scenarios', async (_req, res) => {
    res.json(await library.list());
  });

  // The guided path: ten common failures in the order a join meets them, then the quiz.
  app.get('/api/path', async (_req, res) => {
    const ids = new Set((await library.list()).scenarios.map((e) => e.id));
    const path: GuidedPath = {
      steps: GUIDED_PATH.map((s) => ({ ...s, inLibrary: ids.has(s.scenario) })),
      sources: PATH_SOURCES,
    };
    res.json(path);
  });

  app.get('/api/faults', async (req, res) => {
    const id = str(req.query['scenario']);
    if (!id) throw usage('GET /api/faults needs ?scenario=ID');
    const loaded = await library.load(id);
    const body: FaultList = {
      scenario: id,
      faults: listFaults(loaded.scenario).map(({ id: f, title }) => ({ id: f, title })),
    };
    res.json(body);
  });

  app.post('/api/run', async (req, res) => {
    const body = (req.body ?? {}) as Partial<RunRequest>;
    const id = str(body.scenario);
    if (!id) throw usage('POST /api/run needs a JSON body { "scenario": ID, "fault"?: FAULT }');
    let loaded = await library.load(id);
    const faultId = str(body.fault);
    let fault;
    if (faultId) ({ loaded, fault } = applyFault(loaded, faultId));
    const result = await runLoadedScenario(loaded);
    res.json(
      buildRunView({
        id,
        scenario: loaded.scenario,
        result,
        ...(fault ? { fault: { id: fault.id, title: fault.title } } : {}),
      }),
    );
  });

  app.get('/api/quiz', async (_req, res) => {
    res.json(await quiz.question());
  });

  app.post('/api/quiz/answer', (req, res) => {
    const body = (req.body ?? {}) as Partial<QuizAnswerRequest>;
    const question = str(body.question);
    const choice = str(body.choice);
    if (!question || !choice)
      throw usage('POST /api/quiz/answer needs a JSON body { "question": ID, "choice": ID }');
    res.json(quiz.answer({ question, choice }));
  });

  app.use('/api', (req, _res) => {
    throw new NotFoundError(`no API ${req.method} ${req.originalUrl}`);
  });

  app.get('/{*path}', (req, res) => {
    const asset = page.get(req.path) ?? (req.path.includes('.') ? undefined : page.get('/'));
    if (!asset) {
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    res.type(asset.contentType).send(asset.body);
  });

  // The one error boundary: usage errors are the caller's (4xx), anything else is ours (500).
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    const status =
      isSimError(err) && err.code !== 'ERR_INTERNAL'
        ? err instanceof NotFoundError
          ? 404
          : 400
        : typeof (err as { status?: unknown }).status === 'number'
          ? (err as { status: number }).status
          : 500;
    const body: ApiError = {
      error:
        err instanceof Error
          ? status === 500 && !isSimError(err)
            ? `internal error: ${err.message}`
            : err.message
          : String(err),
      ...(isSimError(err) && err.hint ? { hint: err.hint } : {}),
    };
    res.status(status).json(body);
  });
  return app;
}

/** Opens the scenario folder, builds the page, and listens. */
export async function startTrainServer(opts: TrainServerOptions): Promise<TrainServer> {
  const host = opts.host ?? '127.0.0.1';
  const library = await openScenarioLibrary(opts.scenariosDir);
  const page = await buildPage();
  const quiz = createQuiz(library, opts.random);
  const app = createTrainApp(library, page, quiz, {
    checkHost: host === '127.0.0.1' || host === 'localhost',
  });
  // The one listen path of every shipped server: its timeouts and connection cap.
  const server = await listenSafely(app, {
    host,
    port: opts.port,
    exposeBeyondLoopback: host !== '127.0.0.1' && host !== 'localhost',
  });
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${server.port}/`,
    close: server.close,
  };
}
