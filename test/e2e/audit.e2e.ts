// The audit log in the browser, on the platform as `ssos serve --demo` starts it: the demo school leader reads their
// school's early-warning roster (a person-level read); the state administrator opens the audit log from the header,
// filters it down to that read (the students read are in its details), is refused an organization that does not
// exist (the server's message beside the field), checks the hash chain and downloads the entries as CSV. Others get
// no link and a page that says the log is for state administrators. Axe checks each state; each is kept as a
// screenshot.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AuditList } from '../../src/web/api/audit.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, demoAccount, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

describe('the audit log', () => {
  const browser = useBrowser(baseUrl);

  test('a state administrator finds who read a roster, is refused an unknown organization, checks the chain and downloads the entries', async () => {
    const { page, url } = browser;
    // --- Something to find: the school leader reads the first page of their school's roster. ---
    const leader = await signIn(page, url, 'school_leader');
    const school = leader.scope.orgCode!;
    const roster = await apiJson<{ items: { studentId: string }[] }>(page, url, `/api/orgs/${school}/ewis/roster`);
    expect(roster.items.length).toBeGreaterThan(0);

    // --- The state administrator opens the log from the header. ---
    await signIn(page, url, 'state_admin');
    await page.getByRole('banner').getByRole('link', { name: 'Audit log' }).click();
    await expectPageHeading(page, 'Audit log');
    const table = page.getByRole('table', { name: 'Audit entries, newest first' });
    await table.waitFor();
    await record(page, 'audit-log', 'the audit log');

    // --- Filtered to roster reads of the school: the leader's read, with the students it returned. ---
    await page.getByLabel('What it concerns').fill('ewis_roster');
    await page.getByLabel('Organization code').fill(school);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/resourceType=ewis_roster/);
    expect(new URL(page.url()).searchParams.get('org')).toBe(school);
    const leaderEmail = demoAccount('school_leader').email;
    const rows = table.getByRole('row').filter({ hasText: leaderEmail });
    await rows.first().waitFor();
    const shown = await apiJson<AuditList>(page, url, `/api/audit?resourceType=ewis_roster&org=${school}`);
    expect(shown.items.every((e) => e.resourceType === 'ewis_roster' && e.orgCode === school)).toBe(true);
    // One row per entry (and the header row).
    expect(await table.getByRole('row').count()).toBe(Math.min(shown.items.length, 50) + 1);
    const read = shown.items.find((e) => e.userEmail === leaderEmail && e.action === 'read')!;
    expect(read.detail.students).toEqual(roster.items.map((i) => i.studentId));
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: String(read.id), exact: true }) });
    await row.locator('summary').click();
    await row.getByText(roster.items[0]!.studentId).first().waitFor();
    await record(page, 'audit-log-filtered', 'the audit log filtered to roster reads of a school');

    // --- An organization that does not exist: the server's message beside the field. ---
    const org = page.getByLabel('Organization code');
    await org.fill('99999999');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const problem = page.locator('#audit-org-error');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/no organization has the code 99999999/i);
    expect(await org.getAttribute('aria-invalid')).toBe('true');
    await record(page, 'audit-log-refused', 'the audit log refusing an unknown organization');

    // --- The chain, checked from the page. ---
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    await page.getByRole('button', { name: 'Check the whole log now' }).click();
    await page.getByRole('heading', { name: 'The log is intact' }).waitFor();
    await record(page, 'audit-log-chain', 'the audit log after checking the chain');

    // --- Every entry of the leader's roster reads, as CSV. ---
    await page.getByLabel('User’s email').fill(leaderEmail);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/user=/);
    await table.getByRole('row').filter({ hasText: 'ewis_roster' }).first().waitFor();
    const link = page.getByRole('link', { name: /Download every entry matching the filters as CSV/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(leaderEmail))).toBe(true);
    expect(lines.some((l) => l.includes('ewis_roster'))).toBe(true);
  });

  test('no one else gets the link, and the page says who reads the log', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(url('/admin/audit'));
    await expectPageHeading(page, 'Audit log');
    await page.getByRole('heading', { name: 'Only state administrators read the audit log' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await record(page, 'audit-log-not-admin', 'the audit log page for state staff');
  });
});
