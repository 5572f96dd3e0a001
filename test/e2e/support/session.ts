import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Role } from '../../../src/core/access/roles.ts';
import { demoUsers } from '../../../src/core/demo/fixed-commonwealth.ts';
import type { CurrentUser, SessionResponse } from '../../../src/server/api/auth.ts';
import { launchBrowser, screenshot, watchForProblems, type BrowserSession } from './browser.ts';
import { startPlatform, type RunningPlatform } from './server.ts';

/**
 * Registers hooks in the current file (or `describe`) that start the platform as the README does (`ssos serve
 * --demo`, on a fresh database) before its tests and stop it after them; returns a function giving its address.
 * SSOS_E2E_PLATFORM_URL names a platform already running on a fresh demo database instead, for a machine so loaded
 * that the demo takes longer to load than the start timeout.
 */
export function usePlatform(): () => string {
  const runningUrl = process.env.SSOS_E2E_PLATFORM_URL?.replace(/\/$/, '');
  let platform: RunningPlatform | undefined;
  beforeAll(async () => {
    if (runningUrl === undefined) platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });
  return () => {
    if (runningUrl !== undefined) return runningUrl;
    if (platform === undefined) throw new Error('the platform did not start');
    return platform.url;
  };
}

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

/** An account to sign in with: a demo account, or one a test created. */
export interface Account {
  email: string;
  password: string;
  displayName: string;
}

/** The demo account of a role (`ssos serve --demo` creates one per role). */
export function demoAccount(role: Role): Account & { role: Role } {
  const user = demoUsers.find((u) => u.role === role);
  if (user === undefined) throw new Error(`no demo account has the role ${role}`);
  return user;
}

/**
 * Waits until the page's one h1 says `text` (all of it, for a string; a match, for a pattern), and checks there is
 * exactly one h1.
 */
export async function expectPageHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: typeof text === 'string' }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** Opens the sign-in page at `signInUrl`, fills in the form and submits it (whatever the outcome). */
export async function submitSignIn(page: Page, signInUrl: string, email: string, password: string): Promise<void> {
  await page.goto(signInUrl);
  await expectPageHeading(page, 'Sign in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in through the form as a role's demo account (or the account given), after dropping any session the page's
 * context holds; waits until the header shows the account's name, and returns the user the server signed in.
 */
export async function signIn(page: Page, url: (path: string) => string, who: Role | Account): Promise<CurrentUser> {
  const account = typeof who === 'string' ? demoAccount(who) : who;
  await page.context().clearCookies();
  await submitSignIn(page, url('/sign-in'), account.email, account.password);
  await page.getByRole('banner').getByText(account.displayName, { exact: true }).waitFor();
  const session = (await (await page.request.get(url('/api/session'))).json()) as SessionResponse;
  if (session.user === null) throw new Error(`${account.email} is not signed in after the sign-in form`);
  return session.user;
}

/** Asks the API, with the page's cookies, for a JSON answer, and checks it is a 200. */
export async function apiJson<T>(page: Page, url: (path: string) => string, address: string): Promise<T> {
  const response = await page.request.get(url(address));
  expect(response.status(), address).toBe(200);
  return (await response.json()) as T;
}
