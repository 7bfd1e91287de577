/**
 * The trainer page in headless Debian chromium: run the AADSTS51004 scenario, open the token
 * request and see the wrong-namespace claim highlighted, read the transcript tab by keyboard,
 * answer a quiz question, and check the page at 1280×800 and on a narrow window. Screenshots go
 * to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/keys.ts';
import { chromiumMissing, launchChromium, type Browser } from '../support/chromium.ts';
import { startTrain, type TrainProcess } from '../support/train-process.ts';

const SHOTS = join(PACKAGE_ROOT, 'test-results', 'trainer');
const SCENARIO = 'pingone/accounttype-wrong-nameformat.yaml';
const missing = chromiumMissing();

async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('trainer page (headless chromium)', () => {
  let server: TrainProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    if (missing) return;
    mkdirSync(SHOTS, { recursive: true });
    server = await startTrain(['--port', '0', '--scenarios', 'scenarios']);
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(server!.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    const end = await server?.stop('SIGINT');
    if (end) expect(end.code).toBe(0);
  });

  it('runs the AADSTS51004 scenario and highlights the wrong-namespace claim', async (ctx) => {
    if (missing) ctx.skip(missing);
    await page.goto(server!.url);
    await page.getByLabel('Search').fill('accounttype');
    await page.locator(`[data-scenario="${SCENARIO}"]`).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const failing = page.locator('.msg.failing-step');
    await failing.waitFor();
    expect(await failing.textContent()).toContain('AADSTS51004');
    await expect.poll(() => page.locator('#outcome').textContent()).toContain('Joined (sync join)');

    // The SAML bearer grant (the PRT requests after the join also go to oauth2/token).
    await page.locator('.msg-request', { hasText: 'SAML bearer grant' }).click();
    const claim = page.locator('tr.claim[data-claim="accounttype"]');
    await claim.waitFor();
    expect(await claim.getAttribute('data-status')).toBe('wrong-namespace');
    expect(await claim.textContent()).toContain('wrong namespace');
    expect(await claim.textContent()).toContain(
      'http://schemas.microsoft.com/ws/2008/06/identity/claims',
    );
    const highlight = await claim.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(highlight).not.toBe('rgba(0, 0, 0, 0)');
    // The other device claims are read by Entra.
    for (const name of ['onpremobjectguid', 'primarysid'])
      expect(await page.locator(`tr.claim[data-claim="${name}"]`).getAttribute('data-status')).toBe(
        'ok',
      );
    // The overview: top of the page, the claims table scrolled into the message panel.
    await page.evaluate(() => window.scrollTo(0, 0));
    await claim.evaluate((row) => {
      const panel = row.closest('.detail')!;
      const table = row.closest('table')!;
      panel.scrollTop = table.getBoundingClientRect().top - panel.getBoundingClientRect().top - 60;
    });
    await page.setViewportSize({ width: 1280, height: 1160 });
    await page.screenshot({ path: join(SHOTS, 'overview.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await claim.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'token-message.png') });
    expect(await noHorizontalScroll(page)).toBe(true);
  }, 60_000);

  it('opens messages and tabs by keyboard', async (ctx) => {
    if (missing) ctx.skip(missing);
    // Arrows: focus the failing step, Enter opens it; Up moves to the token request.
    await page.locator('.msg.failing-step').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#detail .aadsts').textContent()).toContain('AADSTS51004');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await page.locator('#detail tr.claim-wrong-namespace').getAttribute('data-claim')).toBe(
      'accounttype',
    );
    // Tabs: Left/Right move between them.
    await page.locator('#tab-sequence').click();
    await page.keyboard.press('ArrowRight');
    const panel = page.locator('#panel-transcript');
    await panel.waitFor();
    expect(await page.locator('#tab-transcript').getAttribute('aria-selected')).toBe('true');
    expect(await panel.textContent()).toContain(
      'Federated ADRS join failed with error 0xcaa1000e. Try synchronized join.',
    );
    await page.screenshot({ path: join(SHOTS, 'transcript.png') });
  }, 60_000);

  it('answers one quiz question and keeps the score', async (ctx) => {
    if (missing) ctx.skip(missing);
    await page.locator('#mode-quiz').click();
    const first = page.locator('input[name="cause"]').first();
    await first.waitFor();
    expect(await page.locator('input[name="cause"]').count()).toBeGreaterThanOrEqual(2);
    // What a customer sends: `dsregcmd /join /debug`, or the down-level `autoworkplace.exe /i` run.
    expect(await page.locator('#quiz-transcript').textContent()).toMatch(
      /DSREGCMD_END_STATUS|autoworkplace\.exe" \/i/,
    );
    await first.check();
    await page.getByRole('button', { name: 'Answer' }).click();
    const result = page.locator('#quiz-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Correct|Not quite/);
    expect(await page.locator('.evidence-list li').count()).toBeGreaterThan(0);
    expect(await page.locator('#quiz-transcript .line.evidence').count()).toBeGreaterThan(0);
    expect(await page.locator('#score').textContent()).toMatch(/Quiz score: [01] \/ 1/);
    await page.screenshot({ path: join(SHOTS, 'quiz.png') });
  }, 60_000);

  it('stays readable on a narrow window', async (ctx) => {
    if (missing) ctx.skip(missing);
    await page.setViewportSize({ width: 420, height: 900 });
    await page.locator('#mode-explore').click();
    await page.locator('#tab-sequence').click();
    await page.locator('.msg.failing-step').scrollIntoViewIfNeeded();
    expect(await noHorizontalScroll(page)).toBe(true);
    // The diagram folds into a list that names both ends of each arrow.
    expect(await page.locator('.msg.failing-step .msg-ends').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'narrow.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('loaded nothing from another origin and logged no errors', (ctx) => {
    if (missing) ctx.skip(missing);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
