// The accountability journeys: the statewide results (table, chart, filters, sorting, exports), a school's report
// followed from the table to the explanation of one indicator's points, and a what-if run by the state
// administrator that lowers a threshold and lists the schools that change. The platform runs as `ssos serve --demo`,
// whose demo load computes the official run of the latest year; axe checks each page the journeys reach.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type {
  AccountabilityResults,
  FrameworkValues,
  OrgAccountabilityReport,
  WhatIfResult,
} from '../../src/server/api/accountability.ts';
import type { OrgAccountability2018 } from '../../src/core/accountability/engine-2018.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

const requiring = 'Requiring assistance or intervention';

/** Asks the API, with the page's cookies, for the statewide results. */
async function apiResults(page: Page, url: (path: string) => string, query: string): Promise<AccountabilityResults> {
  const response = await page.request.get(url(`/api/accountability/results?${query}`));
  expect(response.status()).toBe(200);
  return (await response.json()) as AccountabilityResults;
}

/** The text of each cell in a column of a table's body rows (header cells included), in order. */
async function columnTexts(page: Page, tableName: RegExp | string, column: number): Promise<string[]> {
  return page
    .getByRole('table', { name: tableName })
    .locator('tbody tr')
    .evaluateAll(
      (rows, i) => rows.map((row) => (row.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''),
      column,
    );
}

describe('statewide accountability results', () => {
  const browser = useBrowser(baseUrl);

  test('shows the year’s counts, the percentile chart with its cut line, a sortable and filterable table, and exports', async () => {
    const { page } = browser;
    const all = await apiResults(page, browser.url, 'limit=5000');
    expect(all.run, 'the demo load computes an official run').not.toBeNull();
    const year = all.run!.year;
    const summary = all.run!.summary as { schoolsRequiringAssistance: number; schoolsClassified: number };

    const response = await page.goto(browser.url('/accountability'));
    expect(response?.status()).toBe(200);
    await expectPageHeading(page, 'Accountability');
    expect(await page.title()).toBe('Accountability | ssos');

    // The year's counts beside the share DESE expects.
    await page.getByRole('heading', { level: 2, name: `${year} at a glance` }).waitFor();
    const glance = page.locator('.usa-summary-box');
    await glance.getByText(`${summary.schoolsRequiringAssistance} schools`, { exact: true }).waitFor();
    await glance.getByText('(about 15% expected)').waitFor();
    expect(await glance.innerText()).toContain(`${summary.schoolsClassified} of`);

    // The chart: an image with a name, the cut line, and its figures as a table that add up to every percentile.
    const chart = page.getByRole('img', {
      name: new RegExp(`accountability percentiles of ${all.percentiles.length} schools, ${year}`),
    });
    await chart.waitFor();
    expect(all.cutLines.length).toBeGreaterThan(0);
    for (const cut of all.cutLines)
      expect(await chart.locator('text').allTextContents()).toContain(`${cut.label} (≤ ${cut.percentile})`);
    await page.getByText('The chart’s figures as a table').click();
    const counts = (await columnTexts(page, `Schools by accountability percentile, ${year}`, 1)).map(Number);
    expect(counts).toHaveLength(10);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.percentiles.length);
    const lowest = all.percentiles.filter((p) => p <= all.cutLines[0]!.percentile).length;
    expect(await page.locator('figcaption').innerText()).toContain(
      `${lowest} at or below ${all.cutLines[0]!.percentile}`,
    );

    // The table: every school and district, 50 to a page, sorted by name; each name links to its report.
    const table = page.getByRole('table', { name: new RegExp(`Accountability results ${year}`) });
    await table.waitFor();
    const names = await table.getByRole('rowheader').locator('a').allInnerTexts();
    expect(names).toHaveLength(Math.min(50, all.total));
    expect(names).toEqual(all.items.slice(0, names.length).map((i) => i.name));
    expect(await table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    const first = all.items[0]!;
    expect(await table.getByRole('link', { name: first.name, exact: true }).getAttribute('href')).toBe(
      `/orgs/${first.code}/accountability?year=${year}`,
    );
    await checkAccessibility(page, 'the statewide accountability results');
    await screenshot(page, 'accountability-results');

    // Sorting by percentile: the header's button, then again for the other direction.
    await table.getByRole('button', { name: 'Percentile' }).click();
    await page.waitForURL(/sort=percentile/);
    const percentileHeader = table.getByRole('columnheader', { name: 'Percentile' });
    await expect.poll(() => percentileHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBeNull();
    const ranked = all.items.filter((i) => i.percentile !== null).map((i) => i.percentile!);
    await expect
      .poll(async () => (await columnTexts(page, /Accountability results/, 2))[0])
      .toBe(String(Math.min(...ranked)));
    await table.getByRole('button', { name: 'Percentile' }).click();
    await page.waitForURL(/order=desc/);
    await expect.poll(() => percentileHeader.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => (await columnTexts(page, /Accountability results/, 2))[0])
      .toBe(String(Math.max(...ranked)));

    // Filtering: schools requiring assistance; the URL, the count and every row say so.
    const expected = all.items.filter((i) => i.level === 'school' && i.classification === requiring);
    expect(expected.length).toBeGreaterThan(0);
    const filters = page.getByRole('form', { name: 'Filter the results' });
    await filters.getByLabel('Show').selectOption('school');
    await filters.getByLabel('Classification').selectOption(requiring);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/classification=Requiring/);
    expect(new URL(page.url()).searchParams.get('level')).toBe('school');
    await page.getByText(`${expected.length} schools match these filters.`).waitFor();
    const classifications = await columnTexts(page, /Accountability results .*filtered/, 1);
    expect(classifications).toHaveLength(expected.length);
    for (const text of classifications) expect(text).toContain(requiring);

    // The exports carry the same filters and order, and answer with files of the same rows.
    const csvHref = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
    const xlsxHref = await page.getByRole('link', { name: 'Excel (XLSX)', exact: true }).getAttribute('href');
    for (const href of [csvHref, xlsxHref]) {
      const params = new URL(href!, browser.url('/')).searchParams;
      expect(params.get('classification')).toBe(requiring);
      expect(params.get('level')).toBe('school');
      expect(params.get('sort')).toBe('percentile');
      expect(params.get('order')).toBe('desc');
    }
    const csv = await page.request.get(browser.url(csvHref!));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="accountability-\d{4}\.csv"$/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^sy,org_code,org_name,/);
    expect(lines).toHaveLength(expected.length + 1);
    const xlsx = await page.request.get(browser.url(xlsxHref!));
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');

    // Signed out, there is no what-if link.
    expect(await page.getByRole('link', { name: /Run a what-if/ }).count()).toBe(0);
    await checkAccessibility(page, 'the filtered accountability results');
    await screenshot(page, 'accountability-results-filtered');
  });
});

