// Grants, networks, recognition and walkthroughs in the browser, on the platform as `ssos serve --demo` starts it
// (the demo loads them in demo-assistance.ts). State staff open the grant program: its allocation of the current
// fiscal year explained for the recipient awarded, a second allocation refused for a budget below the minimums (the
// server's message beside the budget), and the spent-vs-awarded dashboard (32.0% spent). The Coastal regional staff
// member reads the statewide Urban Superintendents Network and its meeting, and in the region's principals' network
// records a meeting ahead: attendance ticked is refused beside the attendance (it is recorded once the meeting has
// taken place), then the meeting is recorded. State staff see the demo's recognition pairing (the partner the DART
// comparability puts nearest) and pair another suggested school, refused first without its focus. The regional staff
// member opens the walkthrough instrument and the calibration session of three observers: 60.0% agreement, Fleiss'
// kappa 0.416. Axe checks every page reached, and each is kept as a screenshot named assistance-programs-*.
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Allocation, AllocationList, GrantProgramList, ProgramDashboard } from '../../src/web/api/grants.ts';
import type { NetworkDetail, NetworkList } from '../../src/web/api/networks.ts';
import type { RecognitionOverview } from '../../src/web/api/recognition.ts';
import type { CalibrationReport } from '../../src/web/api/walkthroughs.ts';
import { formatCents, formatPercent } from '../../src/web/components/grants-format.tsx';
import { formatDate } from '../../src/web/components/plan-format.tsx';
import { demoGrantProgram, demoInstrument, demoPrincipal } from '../../src/server/services/demo-assistance.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, `assistance-programs-${name}`);
}

/** A day `days` from today in UTC, as YYYY-MM-DD (the server counts days in UTC). */
function utcDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The form group (label, error, control) of a labelled field in a form: where the server's message shows. */
function fieldGroup(form: Locator, page: Page, label: string): Locator {
  return form.locator('.usa-form-group--error', { has: page.getByLabel(label, { exact: true }) });
}

