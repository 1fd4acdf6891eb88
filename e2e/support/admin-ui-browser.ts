import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (no Playwright browser download is reachable from the test machines). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

/** Where the UI tests write a screenshot of every page at both widths (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

/** The two widths every page is checked at: a laptop and a phone (below the 768 px navigation breakpoint). */
export const WIDTHS = [1280, 390] as const;

export interface UiBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile of its own (a new user-data-dir, removed on close), so no cache, cookie or
 * localStorage leaks between runs. `executablePath` defaults to Debian's Chromium.
 */
export async function launchUiBrowser(options: { executablePath?: string; acceptDownloads?: boolean } = {}): Promise<UiBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'fleet-ui-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? DEFAULT_CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: WIDTHS[0], height: 900 },
    acceptDownloads: options.acceptDownloads ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * What axe found that is critical or serious, as `rule: target (impact)` lines (empty when nothing). Only
 * violations are reported in full (axe's `resultTypes`): every rule still runs on every node, but axe skips
 * building selectors and summaries for the nodes that pass (same findings, about a sixth less time).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.impact ?? ''}) ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/** A screenshot named `<name>-<width>.png` in SCREENSHOT_DIR: the whole page, or the viewport (a dialog over it). */
/** The page a freshly launched browser opened with (a new one if it opened none). */
export function firstPage(ui: UiBrowser): Promise<Page> {
  const [page] = ui.context.pages();
  return page ? Promise.resolve(page) : ui.context.newPage();
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

export interface UiUser {
  readonly email: string;
  readonly password: string;
}

/** A session token from Fleet's API login, for a spec's own API calls beside the browser. */
export async function apiToken(baseUrl: string, user: UiUser): Promise<string> {
  const login = await fetch(`${baseUrl}/api/latest/fleet/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }),
  });
  return ((await login.json()) as { token: string }).token;
}

/** Logs in through the login page, as a user would, and waits for the dashboard. */
export async function logInThroughUi(page: Page, baseUrl: string, user: UiUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

export interface SweptPage {
  readonly name: string;
  readonly path: string;
  /** Resolves once the page shows what it is for. */
  readonly ready: (page: Page) => Promise<unknown>;
}

/**
 * Every page at each of WIDTHS: opened, ready, settled, exactly one h1, checked with axe and screenshotted.
 * Returns axe's critical and serious findings as `name @width: …` lines; the viewport is back at the first width.
 */
export async function sweepPages(page: Page, baseUrl: string, pages: readonly SweptPage[]): Promise<string[]> {
  const failures: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of pages) {
      await page.goto(`${baseUrl}${p.path}`);
      await p.ready(page);
      await page.waitForLoadState('networkidle');
      expect([p.name, await page.locator('h1').count()]).toEqual([p.name, 1]);
      failures.push(...(await seriousA11yViolations(page)).map((v) => `${p.name} @${width}: ${v}`));
      await screenshot(page, p.name);
    }
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  return failures;
}
