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

/** What axe found that is critical or serious, as `rule: target (impact)` lines (empty when nothing). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.impact ?? ''}) ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/** A screenshot named `<name>-<width>.png` in SCREENSHOT_DIR: the whole page, or the viewport (a dialog over it). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
