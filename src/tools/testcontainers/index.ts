/**
 * `hjsim/testcontainers`: hjsim's mock IdP and mock Entra as a container in your own suite, on
 * testcontainers 11.14.0 (install it beside hjsim: an optional peer dependency). Where no container
 * runtime answers, `containerRuntime()` says why, so a suite can skip with the reason.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, describe, expect, it } from 'vitest';
 * import { containerRuntime, startHjsim, type StartedHjsim } from 'hjsim/testcontainers';
 *
 * const runtime = await containerRuntime();
 * describe.skipIf(!runtime.available)(`hjsim in a container${runtime.available ? '' : ` (skipped: ${runtime.reason})`}`, () => {
 *   let hjsim: StartedHjsim;
 *   beforeAll(async () => {
 *     hjsim = await startHjsim({ scenario: 'scenarios/pingone/baseline.yaml' });
 *   }, 300_000);
 *   afterAll(() => hjsim?.stop());
 *   it('answers user realm', async () => {
 *     expect(hjsim.urls.userRealm).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/common\/userrealm\//);
 *   });
 * });
 * ```
 */

/** Starts `hjsim serve` for a scenario in a container; resolves once its healthcheck passes. */
export {
  startHjsim,
  containerRuntime,
  DEFAULT_IMAGE_TAG,
  CONTAINER_CA_PATH,
  type StartedHjsim,
} from './start-hjsim.ts';
/** The options, checked without a runtime; the URLs a started container answers at. */
export {
  resolveOptions,
  containerUrls,
  serveArguments,
  planScenarioCopy,
  type StartHjsimOptions,
  type HjsimUrls,
  type HjsimParty,
} from './container-options.ts';