describe('a school’s accountability report', () => {
  const browser = useBrowser(baseUrl);

  test('opens from the table, says why, lays out each grade span, and explains how an indicator’s points were decided', async () => {
    const { page } = browser;
    // The school with the lowest percentile: it requires assistance, so the sentence saying why is worth checking.
    const ranked = await apiResults(page, browser.url, 'level=school&sort=percentile&order=asc&limit=1');
    const school = ranked.items[0]!;
    const year = ranked.run!.year;
    const publicReport = await page.request.get(browser.url(`/api/orgs/${school.code}/accountability`));
    expect(publicReport.status()).toBe(200);
    const body = (await publicReport.json()) as OrgAccountabilityReport;
    const report = body.report as unknown as OrgAccountability2018;

    await page.goto(browser.url('/accountability?sort=percentile&level=school'));
    await expectPageHeading(page, 'Accountability');
    const table = page.getByRole('table', { name: /Accountability results/ });
    await table.getByRole('link', { name: school.name, exact: true }).click();
    await expectPageHeading(page, `${school.name}: accountability ${year}`);
    expect(page.url()).toBe(browser.url(`/orgs/${school.code}/accountability?year=${year}`));
    expect(await page.title()).toBe(`${school.name}: accountability ${year} | ssos`);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // The classification and the sentence saying why, with the percentile.
    const c = report.classification;
    const sentence = `${c.overall}${c.support ? ` (${c.support})` : ''}${c.reason ? `: ${c.reason}` : ''}`;
    await page.getByText(sentence, { exact: true }).waitFor();
    expect(c.overall).toBe(requiring);
    const percentileFact = page.locator('.ssos-facts__row').filter({ hasText: 'Accountability percentile' });
    expect(await percentileFact.innerText()).toContain(String(report.percentile!.value));

    // Each grade span: a table of indicators with value, target and points for both groups, and the totals.
    const spanNames = { nonhs: 'Non-high school grades', hs: 'High school grades' } as const;
    for (const span of report.spans) {
      await page.getByRole('heading', { level: 2, name: spanNames[span] }).waitFor();
      const spanTable = page.getByRole('table', { name: new RegExp(`^${spanNames[span]}: each indicator`) });
      for (const name of ['All students', 'Lowest performing students', 'Value', 'Target', 'Points'])
        await spanTable.getByRole('columnheader', { name, exact: true }).first().waitFor();
      for (const label of ['Total weighted points', 'Percentage of possible points', `${spanNames[span]} percentage`])
        await spanTable.getByRole('rowheader', { name: label, exact: true }).waitFor();
    }
    // Withheld values read "Fewer than 10 students", never 0: as many as the public report withholds.
    const withheld = report.columns
      .flatMap((col) => col.indicators)
      .filter((i) => (i as { suppressed?: boolean }).suppressed === true).length;
    expect(await page.getByText(`Fewer than ${body.suppressedBelow} students`, { exact: true }).count()).toBe(withheld);
    await page.getByRole('heading', { level: 2, name: 'Annual and cumulative figures' }).waitFor();
    await checkAccessibility(page, 'a school’s accountability report');
    await screenshot(page, 'accountability-school-report');

    // Follow "How the points were decided" for all students' ELA achievement in the school's first span.
    const span = report.spans[0]!;
    const column = report.columns.find((col) => col.span === span && col.group === 'all')!;
    const indicator = column.indicators.find((i) => i.category === 'achievement' && i.points !== null)!;
    const anchor = `indicator-${span}-all-${indicator.indicator}`;
    const link = page.getByRole('link', {
      name: `How the points were decided: ${indicator.label}, all students, ${spanNames[span].toLowerCase()}`,
    });
    expect(await link.getAttribute('href')).toBe(`/orgs/${school.code}/accountability?year=${year}#${anchor}`);
    await link.click();
    await page.waitForURL((u) => u.hash === `#${anchor}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, anchor);
    const explanation = page.locator(`#${anchor}`);
    expect(await explanation.isVisible()).toBe(true);
    await explanation.getByRole('heading', { name: `${indicator.label}: ${indicator.points} of 4 points` }).waitFor();
    const text = await explanation.innerText();
    expect(text).toContain(indicator.text);
    expect(text).toMatch(/Target [\d.]+%?: set by the (default method|state’s stored target)/);
    // The steps from the points to the classification end with the classification.
    const steps = page.getByRole('list').filter({ hasText: 'Classification:' }).last();
    expect(await steps.locator('li').last().innerText()).toContain(c.overall);
    await checkAccessibility(page, 'an indicator’s explanation');
    await screenshot(page, 'accountability-indicator-explanation');

    // Back returns to the table, where the reader was.
    await page.goBack();
    await page.waitForURL((u) => u.hash === '');
    await expect
      .poll(() =>
        link.evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);

    // The breadcrumb leads to the school's page, which links back to the report.
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: school.name }).click();
    await expectPageHeading(page, school.name);
    expect(await page.getByRole('link', { name: 'Accountability report' }).getAttribute('href')).toBe(
      `/orgs/${school.code}/accountability`,
    );
  });
});

