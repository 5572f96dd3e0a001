// The early-warning journeys: the demo school leader opens the roster of their school, pages, filters and sorts it, downloads
// it (CSV and XLSX, whose columns are the safelist), opens a flagged student, reads the reasons, records an
// intervention (refused first for a missing type, named beside the field) that then appears in the list and on the
// roster, and changes its status; a leader of another school is refused that student, by the API and on the page;
// the district leader reads the district's summary, and anyone signed in the models' validation. The platform runs as
// `ssos serve --demo`, whose early-warning run has scored the latest year; axe checks every page reached.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { OrgSearchResponse } from '../../src/server/api/orgs.ts';
import type { EwisRoster, EwisStudentProfile, EwisSummary, EwisValidationReport } from '../../src/web/api/ewis.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, demoAccount, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

// Saxfield, the synthetic district the demo's district leader acts for, and the high school of its school leader.
const district = { code: '01750000', name: 'Saxfield' };
const school = { code: '01750505', name: 'Saxfield High School' };

// What a roster file may carry (docs/ewis.md, "Access"): no race, address or birth date.
const safelist = [
  'student_id',
  'school_code',
  'school_name',
  'grade',
  'milestone',
  'risk_level',
  'probability_reaching',
  'reasons',
  'attendance_rate',
  'low_income',
  'english_learner',
  'disability',
  'active_interventions',
];