describe('assistance programs: grants, networks, recognition and walkthroughs over the demo', () => {
  const browser = useBrowser(baseUrl);

  test('state staff open the grant program: an allocation explained, a budget refused, spent vs awarded', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    await page.goto(url('/assistance/grants'));
    await expectPageHeading(page, 'Grants');
    const programs = page.getByRole('table', { name: 'Grant programs by fund code' });
    const programRow = programs.getByRole('row').filter({ hasText: demoGrantProgram.name });
    await programRow.getByText('Federal', { exact: true }).waitFor();
    // One application awarded (spending reported), one awaiting the state's decision.
    const applications = page.getByRole('table', { name: 'Grant applications' });
    await applications.getByRole('row').filter({ hasText: 'Awarded' }).first().waitFor();
    await applications.getByRole('row').filter({ hasText: 'Submitted' }).first().waitFor();
    await record(page, 'grants', 'the grants page of state staff');

    // --- The program: its rule, formula, the final allocation of the current fiscal year. ---
    await programRow.getByRole('link', { name: demoGrantProgram.fundCode }).click();
    await expectPageHeading(page, `${demoGrantProgram.fundCode}: ${demoGrantProgram.name}`);
    const list = await apiJson<GrantProgramList>(page, url, '/api/assistance/grants/programs');
    const program = list.items.find((p) => p.fundCode === demoGrantProgram.fundCode)!;
    const allocations = page.getByRole('table', { name: 'Allocations by fiscal year, latest first' });
    const finalRow = allocations.getByRole('row').filter({ hasText: 'Final' });
    const fiscalYear = Number((await finalRow.getByRole('link').innerText()).replace('FY', ''));
    expect(fiscalYear).toBeGreaterThan(2000);

    // --- Spent vs awarded: the awarded school's row and the totals read 32.0% (half of the 48% coaching line and a
    // quarter of the 32% stipends line reported spent). ---
    const dashboard = await apiJson<ProgramDashboard>(
      page,
      url,
      `/api/assistance/grants/programs/${program.id}/dashboard?fiscalYear=${fiscalYear}`,
    );
    expect(dashboard.items).toHaveLength(1);
    expect(dashboard.totals.percentSpent).toBe(32);
    const awarded = dashboard.items[0]!;
    const spending = page.getByRole('table', { name: new RegExp(`^Spent vs awarded, FY${fiscalYear}`) });
    const awardedRow = spending.getByRole('row').filter({ hasText: awarded.org.name });
    await awardedRow.getByText(formatCents(awarded.figures.awardedCents)).first().waitFor();
    await awardedRow.getByText(formatPercent(awarded.figures.percentSpent), { exact: true }).waitFor();
    await spending.getByRole('row').filter({ hasText: 'Total' }).getByText('32.0%', { exact: true }).waitFor();

    // --- A second allocation of the next fiscal year, with a budget below the minimums: refused beside the budget. ---
    const allocate = page.getByRole('form', { name: 'Compute an allocation' });
    await allocate.getByLabel('Fiscal year', { exact: true }).fill(String(fiscalYear + 1));
    await allocate.getByLabel('Budget, in dollars').fill('1000');
    await allocate.getByRole('button', { name: 'Compute the allocation' }).click();
    await fieldGroup(allocate, page, 'Budget, in dollars').locator('.usa-error-message').waitFor();
    expect(await allocate.getByLabel('Budget, in dollars').getAttribute('aria-invalid')).toBe('true');
    await record(page, 'allocation-refused', 'a grant program, an allocation refused beside its budget');

    // --- The allocation: every recipient's amount explained, the awarded school's among them. ---
    await finalRow.getByRole('link', { name: `FY${fiscalYear}` }).click();
    await expectPageHeading(page, `${demoGrantProgram.fundCode} allocation, FY${fiscalYear}`);
    await page.getByText('Final: it can no longer be recomputed').waitFor();
    const years = await apiJson<AllocationList>(page, url, `/api/assistance/grants/programs/${program.id}/allocations`);
    const allocationId = years.items.find((a) => a.fiscalYear === fiscalYear)!.id;
    const allocation = await apiJson<Allocation>(page, url, `/api/assistance/grants/allocations/${allocationId}`);
    expect(allocation.totalCents).toBe(allocation.budgetCents);
    const line = allocation.lines.find((l) => l.org.name === awarded.org.name)!;
    expect(line.amountCents).toBe(awarded.allocatedCents);
    const recipients = page.getByRole('table', { name: /^Every recipient’s amount, explained/ });
    const recipientRow = recipients.getByRole('row').filter({ hasText: awarded.org.name });
    await recipientRow.getByText(line.explanation, { exact: true }).waitFor();
    await recipientRow.getByText(formatCents(line.amountCents), { exact: true }).waitFor();
    await record(page, 'allocation', 'an allocation with every recipient’s amount explained');

    // Back on the program, the dashboard kept for the record.
    await page.getByRole('link', { name: `${demoGrantProgram.fundCode}: ${demoGrantProgram.name}` }).click();
    await expectPageHeading(page, `${demoGrantProgram.fundCode}: ${demoGrantProgram.name}`);
    await page.getByRole('table', { name: new RegExp(`^Spent vs awarded, FY${fiscalYear}`) }).waitFor();
    await record(page, 'grant-program', 'a grant program with its allocations and spent-vs-awarded dashboard');
  }, 180_000);

  test('the regional staff member reads the networks and records a meeting, refused first with attendance', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'regional_staff');
    await page.goto(url('/assistance/networks'));
    await expectPageHeading(page, 'Networks');
    const networks = await apiJson<NetworkList>(page, url, '/api/assistance/networks');
    const urban = networks.items.find((n) => n.name === 'Urban Superintendents Network')!;
    const principals = networks.items.find((n) => n.kind === 'principals' && n.canManage)!;
    expect(urban.canManage).toBe(false);
    const table = page.getByRole('table', { name: 'Networks you may read' });
    const urbanRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: urban.name }) });
    await urbanRow.getByText('Statewide', { exact: true }).waitFor();
    await urbanRow.getByText(formatDate(urban.lastMeetingOn!), { exact: true }).waitFor();
    await record(page, 'networks', 'the networks a regional staff member may read');

    // --- The statewide network: its members and the meeting held, read only. ---
    await urbanRow.getByRole('link', { name: urban.name }).click();
    await expectPageHeading(page, urban.name);
    const detail = await apiJson<NetworkDetail>(page, url, `/api/assistance/networks/${urban.id}`);
    const held = detail.meetings.find((m) => m.attendedMemberIds.length > 0)!;
    const meetings = page.getByRole('table', { name: 'Meetings, latest first, with who attended' });
    const heldRow = meetings.getByRole('row').filter({ hasText: held.topic });
    await heldRow.getByText(formatDate(held.heldOn), { exact: true }).waitFor();
    await heldRow.getByText(new RegExp(`^${held.attendedMemberIds.length}: `)).waitFor();
    const members = page.getByRole('table', { name: `Members of ${urban.name}` });
    expect(await members.getByRole('row').count()).toBe(detail.members.length + 1);
    expect(await page.getByRole('form', { name: 'Record a meeting' }).count()).toBe(0);
    await record(page, 'network', 'the Urban Superintendents Network with its meeting');

    // --- The region's principals' network: a meeting ahead, attendance ticked, refused beside the attendance. ---
    await page.goto(url(`/assistance/networks/${principals.id}`));
    await expectPageHeading(page, principals.name);
    const own = await apiJson<NetworkDetail>(page, url, `/api/assistance/networks/${principals.id}`);
    const principal = own.members.find((m) => m.name === demoPrincipal.name)!;
    const form = page.getByRole('form', { name: 'Record a meeting' });
    const ahead = utcDay(14);
    const topic = 'Walkthrough trends: student discourse';
    await form.getByLabel('Date').fill(ahead);
    await form.getByLabel('Topic').fill(topic);
    await form.getByLabel('Agenda').fill('What the walkthroughs saw; one instructional focus per school.');
    const attendance = `${principal.name}, ${principal.role}, ${principal.org.name}`;
    await form.locator('label').getByText(attendance, { exact: true }).click();
    expect(await form.getByRole('checkbox', { name: attendance }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Record the meeting' }).click();
    const refusal = form
      .getByRole('group', { name: /Who attended/ })
      .locator('.usa-error-message', { hasText: 'attendance is recorded once it has taken place' });
    await refusal.waitFor();
    await record(page, 'meeting-refused', 'a meeting ahead refused, the message beside its attendance');
    await form.locator('label').getByText(attendance, { exact: true }).click();
    await form.getByRole('button', { name: 'Record the meeting' }).click();
    const recorded = page
      .getByRole('table', { name: 'Meetings, latest first, with who attended' })
      .getByRole('row')
      .filter({ hasText: topic });
    await recorded.getByText(formatDate(ahead), { exact: true }).waitFor();
    await recorded.getByText('Not recorded', { exact: true }).waitFor();
    await record(page, 'network-meeting', 'the region’s principals’ network with a meeting recorded');
  }, 180_000);

  test('state staff see the demo pairing and pair another school, refused first without its focus', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    await page.goto(url('/assistance/recognition'));
    await expectPageHeading(page, 'Recognition in practice');
    const overview = await apiJson<RecognitionOverview>(page, url, '/api/assistance/recognition');
    // The demo's pairing: the partner nearest a demonstration site by the DART comparability, active.
    const paired = overview.items.find((s) => s.pairings.length > 0)!;
    const pairing = paired.pairings[0]!;
    expect(pairing.status).toBe('active');
    const nearest = [...paired.suggestions].sort((a, b) => a.distance - b.distance)[0]!;
    expect(nearest.org.code).toBe(pairing.partner.code);
    const site = page.getByRole('region', { name: paired.org.name });
    const suggestions = site.getByRole('table', { name: /^Schools requiring assistance suggested as partners/ });
    await suggestions.getByRole('row').filter({ hasText: nearest.org.name }).getByText('Active').waitFor();
    const recorded = page.getByRole('table', { name: 'Pairings, latest first' });
    await recorded.getByRole('row').filter({ hasText: pairing.partner.name }).getByText(pairing.focus).waitFor();
    await record(page, 'recognition', 'the demonstration sites with the demo’s pairing');

    // --- Another suggested school paired: refused without its focus, then recorded. ---
    const open = overview.items
      .flatMap((s) => s.suggestions.map((partner) => ({ s, partner })))
      .find(({ partner }) => partner.pairing === null)!;
    expect(open).toBeDefined();
    await page.getByRole('button', { name: `Pair ${open.partner.org.name} with ${open.s.org.name}` }).click();
    const form = page.getByRole('form', { name: `Pair ${open.partner.org.name} with ${open.s.org.name}` });
    await form.getByRole('button', { name: 'Record the pairing' }).click();
    const focusError = fieldGroup(form, page, 'Focus').locator('.usa-error-message');
    await focusError.waitFor();
    expect(await focusError.textContent()).toMatch(/must not be empty/i);
    expect(await form.getByLabel('Focus').getAttribute('aria-invalid')).toBe('true');
    await record(page, 'pairing-refused', 'a pairing refused, the message beside its focus');
    const focus = 'Tiered reading intervention: the demonstration school hosts the partner’s intervention team.';
    await form.getByLabel('Focus').fill(focus);
    await form.getByRole('button', { name: 'Record the pairing' }).click();
    await recorded.getByRole('row').filter({ hasText: focus }).waitFor();
    await page
      .getByRole('region', { name: open.s.org.name })
      .getByRole('row')
      .filter({ hasText: open.partner.org.name })
      .getByText('Proposed', { exact: true })
      .waitFor();
    await record(page, 'pairing-recorded', 'the recognition page with a pairing recorded');
  }, 180_000);

  test('the regional staff member opens the instrument and the calibration: 60.0% agreement, kappa 0.416', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'regional_staff');
    await page.goto(url('/assistance/walkthroughs'));
    await expectPageHeading(page, 'Walkthroughs and calibration');
    const instruments = page.getByRole('table', { name: 'Observation instruments by name' });
    const instrumentRow = instruments.getByRole('row').filter({ hasText: demoInstrument.name });
    await instrumentRow.getByText('Yes: its items are fixed').waitFor();
    await record(page, 'walkthroughs', 'the instruments and calibration sessions of a region');

    // --- The instrument: five items on the 4-point scale, fixed since observations use it. ---
    await instrumentRow.getByRole('link', { name: demoInstrument.name }).click();
    await expectPageHeading(page, demoInstrument.name);
    const items = page.getByRole('table', { name: 'Items in order, with their rating scales' });
    expect(await items.getByRole('row').count()).toBe(demoInstrument.items.length + 1);
    await items.getByText(demoInstrument.items[1]!.prompt, { exact: true }).waitFor();
    await page.getByText(/^Observations use this instrument, so its items are fixed/).waitFor();
    await record(page, 'instrument', 'an observation instrument in use');

    // --- The calibration session: three observers rated the same lesson. Worked by hand (and in
    // test/api/demo-assistance.test.ts): P-bar 3/5, chance agreement 71/225, Fleiss' kappa 32/77 = 0.416. ---
    await page.goto(url('/assistance/walkthroughs'));
    await expectPageHeading(page, 'Walkthroughs and calibration');
    await page.getByRole('link', { name: 'Team calibration on a mathematics lesson' }).click();
    await expectPageHeading(page, 'Team calibration on a mathematics lesson');
    const id = Number(page.url().split('/').pop());
    const report = await apiJson<CalibrationReport>(page, url, `/api/assistance/calibration-sessions/${id}`);
    expect(report.agreement.raters).toHaveLength(3);
    await page.getByText(report.agreement.raters.join(', '), { exact: true }).waitFor();
    const agreement = page.getByRole('table', { name: 'Agreement per item and overall' });
    const overall = agreement.getByRole('row').filter({ hasText: 'Overall (lesson x item)' });
    await overall.getByText('60.0%', { exact: true }).waitFor();
    await overall.getByText('0.416 (Fleiss)', { exact: true }).waitFor();
    const sheets = page.getByRole('table', { name: 'Each observer’s ratings, per lesson' });
    expect(await sheets.getByRole('row').count()).toBe(4);
    await record(page, 'calibration', 'a calibration session with percent agreement and Fleiss’ kappa');
  }, 180_000);
});
