import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { runAndStore, suppressSmallValues } from '../../src/server/services/accountability-service.ts';
import { systemContext } from '../../src/server/context.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/**
 * Accountability over the API, on a small synthetic Commonwealth loaded as the demo is (which runs the official
 * accountability of its latest year).
 */
describe.each(testBackends())('accountability over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let year: number;
  beforeAll(async () => {
    t = await createTestApp(backend, { demo: false });
    await loadSyntheticDemo(t.db, { seed: 4, scale: 0.01 });
    admin = await signInAs(t.app, 'state_admin');
    const results = (await t.app.inject({ method: 'GET', url: '/api/accountability/results' })).json();
    year = results.run.year;
  }, 240_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('lists the official results of the latest year, publicly, with filters, sorting and the percentile spread', async () => {
    const res = await get('/api/accountability/results?limit=5000');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.run).toMatchObject({ framework: 'ma-2018', kind: 'official', year: 2026 });
    expect(body.years).toEqual([2026]);
    const schools = body.items.filter((i: { level: string }) => i.level === 'school');
    expect(schools.length).toBeGreaterThan(10);
    expect(body.items.some((i: { level: string }) => i.level === 'district')).toBe(true);
    // Every row is classified in DESE's words.
    for (const i of body.items)
      expect([
        'Not requiring assistance or intervention',
        'Requiring assistance or intervention',
        'Insufficient data',
      ]).toContain(i.classification);
    expect(body.percentiles.length).toBe(
      schools.filter((s: { percentile: number | null }) => s.percentile !== null).length,
    );
    expect(body.cutLines[0]).toMatchObject({ percentile: 10 });

    const onlySchools = (await get('/api/accountability/results?level=school&limit=5000')).json();
    expect(onlySchools.total).toBe(schools.length);
    const sorted = (await get('/api/accountability/results?level=school&sort=percentile&order=desc&limit=5000')).json();
    const pct = sorted.items
      .map((i: { percentile: number | null }) => i.percentile)
      .filter((p: number | null) => p !== null);
    expect(pct).toEqual([...pct].sort((a: number, b: number) => b - a));
    const requiring = (
      await get(
        `/api/accountability/results?classification=${encodeURIComponent('Requiring assistance or intervention')}`,
      )
    ).json();
    for (const i of requiring.items) expect(i.category).toMatch(/support/);
    const page = (await get('/api/accountability/results?limit=2&offset=1')).json();
    expect(page.items).toEqual(body.items.slice(1, 3));
    expect(page.total).toBe(body.total);
  });

  it('exports the filtered rows as CSV (open-data column names) and as XLSX', async () => {
    const csv = await get('/api/accountability/results?level=school&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="accountability-${year}.csv"`);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'sy,org_code,org_name,org_type,school_type,dist_code,dist_name,region,classification_overall,classification_category,classification_reason,accntblty_pctle,curr_year_tgt_pct,cumulative_prgrss_pct',
    );
    const total = (await get('/api/accountability/results?level=school')).json().total;
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).every((l) => l.startsWith(`${year},`) && l.includes(',School,'))).toBe(true);
    const xlsx = await get('/api/accountability/results?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("gives a school's report: indicators, targets, points and why; small groups withheld from the public", async () => {
    const rows = (await get('/api/accountability/results?level=school&limit=5000')).json().items;
    const school = rows.find((r: { percentile: number | null }) => r.percentile !== null);
    const pub = await get(`/api/orgs/${school.code}/accountability`);
    expect(pub.statusCode).toBe(200);
    const report = pub.json();
    expect(report.result).toMatchObject({ code: school.code, classification: school.classification });
    expect(report.report.orgCode).toBe(school.code);
    expect(report.report.columns.length).toBeGreaterThan(0);
    const indicators = report.report.columns.flatMap((c: { indicators: unknown[] }) => c.indicators) as {
      n: number | null;
      value: number | null;
      suppressed?: boolean;
    }[];
    expect(indicators.some((i) => typeof i.value === 'number')).toBe(true);
    // Public: no value of fewer students than the reporting minimum is shown.
    for (const i of indicators) if (i.n !== null) expect(i.n).toBeGreaterThanOrEqual(report.suppressedBelow);
    const signedInReport = (await get(`/api/orgs/${school.code}/accountability`, admin)).json();
    const all = signedInReport.report.columns.flatMap((c: { indicators: unknown[] }) => c.indicators) as {
      n: number | null;
    }[];
    const small = all.filter((i) => i.n !== null && i.n < report.suppressedBelow).length;
    expect(indicators.filter((i) => i.suppressed).length).toBe(small);

    expect((await get('/api/orgs/99999999/accountability')).statusCode).toBe(404);
    expect((await get('/api/orgs/coastal/accountability')).statusCode).toBe(404);
  });

  it('what-if: only state staff may run one; a changed threshold lists the schools whose result changes', async () => {
    const body = { year, changes: [{ path: 'classification.lowestPercentileMax', value: 40 }] };
    const post = (payload: unknown, cookie?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/accountability/what-if',
        payload: payload as object,
        headers: cookie ? { cookie } : {},
      });
    expect((await post(body)).statusCode).toBe(401);
    expect((await post(body, await signInAs(t.app, 'district_leader'))).statusCode).toBe(403);
    const bad = await post({ year, changes: [{ path: 'classification.lowestPercentil', value: 40 }] }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('classification.lowestPercentil: is not a path of the framework');

    const before = (await get('/api/accountability/results?limit=5000')).json();
    const res = await post(body, admin);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.changed.length).toBeGreaterThan(0);
    // Schools newly among the lowest 40%: newly requiring assistance, or with that reason added to another.
    expect(
      result.changed.some(
        (c: { before: { classification: string } }) =>
          c.before.classification === 'Not requiring assistance or intervention',
      ),
    ).toBe(true);
    for (const c of result.changed) {
      expect(c.after.classification).toBe('Requiring assistance or intervention');
      expect(c.after.reason).toContain('Among lowest performing 40% of schools');
      expect(c.after.percentile).toBeLessThanOrEqual(40);
      expect(c.org.name).not.toBe(c.org.code);
    }
    expect(result.summary.schoolsRequiringAssistance).toBeGreaterThan(
      result.officialSummary.schoolsRequiringAssistance,
    );
    // The official run is untouched.
    expect((await get('/api/accountability/results?limit=5000')).json()).toEqual(before);
  });

  it('lists the framework values a what-if can change', async () => {
    const res = (await get('/api/accountability/framework')).json();
    expect(res.id).toBe('ma-2018');
    expect(res.values).toContainEqual({ path: 'classification.lowestPercentileMax', value: 10 });
    expect(res.settings.minimumN.status).toBe('unconfirmed');
  });

  it('stores each run with its data version: the same data gives the same version', async () => {
    const again = await runAndStore(systemContext(t.db), { year });
    const runs = await t.db.kysely
      .selectFrom('accountability_runs')
      .select(['id', 'data_version', 'framework_version'])
      .orderBy('id')
      .execute();
    expect(runs.length).toBe(2);
    expect(runs[1]!.id).toBe(again.id);
    expect(runs[1]!.data_version).toBe(runs[0]!.data_version);
    const results = (await get('/api/accountability/results')).json();
    expect(results.run.id).toBe(again.id);
  });
});

