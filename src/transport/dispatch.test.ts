/**
 * The router's exchange log: every exchange by default (a run reports them all), only the newest
 * N with `keepExchanges` (a long-running `hjsim serve`), and each one handed to `onExchange`
 * as it is recorded, also when requests overlap.
 */
import { describe, expect, it } from 'vitest';
import { jsonResponse, type Party } from '../core/http.ts';
import { createRouter, dispatch, type Exchange } from './dispatch.ts';

const party: Party = {
  name: 'echo',
  host: 'echo.test',
  routes: [
    {
      method: 'GET',
      path: '/:n',
      handle: async (_req, params) => {
        // Later requests answer first: the log must still pair each request with its answer.
        await new Promise((r) => setTimeout(r, 30 - Number(params['n']) * 5));
        return jsonResponse(200, { n: params['n'] });
      },
    },
  ],
};

const get = (n: number) => ({
  method: 'GET',
  url: new URL(`https://echo.test/${n}`),
  headers: {},
  body: '',
});

describe('dispatch: the exchange log', () => {
  it('keeps every exchange by default', async () => {
    const router = createRouter([party]);
    for (const n of [1, 2, 3]) await dispatch(router, get(n));
    expect(router.exchanges.map((e) => e.url)).toEqual([
      'https://echo.test/1',
      'https://echo.test/2',
      'https://echo.test/3',
    ]);
  });

  it('keeps only the newest N with keepExchanges, and reports each one as it is recorded', async () => {
    const seen: Exchange[] = [];
    const router = createRouter([party], { keepExchanges: 2, onExchange: (e) => seen.push(e) });
    await Promise.all([1, 2, 3, 4].map((n) => dispatch(router, get(n))));
    expect(router.exchanges).toHaveLength(2);
    expect(seen).toHaveLength(4);
    for (const e of seen) expect(JSON.parse(e.responseBody)).toEqual({ n: e.url.split('/').pop() });
    expect(router.exchanges).toEqual(seen.slice(-2));
  });
});
