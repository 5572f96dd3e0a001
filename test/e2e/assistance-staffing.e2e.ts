// Staffing a regional assistance team in the browser, on the platform as `ssos serve --demo` starts it: the state
// administrator opens the teams from the assistance start page, adds a member to the Coastal team with two districts
// (refused first for the email of an account that is not agency staff, the server's message beside the field),
// changes the member's districts, and removes the member. The caseload on the start page shows the server's alert.
// An organization's page links to its assistance page for those who may read it, and not for others. Axe checks
// every state of the page reached, and each is kept as a screenshot.
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { MyAssistance, PriorityQueue, StaffList } from '../../src/web/api/assistance.ts';
import type { RegionStaffing } from '../../src/web/api/assistance-teams.ts';
import type { OrgSearchResponse } from '../../src/server/api/orgs.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, demoAccount, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

const coastalTeam = 'Coastal Regional Assistance Team';

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

/** Ticks or unticks a USWDS checkbox the way a person does, by its label (USWDS draws the box; the input is hidden). */
async function setBox(scope: Locator, label: string, checked: boolean): Promise<void> {
  const box = scope.getByRole('checkbox', { name: label, exact: true });
  if ((await box.isChecked()) !== checked) await scope.locator('label').getByText(label, { exact: true }).click();
  expect(await box.isChecked()).toBe(checked);
}