describe('the public report withholds small groups', () => {
  it('removes indicator values, the steps quoting them, a small cohort and small participation counts', () => {
    const report = {
      columns: [
        {
          indicators: [
            { indicator: 'a', value: 12.3, n: 8, prior: 11, text: '12.3 (n 8): below the minimum' },
            { indicator: 'b', value: 40, n: 120, prior: 39, text: '40 (n 120): 3 points' },
          ],
        },
      ],
      explanation: [
        { step: 'x', text: 'ELA achievement: 12.3 (n 8), fewer than the minimum 20: not rated', value: 12.3 },
        { step: 'y', text: 'Chronic absenteeism: 40 (n 120): 3 points', value: 40 },
        { step: 'z', text: 'a rate from 5 students', value: 1 },
      ],
      graduationRate: { value: 50, n: 6, dataYear: 2025 },
      lowParticipation: [{ group: 'asian', indicator: 'p', rates: [{ year: 2026, value: 80, n: 5 }] }],
    };
    const pub = suppressSmallValues(report, 10) as typeof report & {
      columns: { indicators: Record<string, unknown>[] }[];
    };
    expect(pub.columns[0]!.indicators[0]).toMatchObject({ value: null, n: null, prior: null, suppressed: true });
    expect(pub.columns[0]!.indicators[1]).toMatchObject({ value: 40, n: 120 });
    expect(pub.explanation.map((s) => s.text)).toEqual([
      'Fewer than 10 students: not reported.',
      'Chronic absenteeism: 40 (n 120): 3 points',
      'Fewer than 10 students: not reported.',
    ]);
    expect(JSON.stringify(pub)).not.toContain('12.3');
    expect(pub.graduationRate).toMatchObject({ value: null, n: null });
    expect(pub.lowParticipation[0]!.rates[0]).toMatchObject({ value: null, n: null });
    // The stored report is untouched.
    expect(report.columns[0]!.indicators[0]!.value).toBe(12.3);
  });
});
