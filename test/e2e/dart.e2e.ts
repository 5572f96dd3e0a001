// The DART journeys: a district's DART found from the home page search (snapshot, an indicator's trend and its
// definition, the glossary entry, an Excel export opened with exceljs), its comparable districts and why each is
// comparable, a custom comparison saved by a signed-in district leader, promising peers, the print layout, and a
// school's public DART that withholds small groups. The platform runs as `ssos serve --demo`; axe checks each page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { IndicatorList } from '../../src/server/api/catalog.ts';
import type { ComparablesReport, DartReport, PeersReport } from '../../src/server/api/dart.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

// Saxfield, the synthetic district the demo's district leader acts for, and its high school.
const district = { code: '01750000', name: 'Saxfield' };
const school = { code: '01750505', name: 'Saxfield High School' };

/**
 * Draws every trend chart of a DART (they are drawn as they near the screen), as printing does, and waits for them:
 * for a full-page screenshot.
 */
async function drawEveryChart(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const articles = await page.locator('article.ssos-indicator').count();
  await expect.poll(() => page.locator('.ssos-trend-chart svg').count()).toBeGreaterThanOrEqual(articles);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
}

function findIndicator(report: DartReport, code: string) {
  const indicator = report.sections.flatMap((s) => s.indicators).find((i) => i.code === code);
  if (indicator === undefined) throw new Error(`the DART of ${report.org.name} has no ${code}`);
  return indicator;
}