/** Clicks a download link and saves the file into `dir`; returns its path. */
async function download(page: Page, name: string, dir: string): Promise<{ file: string; download: Download }> {
  const link = page.getByRole('link', { name, exact: true });
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return { file: target, download: file };
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('a school leader’s early warning', () => {
  const browser = useBrowser(baseUrl);
  // The flagged student the journey opens, and who may not see them.
  let flagged: string | undefined;

  test('opens the roster of their school, pages, filters, sorts and downloads it with the safelisted columns only', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'school_leader');
    // The whole roster in the server's order, read page by page (at most 500 students a page).
    const rosterUrl = `/api/orgs/${school.code}/ewis/roster`;
    const roster = await apiJson<EwisRoster>(page, browser.url, `${rosterUrl}?pageSize=500`);
    const items = [...roster.items];
    for (let p = 2; p <= roster.pages; p++)
      items.push(...(await apiJson<EwisRoster>(page, browser.url, `${rosterUrl}?pageSize=500&page=${p}`)).items);
    const total = roster.total;
    expect(items).toHaveLength(total);
    expect(total, 'the demo school has more than one page of students').toBeGreaterThan(100);
    const high = items.filter((i) => i.riskLevel === 'high');
    expect(high.length, 'the demo school has students at high risk').toBeGreaterThan(0);
    flagged = high[0]!.studentId;
    const n = (x: number) => x.toLocaleString('en-US');

    await page.goto(browser.url('/early-warning'));
    await expectPageHeading(page, 'Early Warning Indicator System');
    await checkAccessibility(page, 'the early-warning area, signed in');
    await screenshot(page, 'ewis-landing');
    await page.getByRole('link', { name: `Students of ${school.name}: the early-warning roster` }).click();
    await expectPageHeading(page, `${school.name}: early warning`);
    expect(page.url()).toBe(browser.url(`/orgs/${school.code}/early-warning`));

    // At a glance, then the first page of 100 students, highest risk first.
    const table = page.getByRole('table', { name: `Early-warning roster of ${school.name}` });
    const rowIds = () => table.locator('tbody th[scope="row"]').allInnerTexts();
    await page.getByText(`Showing 1–100 of ${n(total)} students, sorted by highest risk first.`).waitFor();
    expect(await rowIds()).toEqual(items.slice(0, 100).map((i) => i.studentId));
    const glance = page.locator('.usa-summary-box');
    expect(await glance.getByText(n(total), { exact: true }).count()).toBeGreaterThan(0);
    const firstRow = await table.locator('tbody tr').first().innerText();
    expect(firstRow).toContain('High risk');
    expect(firstRow).toContain(high[0]!.reasons[0]!.text.slice(1));
    expect(await table.getByRole('columnheader', { name: /^Risk level/ }).getAttribute('aria-sort')).toBe('ascending');
    const pager = page.getByRole('navigation', { name: 'Pages of the roster' });
    expect(await pager.getByRole('link', { name: 'Page 1', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await pager.getByRole('link', { name: 'Previous page' }).count()).toBe(0);
    await checkAccessibility(page, 'a school’s roster');
    await screenshot(page, 'ewis-roster');

    // The next page: the next hundred students, in the address.
    await pager.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/[?&]page=2\b/);
    const secondEnd = Math.min(200, total);
    await page
      .getByText(`Showing 101–${n(secondEnd)} of ${n(total)} students, sorted by highest risk first.`)
      .waitFor();
    const second = await rowIds();
    expect(second).toEqual(items.slice(100, 200).map((i) => i.studentId));
    expect(second.some((id) => items.slice(0, 100).some((i) => i.studentId === id))).toBe(false);
    expect(await pager.getByRole('link', { name: /^(Last page, page|Page) 2$/ }).getAttribute('aria-current')).toBe(
      'page',
    );
    await pager.getByRole('link', { name: 'Previous page' }).waitFor();
    await checkAccessibility(page, 'the second page of a school’s roster');
    // The address holds the page: reloading it shows the same students.
    await page.reload();
    await page.getByText(`Showing 101–${n(secondEnd)} of ${n(total)} students`).waitFor();
    expect(await rowIds()).toEqual(second);

    // Filters (applied on the server) start again at page 1; the address keeps them.
    await page.getByLabel('Risk level', { exact: true }).selectOption('high');
    await page.getByLabel('Milestone').selectOption('high_school_ready');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/level=high/);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    const matching = high.filter((i) => i.milestone === 'high_school_ready');
    expect(matching.length, 'high-risk students bound for high school').toBeGreaterThan(0);
    await page
      .getByText(
        `Showing 1–${n(Math.min(100, matching.length))} of ${n(matching.length)} ${matching.length === 1 ? 'student' : 'students'} matching the filters`,
      )
      .waitFor();
    expect(await rowIds()).toEqual(matching.slice(0, 100).map((i) => i.studentId));
    // The files follow the filters and the order, every page of them.
    expect(await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')).toBe(
      `/api/orgs/${school.code}/ewis/roster?level=high&milestone=high_school_ready&format=csv`,
    );
    // Sorting by identifier, then the other way.
    await page.getByRole('button', { name: 'Student', exact: true }).click();
    await page.getByText('sorted by student identifier').waitFor();
    expect(await table.getByRole('columnheader', { name: 'Student' }).getAttribute('aria-sort')).toBe('ascending');
    const byId = matching.map((i) => i.studentId).sort();
    // The rows change when the new order arrives (the page keeps the last answer meanwhile).
    await expect.poll(rowIds).toEqual(byId.slice(0, 100));
    await page.getByRole('button', { name: 'Student', exact: true }).click();
    await expect
      .poll(() => table.getByRole('columnheader', { name: 'Student' }).getAttribute('aria-sort'))
      .toBe('descending');
    await expect.poll(rowIds).toEqual([...byId].reverse().slice(0, 100));
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');

    // Cleared filters keep the order; the second page keeps it too, and a new order goes back to page 1.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`Showing 1–100 of ${n(total)} students, sorted by student identifier.`).waitFor();
    const allDesc = items
      .map((i) => i.studentId)
      .sort()
      .reverse();
    expect(await rowIds()).toEqual(allDesc.slice(0, 100));
    await pager.getByRole('link', { name: 'Next page' }).click();
    await page
      .getByText(`Showing 101–${n(secondEnd)} of ${n(total)} students, sorted by student identifier.`)
      .waitFor();
    expect(await rowIds()).toEqual(allDesc.slice(100, 200));
    const address = new URL(page.url()).searchParams;
    expect([address.get('sort'), address.get('order'), address.get('page')]).toEqual(['student', 'desc', '2']);
    await page.getByRole('button', { name: /^Risk level/ }).click();
    await page.getByText(`Showing 1–100 of ${n(total)} students, sorted by highest risk first.`).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await expect.poll(rowIds).toEqual(items.slice(0, 100).map((i) => i.studentId));

    // Fifty a page: the pager ends at the last page of fifty.
    await page.getByLabel('Students per page').selectOption('50');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText(`Showing 1–50 of ${n(total)} students`).waitFor();
    const lastPage = Math.ceil(total / 50);
    await pager.getByRole('link', { name: `Last page, page ${lastPage}` }).click();
    await page
      .getByText(`Showing ${n(50 * (lastPage - 1) + 1)}–${n(total)} of ${n(total)} students, sorted by`)
      .waitFor();
    expect(await rowIds()).toEqual(items.slice(50 * (lastPage - 1)).map((i) => i.studentId));
    expect(await pager.getByRole('link', { name: 'Next page' }).count()).toBe(0);

    // An address past the last page says so and leads back to the last one.
    await page.goto(browser.url(`/orgs/${school.code}/early-warning?pageSize=50&page=${lastPage + 5}`));
    await page.getByText(`Page ${lastPage + 5} is past the last page (${lastPage}) of ${n(total)} students.`).waitFor();
    expect(await table.count()).toBe(0);
    await checkAccessibility(page, 'a roster page past the last');
    await page.getByRole('link', { name: 'Go to the last page' }).click();
    await page.getByText(`of ${n(total)} students, sorted by`).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe(String(lastPage));

    // The downloads, from the last page: the whole roster (every page), safelisted columns only.
    const dir = await mkdtemp(path.join(tmpdir(), 'ssos-e2e-ewis-'));
    try {
      const csv = await download(page, 'CSV', dir);
      expect(csv.download.suggestedFilename()).toBe(`early-warning-${school.code}-${roster.run!.schoolYear}.csv`);
      const lines = (await readFile(csv.file, 'utf8'))
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]!.split(',')).toEqual(safelist);
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(items.map((i) => i.studentId));

      const xlsx = await download(page, 'Excel (XLSX)', dir);
      expect(xlsx.download.suggestedFilename()).toBe(`early-warning-${school.code}-${roster.run!.schoolYear}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx.file);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(safelist);
      for (const column of header) expect(String(column)).not.toMatch(/race|ethnic|address|birth|gender/i);
      expect(sheet.actualRowCount).toBe(total + 1);
      const first = (sheet.getRow(2).values as unknown[]).slice(1);
      expect(first[0]).toBe(roster.items[0]!.studentId);
      expect(first[5]).toBe(roster.items[0]!.riskLevel);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('opens a flagged student, reads the reasons, records an intervention and changes it', async () => {
    const { page } = browser;
    expect(flagged, 'the roster test found a flagged student').toBeDefined();
    const id = flagged!;
    await signIn(page, browser.url, 'school_leader');
    const profile = await apiJson<EwisStudentProfile>(page, browser.url, `/api/students/${id}/ewis`);
    expect(profile.score?.riskLevel).toBe('high');

    await page.goto(browser.url(`/orgs/${school.code}/early-warning`));
    await expectPageHeading(page, `${school.name}: early warning`);
    await page.getByRole('link', { name: id, exact: true }).click();
    await expectPageHeading(page, `Student ${id}: early warning`);
    expect(page.url()).toBe(browser.url(`/students/${id}/early-warning`));

    // The risk, and each reason in words with the student's value and what is typical.
    const risk = page.locator('.usa-summary-box');
    await risk.getByText('High risk', { exact: true }).waitFor();
    const reasons = page.locator('.ssos-reasons__item');
    expect(await reasons.count()).toBe(profile.score!.reasons.length);
    for (const [i, r] of profile.score!.reasons.entries()) {
      const text = await reasons.nth(i).innerText();
      expect(text.toLowerCase()).toContain(r.text.toLowerCase());
      expect(text).toContain('This student');
      expect(text).toContain('Typical of students who reach the milestone');
    }
    // The records by year, one row per year at least.
    const records = page.getByRole('table', { name: `Student ${id}: records and interventions by school year` });
    expect(await records.locator('tbody tr').count()).toBeGreaterThanOrEqual(profile.years.length);
    expect(await page.getByRole('link', { name: 'Download PDF (two pages)' }).getAttribute('href')).toBe(
      `/api/students/${id}/ewis/profile.pdf`,
    );
    await checkAccessibility(page, 'a student’s early-warning profile');
    await screenshot(page, 'ewis-student');

    // Recording without a type: the API refuses, and the page says so beside the field, which takes the focus.
    await page.getByRole('button', { name: 'Record the intervention' }).click();
    await page.getByText('Choose the type of intervention').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('kind');
    expect(await page.getByLabel('Type', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkAccessibility(page, 'the intervention form with an error');
    await page.getByLabel('Type', { exact: true }).selectOption('mentoring');
    await page.getByLabel('Notes (optional)').fill('Weekly check-in with a mentor; goal: no course failed this term');
    await page.getByRole('button', { name: 'Record the intervention' }).click();
    await page.getByText(/The mentoring intervention starting .* is recorded\./).waitFor();
    const list = page.getByRole('table', { name: `Interventions for student ${id}` });
    const row = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mentoring' }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Active');
    expect(await row.innerText()).toContain('Skyler School');
    // Beside the records: the year it runs in lists it.
    expect(await records.innerText()).toContain('Mentoring');
    await screenshot(page, 'ewis-student-intervention');

    // The roster counts it as open.
    await page.getByRole('link', { name: `${school.name}: roster` }).click();
    await expectPageHeading(page, `${school.name}: early warning`);
    const rosterRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: id, exact: true }) });
    await rosterRow.getByText('1 open').waitFor();

    // Changing it: an end before the start is refused beside the field; then completed today.
    await rosterRow.getByRole('link', { name: id, exact: true }).click();
    await expectPageHeading(page, `Student ${id}: early warning`);
    await page.getByRole('button', { name: /^Change the Mentoring intervention started/ }).click();
    const editor = page.getByRole('form', { name: /^Change the mentoring intervention/ });
    await editor.getByLabel('Status').selectOption('completed');
    await editor.getByLabel('End date (optional)').fill('2001-01-01');
    await editor.getByRole('button', { name: 'Save the change' }).click();
    await editor.getByText('An intervention cannot end before it starts').waitFor();
    await editor.getByLabel('End date (optional)').fill(todayIso());
    await editor.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText(/The mentoring intervention started .* is saved\./).waitFor();
    expect(await row.innerText()).toContain('Completed');
    const saved = await apiJson<EwisStudentProfile>(page, browser.url, `/api/students/${id}/ewis`);
    expect(saved.interventions.map((i) => [i.kind, i.status, i.endedOn])).toEqual([
      ['mentoring', 'completed', todayIso()],
    ]);
  }, 120_000);

  test('a leader of another school is refused the student, by the API and on the page', async () => {
    const { page } = browser;
    expect(flagged, 'the roster test found a flagged student').toBeDefined();
    const id = flagged!;
    // The state administrator creates a leader of a school in another district.
    const admin = demoAccount('state_admin');
    const login = await page.request.post(browser.url('/api/auth/login'), {
      data: { email: admin.email, password: admin.password },
    });
    expect(login.status()).toBe(200);
    const schools = await apiJson<OrgSearchResponse>(page, browser.url, '/api/orgs?level=school&limit=50');
    const other = schools.items.find((s) => s.parent !== null && s.parent.code !== district.code);
    expect(other, 'a school of another district').toBeDefined();
    const account = {
      email: 'other-school@demo.ssos.example',
      displayName: 'Olive Other',
      password: 'another-school-leader',
    };
    const created = await page.request.post(browser.url('/api/users'), {
      data: { ...account, role: 'school_leader', scopeCode: other!.code },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.request.post(browser.url('/api/auth/logout'), { data: {} });

    await signIn(page, browser.url, account);
    const refused = await page.request.get(browser.url(`/api/students/${id}/ewis`));
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('out_of_scope');

    await page.goto(browser.url(`/students/${id}/early-warning`));
    await expectPageHeading(page, `Student ${id}: early warning`);
    await page.getByRole('heading', { name: 'You do not have access to this student’s records' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await checkAccessibility(page, 'a student outside the user’s school');
    await screenshot(page, 'ewis-student-refused');

    await page.goto(browser.url(`/orgs/${school.code}/early-warning`));
    await expectPageHeading(page, `${school.name}: early warning`);
    await page.getByRole('heading', { name: 'You do not have access to this school’s students' }).waitFor();
    // Their own school's roster opens.
    await page.goto(browser.url(`/orgs/${other!.code}/early-warning`));
    await expectPageHeading(page, `${other!.name}: early warning`);
    await page.getByRole('table', { name: `Early-warning roster of ${other!.name}` }).waitFor();
  });
});

describe('summaries, validation and who may see them', () => {
  const browser = useBrowser(baseUrl);

  test('the district leader reads the district’s summary and opens a school’s roster from it', async () => {
    const { page } = browser;
    await page.goto(browser.url('/early-warning'));
    await expectPageHeading(page, 'Early Warning Indicator System');
    await page.getByRole('heading', { name: 'Sign in to see students' }).waitFor();

    await signIn(page, browser.url, 'district_leader');
    const summary = await apiJson<EwisSummary>(page, browser.url, `/api/orgs/${district.code}/ewis/summary`);
    // From the district's own page.
    await page.goto(browser.url(`/orgs/${district.code}`));
    await expectPageHeading(page, district.name);
    await page.getByRole('link', { name: 'Early warning', exact: true }).click();
    await expectPageHeading(page, `${district.name}: early warning`);
    expect(page.url()).toBe(browser.url(`/orgs/${district.code}/early-warning`));
    const all = summary.byGroup.find((g) => g.group === 'all')!;
    await page.locator('.usa-summary-box').getByText(all.students.toLocaleString('en-US'), { exact: true }).waitFor();
    const bySchool = page.getByRole('table', { name: `Students at each risk level by school, ${district.name}` });
    expect(await bySchool.getByRole('link').allInnerTexts()).toEqual(
      [...summary.bySchool].sort((a, b) => a.name.localeCompare(b.name)).map((s) => s.name),
    );
    const byGroup = page.getByRole('table', { name: `Students at each risk level by student group, ${district.name}` });
    expect(await byGroup.locator('tbody tr').count()).toBe(summary.byGroup.length);
    // No student is named on a summary.
    expect(await page.getByRole('main').innerText()).not.toMatch(/\b\d{10}\b/);
    await checkAccessibility(page, 'a district’s early-warning summary');
    await screenshot(page, 'ewis-district-summary');

    await bySchool.getByRole('link', { name: school.name }).click();
    await expectPageHeading(page, `${school.name}: early warning`);
    await page.getByRole('table', { name: `Early-warning roster of ${school.name}` }).waitFor();
  });

  test('the validation shows each grade’s accuracy, calibration, levels and error rates by group with the gaps marked', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'district_leader');
    const report = await apiJson<EwisValidationReport>(page, browser.url, '/api/ewis/validation');
    expect(report.models.length).toBeGreaterThan(0);
    const model = report.models.find((m) => m.grade === 9) ?? report.models[0]!;
    await page.goto(browser.url('/early-warning/validation'));
    await expectPageHeading(page, 'How well the early-warning models predict');
    const overview = page.getByRole('table', { name: 'Accuracy and calibration of each grade’s model' });
    // The page's data arrives after its heading.
    await expect.poll(() => overview.locator('tbody tr').count()).toBe(report.models.length);

    await page.getByLabel('Grade’s model', { exact: true }).selectOption(String(model.grade));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(new RegExp(`grade=${model.grade}`));
    const v = model.validation;
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Grade ${model.grade}: `) }).waitFor();
    const glance = await page.locator('.usa-summary-box').innerText();
    expect(glance).toContain(v.auc!.toFixed(2));
    // The calibration: a chart (an image with a name, drawn as SVG) and its ten bins as a table.
    const chart = page.getByRole('img', { name: new RegExp(`^Calibration of the grade ${model.grade} model`) });
    await chart.locator('svg').first().waitFor();
    const bins = page.getByRole('table', {
      name: `Calibration of the grade ${model.grade} model, by tenth of the students`,
    });
    expect(await bins.locator('tbody tr').count()).toBe(v.calibration.length);
    // Each level's milestone rate against its target.
    const levels = await page
      .getByRole('table', { name: `Milestone rate of each risk level, grade ${model.grade}` })
      .innerText();
    expect(levels).toContain(`${(v.levels.high.rate! * 100).toFixed(1)}%`);
    expect(levels).toContain('25%');
    // Precision, recall and error rates, beside the model trained the other way on demographics.
    const flags = await page.getByRole('table', { name: `Accuracy of the flag, grade ${model.grade}` }).innerText();
    expect(flags).toContain(`${(v.flags.precision! * 100).toFixed(1)}%`);
    expect(flags).toContain(`${(v.flags.falseNegativeRate! * 100).toFixed(1)}%`);
    if (v.alternative !== null) expect(flags).toContain('With demographics');
    // Error rates by group: every group of the model shown, and each gap wider than 5 points marked in words.
    const groupTables = page.locator('table.ssos-group-rates');
    expect(await groupTables.count()).toBe(5);
    const groupRows = await groupTables.locator('tbody tr').count();
    expect(groupRows).toBe(v.groups.length + 5);
    const marked = await page.locator('.ssos-gap').count();
    const wide = (rate: number | null, overall: number | null, n: number) =>
      rate !== null && overall !== null && n >= 10 && Math.round(Math.abs(rate - overall) * 1000) > 50;
    const expected = (groups: typeof v.groups, overall: typeof v.flags) =>
      groups.filter((g) =>
        wide(g.rates.falsePositiveRate, overall.falsePositiveRate, g.rates.falsePositives + g.rates.trueNegatives),
      ).length +
      groups.filter((g) =>
        wide(g.rates.falseNegativeRate, overall.falseNegativeRate, g.rates.falseNegatives + g.rates.truePositives),
      ).length;
    expect(marked).toBe(
      expected(v.groups, v.flags) + (v.alternative ? expected(v.alternative.groups, v.alternative.flags) : 0),
    );
    if (marked > 0) expect(await page.locator('.ssos-gap').first().innerText()).toMatch(/Gap: [+−]\d+\.\d points/);
    await checkAccessibility(page, 'the early-warning validation');
    await screenshot(page, 'ewis-validation');
  }, 90_000);

  test('a site-visit vendor is told early warning is not for their role', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'vendor');
    await page.goto(browser.url(`/orgs/${school.code}`));
    await expectPageHeading(page, school.name);
    await page.getByRole('link', { name: 'District Analysis and Review Tools (DART)' }).waitFor();
    expect(await page.getByRole('link', { name: 'Early warning', exact: true }).count()).toBe(0);
    await page.goto(browser.url('/early-warning'));
    await page.getByRole('heading', { name: 'Your role has no access to students' }).waitFor();
    await page.goto(browser.url(`/orgs/${school.code}/early-warning`));
    await expectPageHeading(page, `${school.name}: early warning`);
    await page.getByRole('heading', { name: 'Your role has no access to students' }).waitFor();
    await checkAccessibility(page, 'a roster refused to a vendor');
  });
});
