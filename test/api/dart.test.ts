import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDartSettings } from '../../src/core/dart/comparables.ts';
import { dartIndicatorCodes } from '../../src/core/dart/sections.ts';
import { median } from '../../src/core/dart/trends.ts';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

// A reporting minimum well above the default, so the small synthetic state has many values the public must not see.
const MINIMUM = 30;

interface Value {
  value: number | null;
  n: number | null;
  suppressed: boolean;
}

/** Every object in a JSON tree that carries both a value and an n. */
function valuesIn(tree: unknown, found: Value[] = []): Value[] {
  if (Array.isArray(tree)) for (const x of tree) valuesIn(x, found);
  else if (tree !== null && typeof tree === 'object') {
    const o = tree as Record<string, unknown>;
    if ('value' in o && 'n' in o) found.push(o as unknown as Value);
    for (const v of Object.values(o)) valuesIn(v, found);
  }
  return found;
}

/**
 * The DART over the API, on a small synthetic Commonwealth loaded as the demo is: reports, comparables and why,
 * promising peers, exports, settings, comparison sets, and the public's view without small groups.
 */
describe.each(testBackends())('DART over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let districts: { id: number; code: string; name: string }[];
  let schools: { id: number; code: string }[];
  let district: string;
  beforeAll(async () => {
    t = await createTestApp(backend, { demo: false, env: { SSOS_REPORTING_MINIMUM: String(MINIMUM) } });
    await loadSyntheticDemo(t.db, { seed: 4, scale: 0.01 });
    admin = await signInAs(t.app, 'state_admin');
    districts = await t.db.kysely
      .selectFrom('organizations')
      .select(['id', 'code', 'name'])
      .where('level', '=', 'district')
      .orderBy('code')
      .execute();
    schools = await t.db.kysely
      .selectFrom('organizations')
      .select(['id', 'code'])
      .where('level', '=', 'school')
      .orderBy('code')
      .execute();
    // The district whose comparison group is largest.
    let best = -1;
    for (const d of districts) {
      const c = (await get(`/api/orgs/${d.code}/comparables`)).json();
      if (c.items.length > best) {
        best = c.items.length;
        district = d.code;
      }
    }
  }, 300_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it("shows a district's DART: snapshot, sections of indicators, five years against the state and comparables", async () => {
    const res = await get(`/api/orgs/${district}/dart`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body.org).toMatchObject({ code: district, level: 'district' });
    expect(body.years).toHaveLength(5);
    expect(body.years).toEqual([...body.years].sort());
    expect(body.snapshot.enrollment).toBeGreaterThan(0);
    expect(body.snapshot.populations.map((p: { code: string }) => p.code)).toContain('english_learner_pct');
    expect(body.snapshot.accountability).toMatchObject({ year: 2026 });
    expect(body.comparison.kind).toBe('computed');
    expect(body.comparison.members.length).toBeGreaterThan(0);
    expect(body.comparison.members.length).toBeLessThanOrEqual(10);
    const indicators = body.sections.flatMap((s: { indicators: { code: string }[] }) => s.indicators);
    expect(indicators.length).toBeGreaterThanOrEqual(25);
    for (const i of indicators) expect(dartIndicatorCodes).toContain(i.code);

    // Chronic absence: each year's value, state value and comparable median are the stored ones.
    const chronic = indicators.find((i: { code: string }) => i.code === 'chronic_absence_pct');
    const memberIds = districts.filter((d) => body.comparison.members.some((m: { code: string }) => m.code === d.code));
    const own = districts.find((d) => d.code === district)!;
    for (const point of chronic.series) {
      const stored = await t.db.kysely
        .selectFrom('indicator_values')
        .select(['org_id', 'value'])
        .where('indicator_code', '=', 'chronic_absence_pct')
        .where('school_year', '=', point.year)
        .where('student_group', '=', 'all')
        .execute();
      expect(point.value).toBe(stored.find((s) => s.org_id === own.id)!.value);
      const memberValues = stored.filter((s) => memberIds.some((m) => m.id === s.org_id)).map((s) => s.value!);
      expect(point.comparableMedian).toBe(median(memberValues));
      expect(point.comparableCount).toBe(memberValues.length);
      expect(point.state).not.toBeNull();
    }
    expect(chronic.latest.year).toBe(body.years[4]);
    expect(chronic.change.value).toBeCloseTo(chronic.series[4].value - chronic.series[0].value, 6);
    expect(chronic.groups.length).toBeGreaterThan(3);
    expect(chronic.groups[0]).toHaveProperty('state');

    // A school's DART: compared with schools of its type.
    const school = (await get(`/api/orgs/${schools[0]!.code}/dart`, admin)).json();
    expect(school.org.level).toBe('school');
    expect(school.org.district).not.toBeNull();
    for (const m of school.comparison.members) expect(m.level).toBe('school');
  });

  it('never shows the public a value of fewer students than the reporting minimum, in reports, peers or exports', async () => {
    let hidden = 0;
    for (const o of [...districts, ...schools]) {
      const signed = valuesIn((await get(`/api/orgs/${o.code}/dart`, admin)).json());
      const pub = valuesIn((await get(`/api/orgs/${o.code}/dart`)).json());
      expect(pub.length).toBe(signed.length);
      for (const v of pub) {
        if (v.n !== null) expect(v.n).toBeGreaterThanOrEqual(MINIMUM);
        if (v.value === null && v.suppressed) hidden++;
      }
      // The signed-in view has them: the test would see a leak.
      expect(signed.some((v) => v.n !== null && v.n < MINIMUM)).toBe(true);
    }
    expect(hidden).toBeGreaterThan(100);

    const peers = (await get(`/api/orgs/${district}/dart/peers?indicator=chronic_absence_pct`)).json();
    for (const p of peers.items)
      for (const pt of p.points) if (pt.n !== null) expect(pt.n).toBeGreaterThanOrEqual(MINIMUM);
    const csv = (await get(`/api/orgs/${schools[0]!.code}/dart/export?format=csv`)).body.trim().split('\r\n');
    const header = csv[0]!.split(',');
    const nAt = header.indexOf('n');
    let small = 0;
    for (const line of csv.slice(1)) {
      const cells = line.split(',');
      const n = cells[cells.length - 2]!;
      expect(n === '' || Number(n) >= MINIMUM, line).toBe(true);
      if (cells[cells.length - 1] === 'yes') small++;
    }
    expect(nAt).toBe(8);
    expect(small).toBeGreaterThan(0);
  });

  it('explains why organizations are comparable, feature by feature, and any other one of the group', async () => {
    const res = await get(`/api/orgs/${district}/comparables`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(defaultDartSettings.features.map((f) => f.id));
    expect(body.items.length).toBeGreaterThan(0);
    const distances = body.items.map((i: { distance: number }) => i.distance);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
    const first = body.items[0];
    const shares = first.contributions.reduce((s: number, c: { share: number }) => s + c.share, 0);
    expect(shares).toBeCloseTo(1, 9);
    // The side-by-side values are the stored enrollment characteristics.
    const enrollment = first.contributions.find((c: { id: string }) => c.id === 'enrollment');
    const stored = await sql<{ code: string; value: number }>`
      SELECT o.code, v.value FROM indicator_values v JOIN organizations o ON o.id = v.org_id
      WHERE v.indicator_code = 'enrollment_total' AND v.student_group = 'all' AND v.school_year = ${body.year}
        AND o.code IN (${district}, ${first.org.code})`.execute(t.db.kysely);
    const byCode = new Map(stored.rows.map((r) => [r.code, r.value]));
    expect(enrollment.targetValue).toBe(byCode.get(district));
    expect(enrollment.value).toBe(byCode.get(first.org.code));
    expect(body.method).toMatch(/standard deviation/);

    const last = body.items[body.items.length - 1];
    const explained = (await get(`/api/orgs/${district}/comparables?with=${last.org.code}`)).json().explained;
    expect(explained.distance).toBeCloseTo(last.distance, 12);
    const school = await get(`/api/orgs/${district}/comparables?with=${schools[0]!.code}`);
    expect(school.statusCode).toBe(400);
    expect(school.json().error.message).toMatch(/not in .* comparison group/);
  });

  it('compares with a list of the user’s choosing, and refuses a bad list naming the code', async () => {
    const others = districts.filter((d) => d.code !== district).slice(0, 2);
    const res = await get(`/api/orgs/${district}/dart?compare=${others.map((o) => o.code).join(',')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.comparison.kind).toBe('custom');
    expect(body.comparison.members.map((m: { code: string }) => m.code)).toEqual(others.map((o) => o.code));
    const bad = await get(`/api/orgs/${district}/dart?compare=99990000`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('compare: no organization has the code 99990000');
    const mixed = await get(`/api/orgs/${district}/dart?compare=${schools[0]!.code}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.message).toMatch(/is a school, not a district/);
    const many = districts.slice(0, 11).map((d) => d.code);
    if (many.length === 11)
      expect((await get(`/api/orgs/${district}/dart?compare=${many.join(',')}`)).statusCode).toBe(400);
    expect((await get('/api/orgs/00000000/dart')).statusCode).toBe(404);
    expect((await get('/api/orgs/12345678/dart')).statusCode).toBe(404);
  });

  it('ranks promising peers by trend, with the guard, and refuses a context indicator', async () => {
    const res = await get(`/api/orgs/${district}/dart/peers?indicator=chronic_absence_pct`, admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.indicator.direction).toBe('lower_is_better');
    expect(body.years).toHaveLength(5);
    expect(body.guard).toEqual(defaultDartSettings.peers);
    expect(body.items.length).toBe((await get(`/api/orgs/${district}/dart`)).json().comparison.members.length);
    for (const p of body.items) {
      if (p.slope !== null) expect(p.improvement).toBeCloseTo(-p.slope, 12);
      if (p.status === 'promising') {
        expect(p.improvement).toBeGreaterThan(0);
        expect(p.smallestN).toBeGreaterThanOrEqual(body.guard.minN);
      }
    }
    const context = await get(`/api/orgs/${district}/dart/peers?indicator=enrollment_total`);
    expect(context.statusCode).toBe(400);
    expect((await get(`/api/orgs/${district}/dart/peers?indicator=nope`)).statusCode).toBe(400);
  });

  it('exports the DART table as CSV and XLSX: one row per organization x year x group x indicator', async () => {
    const csv = await get(`/api/orgs/${district}/dart/export?format=csv`, admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="dart-${district}.csv"`);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'role,org_code,org_name,school_year,student_group,indicator_code,indicator,value,n,suppressed',
    );
    const report = (await get(`/api/orgs/${district}/dart`, admin)).json();
    const own = districts.find((d) => d.code === district)!;
    // Each indicator's rows over the years of its trend.
    let expected = 0;
    for (const section of report.sections)
      for (const i of section.indicators) {
        const count = await t.db.kysely
          .selectFrom('indicator_values')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', own.id)
          .where('indicator_code', '=', i.code)
          .where(
            'school_year',
            'in',
            i.series.map((p: { year: number }) => p.year),
          )
          .executeTakeFirstOrThrow();
        expected += Number(count.n);
      }
    const ownLines = lines.filter((l) => l.startsWith(`organization,${district},`));
    expect(ownLines.length).toBe(expected);
    expect(lines.some((l) => l.startsWith('state,00000000,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('comparison,'))).toBe(true);

    const xlsx = await get(`/api/orgs/${district}/dart/export?format=xlsx`, admin);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('DART')!;
    expect(sheet.rowCount).toBe(lines.length);
    expect(sheet.getRow(2).getCell(2).value).toBe(district);
  });

  it('lets a state administrator change how comparables are found (audited, at once), and no one else', async () => {
    const before = (await get(`/api/orgs/${district}/comparables`)).json();
    const leader = await signInAs(t.app, 'district_leader');
    const onlyEnrollment = {
      ...defaultDartSettings,
      features: defaultDartSettings.features.map((f) => ({ ...f, weight: f.id === 'enrollment' ? 1 : 0 })),
      comparableCount: 2,
    };
    const put = (cookie: string | undefined, payload: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/dart/settings',
        payload: payload as object,
        headers: cookie ? { cookie } : {},
      });
    expect((await put(undefined, onlyEnrollment)).statusCode).toBe(401);
    expect((await put(leader, onlyEnrollment)).statusCode).toBe(403);
    const wrong = await put(admin, {
      ...onlyEnrollment,
      features: [{ ...onlyEnrollment.features[0], indicators: ['no_such_indicator'] }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/no_such_indicator is not in the indicator catalog/);
    const ok = await put(admin, onlyEnrollment);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().isDefault).toBe(false);
    const after = (await get(`/api/orgs/${district}/comparables`)).json();
    expect(after.features.map((f: { id: string }) => f.id)).toEqual(['enrollment']);
    expect(after.items.length).toBeLessThanOrEqual(2);
    for (const i of after.items) expect(i.contributions[0].share).toBe(1);
    expect((await get(`/api/orgs/${district}/dart`)).json().comparison.members.length).toBe(after.items.length);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_type'])
      .where('resource_type', '=', 'dart_settings')
      .execute();
    expect(audit).toEqual([{ action: 'update', resource_type: 'dart_settings' }]);
    expect((await put(admin, defaultDartSettings)).statusCode).toBe(200);
    expect(
      (await get(`/api/orgs/${district}/comparables`)).json().items.map((i: { org: { code: string } }) => i.org.code),
    ).toEqual(before.items.map((i: { org: { code: string } }) => i.org.code));
  });

  it('keeps each user’s comparison sets to themselves', async () => {
    const state = await signInAs(t.app, 'state_staff');
    const members = districts
      .filter((d) => d.code !== district)
      .slice(0, 3)
      .map((d) => d.code);
    const post = (cookie: string | undefined, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/comparison-sets', payload, headers: cookie ? { cookie } : {} });
    expect((await post(undefined, { orgCode: district, name: 'Mine', members })).statusCode).toBe(401);
    const created = await post(admin, { orgCode: district, name: 'Mine', members });
    expect(created.statusCode).toBe(200);
    const set = created.json();
    expect(set.members.map((m: { code: string }) => m.code)).toEqual(members);
    // The same name again replaces the members.
    const replaced = (await post(admin, { orgCode: district, name: 'Mine', members: members.slice(0, 1) })).json();
    expect(replaced.id).toBe(set.id);
    expect(replaced.members).toHaveLength(1);
    const self = await post(admin, { orgCode: district, name: 'Bad', members: [district] });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toMatch(/^members\.0: .* is the organization compared$/);
    const school = await post(admin, { orgCode: district, name: 'Bad', members: [schools[0]!.code] });
    expect(school.json().error.message).toMatch(/is a school, not a district/);
    const mine = (await get(`/api/comparison-sets?org=${district}`, admin)).json();
    expect(mine.items.map((s: { name: string }) => s.name)).toEqual(['Mine']);
    expect((await get(`/api/comparison-sets?org=${district}`, state)).json().items).toEqual([]);
    const del = (cookie: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/comparison-sets/${set.id}`, headers: { cookie } });
    expect((await del(state)).statusCode).toBe(404);
    expect((await del(admin)).statusCode).toBe(204);
    expect((await get('/api/comparison-sets', admin)).json().items).toEqual([]);
  });

  it('shows a change committed outside the platform on the very next read, signed in and signed out', async () => {
    type Indicator = { code: string; latest: { value: number | null; year: number } | null };
    const latestOf = async (cookie?: string) => {
      const body = (await get(`/api/orgs/${district}/dart`, cookie)).json();
      return new Map<string, Indicator['latest']>(
        body.sections.flatMap((s: { indicators: Indicator[] }) => s.indicators.map((i) => [i.code, i.latest])),
      );
    };
    const before = await latestOf(admin);
    const [code, latest] = [...before].find(([, l]) => l !== null && l.value !== null)!;
    await latestOf(); // the public report is kept too
    const org = districts.find((d) => d.code === district)!;
    const where = { org_id: org.id, indicator_code: code, school_year: latest!.year, student_group: 'all' } as const;
    const stored = await t.db.kysely
      .selectFrom('indicator_values')
      .select(['value', 'n'])
      .where('org_id', '=', where.org_id)
      .where('indicator_code', '=', where.indicator_code)
      .where('school_year', '=', where.school_year)
      .where('student_group', '=', where.student_group)
      .executeTakeFirstOrThrow();
    // As another process (an import from the command line) would: straight to the database, no call into the app.
    const setValue = (value: number | null) =>
      t.db.kysely
        .updateTable('indicator_values')
        .set({ value })
        .where('org_id', '=', where.org_id)
        .where('indicator_code', '=', where.indicator_code)
        .where('school_year', '=', where.school_year)
        .where('student_group', '=', where.student_group)
        .execute();
    const changed = Number(stored.value) + 1.5;
    await setValue(changed);
    try {
      expect((await latestOf(admin)).get(code)!.value).toBeCloseTo(changed, 6);
      if (stored.n === null || Number(stored.n) >= MINIMUM)
        expect((await latestOf()).get(code)!.value).toBeCloseTo(changed, 6);
    } finally {
      await setValue(stored.value === null ? null : Number(stored.value));
    }
    expect((await latestOf(admin)).get(code)!.value).toBeCloseTo(Number(stored.value), 6);
  });
});