describe('accountability what-if', () => {
  const browser = useBrowser(baseUrl);

  test('is closed to the public', async () => {
    const { page } = browser;
    await page.goto(browser.url('/accountability/what-if'));
    await expectPageHeading(page, 'Accountability what-if');
    await page.getByRole('heading', { level: 2, name: 'You do not have access to what-if runs' }).waitFor();
    expect(await page.getByRole('button', { name: 'Run the what-if' }).count()).toBe(0);
    const answer = await page.request.post(browser.url('/api/accountability/what-if'), {
      data: { year: 2026, changes: [{ path: 'minimumN', value: 10 }] },
    });
    expect(answer.status()).toBe(401);
    await checkAccessibility(page, 'the what-if page signed out');
    await screenshot(page, 'accountability-what-if-no-access');
  });

  test('the state administrator lowers the lowest-performing threshold and sees the schools that change', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'state_admin');

    // The change, checked against the API first: half the current threshold drops schools from the lowest group.
    const framework = (await (
      await page.request.get(browser.url('/api/accountability/framework'))
    ).json()) as FrameworkValues;
    const path = 'classification.lowestPercentileMax';
    const current = framework.values.find((v) => v.path === path)?.value as number;
    expect(typeof current).toBe('number');
    const lower = Math.floor(current / 2);
    const results = await apiResults(page, browser.url, 'limit=1');
    const year = results.run!.year;
    const checked = await page.request.post(browser.url('/api/accountability/what-if'), {
      data: { year, changes: [{ path, value: lower }] },
    });
    expect(checked.status()).toBe(200);
    const expected = (await checked.json()) as WhatIfResult;
    expect(expected.changed.length, 'the change moves at least one school in the demo').toBeGreaterThan(0);

    // From the statewide results, the link only state staff see.
    await page.goto(browser.url('/accountability'));
    await expectPageHeading(page, 'Accountability');
    await page.getByRole('link', { name: `What if the rules changed? Run a what-if on ${year}` }).click();
    await expectPageHeading(page, 'Accountability what-if');
    const threshold = page.getByLabel('Among the lowest performing schools: accountability percentile at or below');
    expect(await threshold.inputValue()).toBe(String(current));
    await checkAccessibility(page, 'the what-if form');
    await screenshot(page, 'accountability-what-if-form');

    // A path the framework does not have: the server's message names it, at the field it came from.
    await page.getByLabel('Other changes, one a line: path = value').fill('classification.noSuchThreshold = 3');
    await page.getByRole('button', { name: 'Run the what-if' }).click();
    await page.getByRole('heading', { level: 2, name: 'The what-if could not be run' }).waitFor();
    await page.getByText('classification.noSuchThreshold: is not a path of the framework').first().waitFor();
    await checkAccessibility(page, 'the what-if form with an error');
    await page.getByLabel('Other changes, one a line: path = value').fill('');

    // Lower the threshold and run it.
    await threshold.fill(String(lower));
    await page.getByRole('button', { name: 'Run the what-if' }).click();
    const heading = page.getByRole('heading', { level: 2, name: `What would change in ${year}` });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'what-if-result-heading');
    const changedTable = page.getByRole('table', {
      name: 'Schools and districts whose classification or reason changes',
    });
    const names = await changedTable.getByRole('rowheader').locator('a').allInnerTexts();
    expect(names.sort()).toEqual(expected.changed.map((c) => c.org.name).sort());
    for (const c of expected.changed) {
      const row = changedTable
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: c.org.name, exact: true }) });
      expect(await row.getByRole('link', { name: c.org.name, exact: true }).getAttribute('href')).toBe(
        `/orgs/${c.org.code}/accountability?year=${year}`,
      );
      const cells = await row.getByRole('cell').allInnerTexts();
      expect(cells[0]).toContain(c.before!.classification!);
      expect(cells[1]).toContain(c.after!.classification!);
    }
    const before = expected.officialSummary as { schoolsRequiringAssistance: number };
    const after = expected.summary as { schoolsRequiringAssistance: number };
    const summaryRow = page
      .getByRole('table', { name: 'Summary: the official run beside the what-if' })
      .getByRole('row')
      .filter({
        has: page.getByRole('rowheader', { name: 'Schools requiring assistance or intervention', exact: true }),
      });
    expect(await summaryRow.getByRole('cell').allInnerTexts()).toEqual([
      String(before.schoolsRequiringAssistance),
      String(after.schoolsRequiringAssistance),
    ]);
    await checkAccessibility(page, 'the what-if result');
    await screenshot(page, 'accountability-what-if-result');

    // Nothing was stored: the official results are as they were.
    const again = await apiResults(page, browser.url, 'limit=1');
    expect(again.run!.id).toBe(results.run!.id);
    expect(again.run!.summary).toEqual(results.run!.summary);
  });
});
