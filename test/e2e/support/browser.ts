import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

/** Where screenshots go; CI keeps test-results/ as an artifact. */
export const screenshotDir = path.join(repoRoot, 'test-results/screenshots');

// The flags measured to work on these machines (docs: DESIGN.md, "Facts measured on these machines").
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Long enough for a slow shared machine, short enough that a missing element fails well inside the test timeout.
const actionTimeoutMs = 15_000;

/** A headless Chromium with a fresh profile; close() shuts it down and removes the profile. */
export interface BrowserSession {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Launches Debian's Chromium (or CHROMIUM_PATH) through playwright-core, with a fresh profile directory. */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it with \`apt-get install -y --no-install-recommends ` +
        'chromium`, or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
  const profileDir = await mkdtemp(path.join(tmpdir(), 'ssos-e2e-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      args: chromiumArgs,
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(actionTimeoutMs);
    context.setDefaultNavigationTimeout(actionTimeoutMs * 2);
    return {
      context,
      close: async () => {
        await context.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(profileDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Collects what should never happen on a page: an uncaught script error, or a server error (5xx) answering a
 * request. Call the returned function at the end of a test to get the list.
 */
export function watchForProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
  });
  return () => [...problems];
}

/**
 * Runs axe on the page as it is now and fails when it finds a serious or critical violation, naming each rule,
 * what it asks for and the elements that break it.
 */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  // Legacy mode runs axe inside the page instead of opening a second one to gather frame results: half the time
  // per check, and the app has no cross-origin frames that only the other mode would reach.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length === 0) return;
  const details = blocking
    .map((v) => {
      const targets = v.nodes.map((node) => `    ${node.target.map(String).join(' >> ')}`).join('\n');
      return `- ${v.id} (${v.impact}): ${v.help}\n${targets}`;
    })
    .join('\n');
  throw new Error(`Accessibility violations on ${name} (${page.url()}):\n${details}`);
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
