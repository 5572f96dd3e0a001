import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, watchForProblems, type BrowserSession } from './browser.ts';

/** The page a test drives, fresh for each test, and the address of the platform it talks to. */
export interface BrowserFixture {
  /** The test's page (valid inside a test). */
  readonly page: Page;
  /** The full address of a path on the platform: `url('/sign-in')`. */
  url: (path: string) => string;
}

/**
 * Registers hooks in the current `describe`: one Chromium for the block, and for each test a new page with no
 * cookies (so no one is signed in). After each test it fails on uncaught page errors or 5xx answers, and saves a
 * screenshot of a failed test's page to test-results/screenshots/failed-<test>.png.
 */
export function useBrowser(baseUrl: () => string): BrowserFixture {
  let browser: BrowserSession | undefined;
  let current: Page | undefined;
  let problems: () => string[] = () => [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (browser === undefined) throw new Error('the browser did not start');
    await browser.context.clearCookies();
    current = await browser.context.newPage();
    problems = watchForProblems(current);
  });
  afterEach(async (context) => {
    const page = current;
    current = undefined;
    if (page === undefined) return;
    try {
      if (context.task.result?.state === 'fail') {
        await screenshot(page, `failed-${context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
      }
      expect(problems(), 'page errors or server errors during the test').toEqual([]);
    } finally {
      await page.close();
    }
  });

  return {
    get page() {
      if (current === undefined) throw new Error('the page exists only while a test runs');
      return current;
    },
    url: (path) => `${baseUrl()}${path}`,
  };
}