describe('a district’s DART', () => {
  const browser = useBrowser(baseUrl);

  test('is found from the home page; shows the snapshot, each indicator’s trend and definition, and exports XLSX', async () => {
    const { page } = browser;
    const report = await apiJson<DartReport>(page, browser.url, `/api/orgs/${district.code}/dart`);
    const catalog = await apiJson<IndicatorList>(page, browser.url, '/api/indicators');
    // ECharts is loaded with the first chart, not with the app.
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });

    await page.goto(browser.url('/'));
    await expectPageHeading(page, 'Statewide System of Support');
    await page.getByLabel('Search schools and districts by name or code').fill(district.name);
    await page.getByLabel('Show').selectOption('district');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: district.name, exact: true }).click();
    await expectPageHeading(page, district.name);
    expect(
      scripts.some((s) => /trend-chart/.test(s)),
      'the chart code is not in the first bundle',
    ).toBe(false);
    await page.getByRole('link', { name: 'District Analysis and Review Tools (DART)' }).click();
    await expectPageHeading(page, `${district.name}: DART`);
    expect(page.url()).toBe(browser.url(`/orgs/${district.code}/dart`));
    expect(await page.title()).toBe(`${district.name}: DART | ssos`);

    // The snapshot: enrollment, populations and the accountability result with a link to its report.
    const snapshot = page.locator('.usa-summary-box');
    await snapshot.getByRole('heading', { name: `Snapshot, ${report.snapshot.year}` }).waitFor();
    const snapshotText = await snapshot.innerText();
    expect(snapshotText).toContain(report.snapshot.enrollment!.toLocaleString('en-US'));
    for (const p of report.snapshot.populations) expect(snapshotText).toContain(p.label);
    expect(snapshotText).toContain(report.snapshot.accountability!.classification!);
    expect(await snapshot.getByRole('link', { name: 'Accountability report' }).getAttribute('href')).toContain(
      `/orgs/${district.code}/accountability`,
    );

    // Every section with values is in the in-page navigation and has its heading.
    const nav = page.getByRole('navigation', { name: 'DART sections' });
    const shown = report.sections.filter((s) => s.indicators.length > 0);
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(shown.map((s) => s.label));
    for (const section of shown) await page.getByRole('heading', { level: 2, name: section.label }).waitFor();

    // Chronic absence: lower is better, so a rise reads "Declined"; the chart is an image with a name, drawn as SVG.
    const chronic = findIndicator(report, 'chronic_absence_pct');
    const article = page.getByRole('article', { name: chronic.label, exact: true });
    const articleText = await article.innerText();
    expect(articleText).toContain(`${chronic.latest!.value!.toFixed(1)}%`);
    const rise = chronic.change!.value;
    expect(articleText).toContain(rise > 0 ? 'Declined: up' : rise < 0 ? 'Improved: down' : 'No change');
    const chart = article.getByRole('img', { name: new RegExp(`^${chronic.label}, ${report.years[0]} to`) });
    // Charts are drawn as they near the screen.
    await article.scrollIntoViewIfNeeded();
    await chart.locator('svg').first().waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${district.name} from`);
    expect(scripts.some((s) => /trend-chart/.test(s))).toBe(true);
    // The same figures as a table.
    await article.locator('summary', { hasText: 'The trend as a table' }).click();
    const trendRows = article.getByRole('table', { name: `${chronic.label}: trend` }).locator('tbody tr');
    // The tables are built when their disclosure opens.
    await expect.poll(() => trendRows.count()).toBe(chronic.series.length);
    // The student groups of the latest year, one click away.
    await article.locator('summary', { hasText: `Student groups, ${chronic.latest!.year}` }).click();
    const groupRows = article.getByRole('table', { name: /student groups/ }).locator('tbody tr');
    await expect.poll(() => groupRows.count()).toBe(chronic.groups.length);

    // The definition: one click away, keyboard accessible, with the catalog's text and a link to the glossary.
    const definition = catalog.items.find((i) => i.code === chronic.code)!;
    const button = article.getByRole('button', { name: `Definition of ${chronic.label}`, exact: true });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
    await panel.getByText(definition.definition, { exact: true }).waitFor();
    expect(await panel.innerText()).toContain('Lower is better');
    expect(await panel.innerText()).toContain(definition.source);
    await screenshot(page, 'dart-definition');
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Definition of ${chronic.label}`,
    );
    await page.keyboard.press('Enter');
    expect(await panel.isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    await checkAccessibility(page, 'a district’s DART');
    await drawEveryChart(page);
    await screenshot(page, 'dart-district');

    // The export: an Excel file of one row per organization x year x group x indicator.
    const xlsxLink = page.getByRole('link', { name: 'Excel (XLSX)', exact: true });
    expect(await xlsxLink.getAttribute('href')).toBe(`/api/orgs/${district.code}/dart/export?format=xlsx`);
    const [download] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    expect(download.suggestedFilename()).toBe(`dart-${district.code}.xlsx`);
    const dir = await mkdtemp(path.join(tmpdir(), 'ssos-e2e-dart-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const sheet = workbook.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        'role',
        'org_code',
        'org_name',
        'school_year',
        'student_group',
        'indicator_code',
        'indicator',
        'value',
        'n',
        'suppressed',
      ]);
      const rows: unknown[][] = [];
      sheet.eachRow((row, number) => {
        if (number > 1) rows.push((row.values as unknown[]).slice(1));
      });
      const own = rows.filter((r) => r[0] === 'organization');
      expect(own.length).toBeGreaterThan(0);
      for (const r of own) expect([r[1], r[2]]).toEqual([district.code, district.name]);
      // The organization's latest chronic absence, all students, is the value the page shows.
      const latest = own.find((r) => r[5] === chronic.code && r[4] === 'all' && r[3] === chronic.latest!.year);
      expect(latest?.[7]).toBe(chronic.latest!.value);
      expect(rows.some((r) => r[0] === 'state')).toBe(true);
      const members = new Set(report.comparison.members.map((m) => m.code));
      expect(new Set(rows.filter((r) => r[0] === 'comparison').map((r) => r[1]))).toEqual(members);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // From the definition to the glossary entry.
    await button.click();
    await panel.getByRole('link', { name: `${chronic.label} in the glossary` }).click();
    await expectPageHeading(page, 'Glossary of indicators');
    expect(page.url()).toBe(browser.url(`/dart/glossary#indicator-${chronic.code}`));
    const entry = page.locator(`#indicator-${chronic.code}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, `indicator-${chronic.code}`);
    expect(await entry.innerText()).toContain(definition.definition);
  });

  test('lists the comparable districts and explains why each is comparable', async () => {
    const { page } = browser;
    const comparables = await apiJson<ComparablesReport>(page, browser.url, `/api/orgs/${district.code}/comparables`);
    expect(comparables.items.length).toBeGreaterThan(1);

    await page.goto(browser.url(`/orgs/${district.code}/dart`));
    await expectPageHeading(page, `${district.name}: DART`);
    // The comparison the medians stand on, named on the page.
    const compared = page.getByRole('list', { name: 'Organizations in the comparison' });
    expect(await compared.getByRole('link').allInnerTexts()).toEqual(comparables.items.map((i) => i.org.name));
    await page.getByRole('link', { name: 'Comparable districts and why' }).click();
    await expectPageHeading(page, `${district.name}: comparable districts`);

    const table = page.getByRole('table', { name: /Comparable districts of Saxfield/ });
    const names = await table.getByRole('rowheader').allInnerTexts();
    expect(names).toEqual(comparables.items.map((i) => i.org.name));
    // The nearest is explained first.
    const nearest = comparables.items[0]!;
    await page
      .getByRole('heading', { level: 2, name: `Why ${nearest.org.name} is comparable to ${district.name}` })
      .waitFor();
    await checkAccessibility(page, 'the comparable districts');

    // "Why comparable" for the second: every characteristic side by side, its difference and its share.
    const second = comparables.items[1]!;
    await table.getByRole('link', { name: `Why comparable: ${second.org.name}` }).click();
    await page.waitForURL(/why=/);
    expect(new URL(page.url()).searchParams.get('why')).toBe(second.org.code);
    await page
      .getByRole('heading', { level: 2, name: `Why ${second.org.name} is comparable to ${district.name}` })
      .waitFor();
    const why = page.getByRole('table', {
      name: `${district.name} and ${second.org.name}, characteristic by characteristic`,
    });
    const rows = why.locator('tbody tr');
    expect(await rows.count()).toBe(second.contributions.length);
    for (const [i, c] of second.contributions.entries()) {
      const cells = await rows.nth(i).locator('th, td').allInnerTexts();
      expect(cells[0]).toContain(c.label);
      expect(cells[3]).toContain(Math.abs(c.zDifference).toFixed(2));
      const pct = Math.round(c.share * 100);
      expect(cells[4]).toContain(pct === 0 && c.share > 0 ? '<1%' : `${pct}%`);
    }
    expect(await page.getByText(second.distance.toFixed(2), { exact: true }).count()).toBeGreaterThan(0);
    // The method and the settings it used.
    await page.getByText(comparables.method).waitFor();
    const weights = page.getByRole('table', { name: 'Characteristics compared, with their scale and weight' });
    expect(await weights.getByRole('rowheader').allInnerTexts()).toEqual(comparables.features.map((f) => f.label));
    await checkAccessibility(page, 'why a district is comparable');
    await screenshot(page, 'dart-comparables');

    // Explaining a district of another grade-span group says why it cannot be compared.
    await page.getByLabel('Explain the distance to another district of the group').fill('Foxford');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Explain Foxford', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/not in Saxfield's comparison group/)
      .waitFor();
  });

  test('the glossary lists every indicator by area, one area at a time, and narrows to a search', async () => {
    const { page } = browser;
    const catalog = await apiJson<IndicatorList>(page, browser.url, '/api/indicators');
    await page.goto(browser.url('/dart/glossary'));
    await expectPageHeading(page, 'Glossary of indicators');
    await page.getByText(`${catalog.items.length} indicators in`).waitFor();
    // Each area opens on its own and lists its indicators with their facts.
    const attendance = catalog.items.filter((i) => i.area === 'attendance');
    const area = page.getByRole('button', { name: /^Attendance and chronic absence/ });
    expect(await area.getAttribute('aria-expanded')).toBe('false');
    await area.click();
    expect(await area.getAttribute('aria-expanded')).toBe('true');
    const entries = page.locator(`[id="${await area.getAttribute('aria-controls')}"] .ssos-glossary-entry`);
    expect(await entries.count()).toBe(attendance.length);
    const first = [...attendance].sort((a, b) => a.label.localeCompare(b.label))[0]!;
    const text = await entries.first().innerText();
    for (const fact of [first.label, first.definition, first.source, 'Unit', 'Direction', 'Year'])
      expect(text).toContain(fact);
    await checkAccessibility(page, 'the glossary');
    await screenshot(page, 'dart-glossary');

    await page.getByLabel('Search the indicators').fill('suspension');
    const matching = catalog.items.filter((i) =>
      `${i.label} ${i.code} ${i.definition} ${i.source}`.toLowerCase().includes('suspension'),
    );
    await page.getByText(`${matching.length} indicators match “suspension”.`).waitFor();
    const headings = await page.locator('.ssos-glossary-entry h3').allInnerTexts();
    expect(headings).toHaveLength(matching.length);
    for (const i of matching) expect(headings.some((h) => h.includes(i.label))).toBe(true);
    await screenshot(page, 'dart-glossary-search');
  });
});

describe('comparisons of one’s own, promising peers and printing', () => {
  const browser = useBrowser(baseUrl);

  test('a district leader compares with chosen districts, saves the set, applies and deletes it', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'district_leader');
    await page.goto(browser.url(`/orgs/${district.code}/dart`));
    await expectPageHeading(page, `${district.name}: DART`);
    await page.getByRole('heading', { level: 3, name: `Your saved comparisons for ${district.name}` }).waitFor();

    await page.getByRole('button', { name: 'Compare with other districts' }).click();
    await page.getByLabel('Find a district to add').fill('Walbridge');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Add Walbridge', exact: true }).click();
    await page.getByRole('button', { name: 'Add Walbridge-Meling Regional', exact: true }).click();
    await page.getByText('2 of 10 chosen.').waitFor();
    await page.getByLabel('Save this comparison as').fill('Walbridge pair');
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await page.waitForURL(/compare=/);
    const codes = ['02290000', '06330000'];
    expect(new URL(page.url()).searchParams.get('compare')).toBe(codes.join(','));
    await page.getByText('The comparison median is of the 2 organizations you chose.').waitFor();
    const compared = page.getByRole('list', { name: 'Organizations in the comparison' });
    expect(await compared.getByRole('link').allInnerTexts()).toEqual(['Walbridge', 'Walbridge-Meling Regional']);
    // The medians stand on the two chosen districts, and the exports carry the same comparison.
    const custom = await apiJson<DartReport>(
      page,
      browser.url,
      `/api/orgs/${district.code}/dart?compare=${codes.join(',')}`,
    );
    const enrollment = findIndicator(custom, 'enrollment_total');
    expect(Math.max(...enrollment.series.map((p) => p.comparableCount))).toBe(2);
    const csvHref = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href');
    expect(new URL(csvHref!, browser.url('/')).searchParams.get('compare')).toBe(codes.join(','));

    const saved = page.getByRole('table', { name: `Your saved comparisons for ${district.name}` });
    const row = saved.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Walbridge pair' }) });
    await row.getByText('Applied').waitFor();
    await checkAccessibility(page, 'a DART with a custom comparison');

    // Back to the computed comparables; the saved set applies again with one click, and can be deleted.
    await page.getByRole('link', { name: 'Go back to the computed comparable districts' }).click();
    await page.getByText(/most like Saxfield in enrollment characteristics/).waitFor();
    await row.getByRole('button', { name: 'Apply Walbridge pair' }).click();
    await page.waitForURL(/compare=/);
    await page.getByText('The comparison median is of the 2 organizations you chose.').waitFor();
    await row.getByRole('button', { name: 'Delete Walbridge pair' }).click();
    await page.getByText('None yet: choose organizations to compare with').waitFor();
  });

  test('promising peers rank the comparables on an indicator, in words, with the guard explained', async () => {
    const { page } = browser;
    const peers = await apiJson<PeersReport>(
      page,
      browser.url,
      `/api/orgs/${district.code}/dart/peers?indicator=attendance_rate`,
    );
    await page.goto(browser.url(`/orgs/${district.code}/dart`));
    await expectPageHeading(page, `${district.name}: DART`);
    // Context indicators (enrollment) have no peers link; those with a direction do.
    const enrollment = page.getByRole('article', { name: 'Enrollment', exact: true });
    expect(await enrollment.getByRole('link', { name: 'Peers improving on this' }).count()).toBe(0);
    await page
      .getByRole('article', { name: 'Attendance rate', exact: true })
      .getByRole('link', { name: 'Peers improving on this' })
      .click();
    await expectPageHeading(page, `${district.name}: promising peers`);
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('attendance_rate');
    expect(await page.getByLabel('Indicator', { exact: true }).inputValue()).toBe('attendance_rate');
    // Only indicators with a direction can be chosen.
    const options = await page.getByLabel('Indicator', { exact: true }).locator('option').allInnerTexts();
    expect(options).not.toContain('Enrollment');

    const table = page.getByRole('table', { name: 'Peers ranked by improvement in attendance rate' });
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual(peers.items.map((i) => i.org.name));
    const words: Record<PeersReport['items'][number]['status'], string> = {
      promising: 'Promising',
      within_noise: 'Within sampling noise',
      not_improving: 'Not improving',
      small_n: 'Too few students',
      too_few_years: 'Too few years',
    };
    for (const [i, item] of peers.items.entries()) {
      const cells = await table.locator('tbody tr').nth(i).locator('td').allInnerTexts();
      expect(cells[0]).toBe(words[item.status]);
      expect(cells.at(-1)).toBe(item.smallestN === null ? '—' : item.smallestN.toLocaleString('en-US'));
    }
    const guard = await page
      .getByRole('heading', { name: 'The guard' })
      .locator('xpath=following-sibling::ul[1]')
      .innerText();
    expect(guard).toContain(`at least ${peers.guard.minYears} of the years`);
    expect(guard).toContain(`at least ${peers.guard.minN} students`);
    expect(guard).toContain(`at least ${peers.guard.noiseFactor} times its sampling noise`);
    await checkAccessibility(page, 'promising peers');
    await screenshot(page, 'dart-peers');
  });

  test('prints as the report alone: no navigation or controls, charts at the page’s width', async () => {
    const { page } = browser;
    await page.goto(browser.url(`/orgs/${district.code}/dart`));
    await expectPageHeading(page, `${district.name}: DART`);
    await page.locator('.ssos-trend-chart svg').first().waitFor();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Charts are drawn as they near the screen; printing draws every one of them first.
    const articles = await page.locator('article.ssos-indicator').count();
    expect(await page.locator('.ssos-trend-chart svg').count()).toBeLessThan(articles);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('.ssos-trend-chart svg').count()).toBe(articles);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'DART sections' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(
      await page
        .getByRole('button', { name: /^Definition of/ })
        .first()
        .isVisible(),
    ).toBe(false);
    const chart = page.locator('.ssos-trend-chart svg').first();
    expect(await chart.isVisible()).toBe(true);
    const { chartWidth, bodyWidth } = await page.evaluate(() => ({
      chartWidth: document.querySelector('.ssos-indicator__chart')!.getBoundingClientRect().width,
      bodyWidth: document.querySelector('.ssos-dart-body')!.getBoundingClientRect().width,
    }));
    expect(chartWidth).toBeGreaterThan(bodyWidth / 2);
    await screenshot(page, 'dart-print');
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('a school’s public DART', () => {
  const browser = useBrowser(baseUrl);

  test('shows withheld values of small groups as a dash with the reason, never as zero', async () => {
    const { page } = browser;
    const report = await apiJson<DartReport>(page, browser.url, `/api/orgs/${school.code}/dart`);
    const indicator = report.sections
      .flatMap((s) => s.indicators)
      .find((i) => i.groups.some((g) => g.suppressed) && i.latest !== null);
    expect(indicator, 'the demo school has a withheld student group').toBeDefined();
    const withheld = indicator!.groups.filter((g) => g.suppressed);
    for (const g of withheld) expect(g.value).toBeNull();

    await page.goto(browser.url(`/orgs/${school.code}/dart`));
    await expectPageHeading(page, `${school.name}: DART`);
    await page.getByText(`Values from fewer than ${report.suppressedBelow} students are not shown`).waitFor();
    const article = page.getByRole('article', { name: indicator!.label, exact: true });
    await article.locator('summary', { hasText: 'Student groups' }).click();
    const table = article.getByRole('table', { name: /student groups/ });
    await table.waitFor();
    for (const g of withheld) {
      const cells = await table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: g.label, exact: true }) })
        .locator('td')
        .allInnerTexts();
      expect(cells[0]).toBe(`— fewer than ${report.suppressedBelow} students`);
      expect(cells[0]).not.toContain('0%');
    }
    await checkAccessibility(page, 'a school’s DART');
    await drawEveryChart(page);
    await screenshot(page, 'dart-school');
  });
});