describe('assistance: staffing a regional team', () => {
  const browser = useBrowser(baseUrl);

  test('the state administrator adds a member with two districts, is refused a bad entry, changes the districts and removes the member', async () => {
    const { page, url } = browser;
    const samState = demoAccount('state_staff');
    const drew = demoAccount('district_leader');

    // --- From the assistance start page to the teams. ---
    await signIn(page, url, 'state_admin');
    await page.goto(url('/assistance'));
    await expectPageHeading(page, 'Assistance');
    await page.getByRole('link', { name: 'Staff the regional teams' }).click();
    await expectPageHeading(page, 'Regional assistance teams');
    const section = page.getByRole('region', { name: coastalTeam, exact: true });
    const table = section.getByRole('table', { name: `Members of the ${coastalTeam}, by role` });
    await table.waitFor();
    const before = (await apiJson<StaffList>(page, url, '/api/assistance/staff?region=coastal')).items;
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((m) => m.user.email === samState.email)).toBe(false);
    // One header row and a row per member, each with its role and districts.
    expect(await table.getByRole('row').count()).toBe(before.length + 1);
    const first = before[0]!;
    const firstRow = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: first.user.displayName }) });
    await firstRow.getByRole('cell', { name: first.teamRoleLabel, exact: true }).waitFor();
    await page.getByRole('region', { name: 'West/Central Regional Assistance Team' }).waitFor();
    await record(page, 'assistance-teams', 'the regional assistance teams');
    // The Coastal districts the member takes on (the demo's names, in the order the form lists them).
    const { districts } = await apiJson<RegionStaffing>(page, url, '/api/assistance/regions/coastal/staffing');
    expect(districts.length).toBeGreaterThanOrEqual(3);
    const [d1, d2, d3] = [districts[0]!, districts[1]!, districts[2]!];

    // --- Adding a member: an account that is not agency staff is refused beside the email field. ---
    await section.getByRole('button', { name: `Add a member to the ${coastalTeam}` }).click();
    const form = page.getByRole('form', { name: `Add a member to the ${coastalTeam}` });
    const email = form.getByLabel('Email address of their account');
    await email.waitFor();
    // The accounts that may join are offered as suggestions; Sam State (state staff, on no team) is one.
    expect(await form.locator(`datalist option[value="${samState.email}"]`).count()).toBe(1);
    await email.fill(drew.email);
    await form.getByLabel('Role on the team').selectOption('math_specialist');
    await setBox(form, d1.name, true);
    await setBox(form, d2.name, true);
    await form.getByRole('button', { name: 'Add to the team' }).click();
    const emailGroup = form.locator('.usa-form-group--error', {
      has: page.getByLabel('Email address of their account'),
    });
    await emailGroup
      .locator('.usa-error-message', {
        hasText: `${drew.displayName} is not agency staff: only regional staff, state staff and administrators join a team`,
      })
      .waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
    await record(page, 'assistance-teams-refused', 'a new member refused, the message beside the email field');

    // --- The right account: Sam State joins as math specialist for the first two districts. ---
    await email.fill(samState.email);
    await form.getByRole('button', { name: 'Add to the team' }).click();
    await section.getByText(`${samState.displayName} joined the ${coastalTeam} as math specialist.`).waitFor();
    const samRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: samState.displayName }) });
    await samRow.getByRole('cell', { name: `${d1.name}, ${d2.name}`, exact: true }).waitFor();
    await samRow.getByRole('cell', { name: 'Math specialist', exact: true }).waitFor();
    await samRow.getByRole('cell', { name: 'Active', exact: true }).waitFor();
    expect(await table.getByRole('row').count()).toBe(before.length + 2);
    const added = (await apiJson<StaffList>(page, url, '/api/assistance/staff?region=coastal')).items.find(
      (m) => m.user.email === samState.email,
    );
    expect(added).toMatchObject({ teamRole: 'math_specialist', active: true });
    expect(added!.districts.map((d) => d.code).sort()).toEqual([d1.code, d2.code].sort());
    await record(page, 'assistance-teams-added', 'the Coastal team with its new member');

    // --- Changing the districts: the second and third instead of the first two. ---
    await samRow.getByRole('button', { name: `Change ${samState.displayName}` }).click();
    const change = page.getByRole('form', { name: `Change ${samState.displayName}’s place on the team` });
    await change.getByLabel('Role on the team').waitFor();
    expect(await change.getByLabel('Role on the team').inputValue()).toBe('math_specialist');
    expect(await change.getByRole('checkbox', { name: d2.name, exact: true }).isChecked()).toBe(true);
    await setBox(change, d1.name, false);
    await setBox(change, d3.name, true);
    await record(page, 'assistance-teams-change', 'the form to change a member’s districts');
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await section.getByText(`${samState.displayName}’s place on the team is saved.`).waitFor();
    await samRow.getByRole('cell', { name: `${d2.name}, ${d3.name}`, exact: true }).waitFor();
    const changed = (await apiJson<StaffList>(page, url, '/api/assistance/staff?region=coastal')).items.find(
      (m) => m.user.email === samState.email,
    );
    expect(changed!.districts.map((d) => d.code).sort()).toEqual([d2.code, d3.code].sort());

    // --- Sam State's own start page: the caseload, with the alerts the server computed. ---
    await signIn(page, url, 'state_staff');
    await page.goto(url('/assistance'));
    await page.getByRole('heading', { level: 3, name: `Math specialist, ${coastalTeam}` }).waitFor();
    const mine = await apiJson<MyAssistance>(page, url, '/api/assistance/me');
    const items = mine.caseload!.items;
    const caseload = page.getByRole('table', { name: /Your caseload/ });
    await caseload.waitFor();
    expect(await caseload.getByRole('row').count()).toBe(items.length + 1);
    const caseloadRow = (orgName: string) =>
      caseload.getByRole('row').filter({ has: page.getByRole('link', { name: orgName, exact: true }) });
    const alerted = items.filter((i) => i.alert !== null);
    for (const entry of alerted)
      await caseloadRow(entry.org.name)
        .getByText(entry.alert!.kind === 'never' ? 'Alert: none yet' : 'Alert: overdue')
        .waitFor();
    const quiet = items.find((i) => i.alert === null)!;
    expect(
      await caseloadRow(quiet.org.name)
        .getByText(/^Alert/)
        .count(),
    ).toBe(0);
    const days = mine.caseload!.alertDays;
    await page
      .getByText(
        alerted.length === 0
          ? new RegExp(`^No alert: .* in the last ${days} days`)
          : new RegExp(`^${alerted.length} alerts?: requiring assistance and no engagement in the last ${days} days`),
      )
      .waitFor();
    await record(page, 'assistance-teams-caseload', 'the new member’s caseload with the server’s alerts');

    // --- Back as the state administrator. ---
    await signIn(page, url, 'state_admin');
    await page.goto(url('/assistance/teams'));
    await expectPageHeading(page, 'Regional assistance teams');
    await samRow.getByRole('cell', { name: `${d2.name}, ${d3.name}`, exact: true }).waitFor();

    // --- Removing the member: asked first, then gone from the team. ---
    await samRow.getByRole('button', { name: `Remove ${samState.displayName}` }).click();
    await section.getByRole('heading', { name: `Remove ${samState.displayName} from the ${coastalTeam}?` }).waitFor();
    await record(page, 'assistance-teams-remove', 'the removal of a member, asked first');
    await section.getByRole('button', { name: `Yes, remove ${samState.displayName}` }).click();
    await section.getByText(`${samState.displayName} is no longer on the ${coastalTeam}.`).waitFor();
    await expect.poll(() => samRow.count()).toBe(0);
    expect(await table.getByRole('row').count()).toBe(before.length + 1);
    const after = (await apiJson<StaffList>(page, url, '/api/assistance/staff?region=coastal')).items;
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    await record(page, 'assistance-teams-removed', 'the Coastal team after the removal');
  });

  test("an organization's page links to its assistance page for those who may read it", async () => {
    const { page, url } = browser;

    // The regional staff member: the top Coastal school's page leads to its assistance page.
    await signIn(page, url, 'regional_staff');
    const queue = await apiJson<PriorityQueue>(page, url, '/api/assistance/regions/coastal/priority?level=school');
    const school = queue.items[0]!.org;
    await page.goto(url(`/orgs/${school.code}`));
    await expectPageHeading(page, school.name);
    await page.getByRole('link', { name: 'Assistance and engagements', exact: true }).click();
    await expectPageHeading(page, `${school.name}: assistance`);
    // A school of another region is outside the regional staff member's scope: no link.
    const schools = await apiJson<OrgSearchResponse>(page, url, '/api/orgs?level=school&limit=200');
    const elsewhere = schools.items.find((o) => o.region !== null && o.region.code !== 'coastal')!;
    expect(elsewhere).toBeDefined();
    await page.goto(url(`/orgs/${elsewhere.code}`));
    await expectPageHeading(page, elsewhere.name);
    await page.getByRole('link', { name: 'Accountability report' }).waitFor();
    expect(await page.getByRole('link', { name: 'Assistance and engagements', exact: true }).count()).toBe(0);

    // A district leader: their own district links to its assistance; the teams page is not for them.
    const leader = await signIn(page, url, 'district_leader');
    const own = { code: leader.scope.orgCode!, name: leader.scope.orgName! };
    await page.goto(url(`/orgs/${own.code}`));
    await expectPageHeading(page, own.name);
    await page.getByRole('link', { name: 'Assistance and engagements', exact: true }).waitFor();
    await record(page, 'org-page-assistance-link', 'an organization’s page with its assistance link');
    await page.goto(url('/assistance/teams'));
    await expectPageHeading(page, 'Regional assistance teams');
    await page.getByText(/The regional teams are kept by the agency’s staff/).waitFor();
    expect(await page.getByRole('button', { name: /^Add a member/ }).count()).toBe(0);

    // A vendor reads no assistance: no link.
    await signIn(page, url, 'vendor');
    await page.goto(url(`/orgs/${own.code}`));
    await expectPageHeading(page, own.name);
    await page.getByRole('link', { name: 'Accountability report' }).waitFor();
    expect(await page.getByRole('link', { name: 'Assistance and engagements', exact: true }).count()).toBe(0);
  });
});
