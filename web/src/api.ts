/** Typed calls to the trainer's JSON API (`src/tools/train/train-server.ts`). */
import type {
  ApiError,
  FaultList,
  GuidedPath,
  QuizAnswer,
  QuizQuestion,
  RunView,
  ScenarioList,
} from '../../src/tools/train/api-types.ts';

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiFailure('the trainer server does not answer', 'is `hjsim train` still running?');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(`unexpected answer (${res.status}) from ${path}`);
  }
  if (!res.ok) {
    const e = body as Partial<ApiError>;
    throw new ApiFailure(e.error ?? `HTTP ${res.status}`, e.hint);
  }
  return body as T;
}

function post<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export const api = {
  scenarios: () => call<ScenarioList>('/api/scenarios'),
  faults: (scenario: string) =>
    call<FaultList>(`/api/faults?scenario=${encodeURIComponent(scenario)}`),
  run: (scenario: string, fault?: string) =>
    post<RunView>('/api/run', fault ? { scenario, fault } : { scenario }),
  path: () => call<GuidedPath>('/api/path'),
  question: () => call<QuizQuestion>('/api/quiz'),
  answer: (question: string, choice: string) =>
    post<QuizAnswer>('/api/quiz/answer', { question, choice }),
};
