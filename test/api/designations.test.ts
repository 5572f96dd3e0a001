import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { runAndStore } from '../../src/server/services/accountability-service.ts';
import { lowestShare } from '../../src/server/services/designation-service.ts';
import { systemContext } from '../../src/server/context.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

describe('lowestShare', () => {
  it('takes ceil(share x n) from the bottom, with ties at the cut', () => {
    const figures = [50, 3, 10, 10, 70, 90, 20, 40, 60, 80];
    expect(lowestShare(figures, (f) => f, 0.2).map((x) => x.item)).toEqual([3, 10, 10]);
    expect(lowestShare(figures, (f) => f, 0.1).map((x) => x.item)).toEqual([3]);
    expect(lowestShare([7], (f) => f, 0.1).map((x) => x.rank)).toEqual([1]);
    expect(lowestShare([], (f: number) => f, 0.2)).toEqual([]);
  });
});

/** The designation workflow (603 CMR 2.05/2.06) over the API, on a small synthetic Commonwealth. */
describe.each(testBackends())('designations over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let district: string;
  beforeAll(async () => {
    t = await createTestApp(backend, { demo: false });
    await loadSyntheticDemo(t.db, { seed: 4, scale: 0.01 });
    admin = await signInAs(t.app, 'state_admin');
    staff = await signInAs(t.app, 'state_staff');
    district = await signInAs(t.app, 'district_leader');
  }, 240_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, payload: unknown, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });

  type EligibleSchool = {
    code: string;
    gradeSpanCategory: string;
    percentile: number;
    rank: number;
    groupSize: number;
  };
  type EligibleDistrict = { code: string; annualPct: number; rank: number; designation: unknown };

  it('lists eligible schools (lowest 20% by grade span) and districts (lowest 10%) to state staff only', async () => {
    expect((await get('/api/accountability/eligible')).statusCode).toBe(401);
    expect((await get('/api/accountability/eligible', district)).statusCode).toBe(403);
    const res = await get('/api/accountability/eligible', staff);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.run.year).toBe(2026);
    expect(body.rules).toMatchObject({ schoolShare: 0.2, districtShare: 0.1 });
    expect(body.schools.length).toBeGreaterThan(0);
    expect(body.districts.length).toBeGreaterThan(0);

    // Each eligible school is within the lowest 20% of its grade span, compared with the published results.
    const results = (await get('/api/accountability/results?level=school&limit=5000')).json().items as {
      code: string;
      gradeSpanCategory: string;
      percentile: number | null;
    }[];
    for (const s of body.schools as EligibleSchool[]) {
      const peers = results.filter((r) => r.gradeSpanCategory === s.gradeSpanCategory && r.percentile !== null);
      expect(s.groupSize).toBe(peers.length);
      expect(peers.filter((p) => p.percentile! < s.percentile).length).toBeLessThan(Math.ceil(0.2 * peers.length));
      expect(results.find((r) => r.code === s.code)?.percentile).toBe(s.percentile);
    }
    const spans = new Set((body.schools as EligibleSchool[]).map((s) => s.gradeSpanCategory));
    for (const span of spans) {
      const peers = results.filter((r) => r.gradeSpanCategory === span && r.percentile !== null);
      const listed = (body.schools as EligibleSchool[]).filter((s) => s.gradeSpanCategory === span);
      expect(listed.length).toBeGreaterThanOrEqual(Math.ceil(0.2 * peers.length));
    }
    const districts = (await get('/api/accountability/results?level=district&limit=5000')).json().items as {
      annualPct: number | null;
    }[];
    const rated = districts.filter((d) => d.annualPct !== null).length;
    expect((body.districts as EligibleDistrict[]).length).toBeGreaterThanOrEqual(Math.ceil(0.1 * rated));
    const pcts = (body.districts as EligibleDistrict[]).map((d) => d.annualPct);
    expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
    expect((await get('/api/accountability/eligible?year=1999', staff)).statusCode).toBe(404);
    expect((await get('/api/accountability/eligible?year=abc', staff)).statusCode).toBe(400);
  });

  it('designates a school, lists it publicly, classifies it broad/comprehensive in the next run, and exits it', async () => {
    const eligible = (await get('/api/accountability/eligible', admin)).json();
    const school = (eligible.schools as EligibleSchool[])[0]!;
    const body = {
      orgCode: school.code,
      designation: 'underperforming',
      designatedOn: '2025-09-15',
      rationale: 'Lowest 20% of schools with common grades; no sign of improvement.',
    };
    expect((await post('/api/accountability/designations', body)).statusCode).toBe(401);
    expect((await post('/api/accountability/designations', body, staff)).statusCode).toBe(403);
    const created = await post('/api/accountability/designations', body, admin);
    expect(created.statusCode).toBe(201);
    const designation = created.json();
    expect(designation).toMatchObject({
      org: { code: school.code, level: 'school' },
      designation: 'underperforming',
      designatedOn: '2025-09-15',
      exitedOn: null,
      current: true,
    });
    const again = await post('/api/accountability/designations', { ...body, designatedOn: '2025-10-01' }, admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');

    const listed = (await get('/api/accountability/designations')).json();
    expect(listed.items).toContainEqual(designation);
    const after = (await get('/api/accountability/eligible', admin)).json();
    expect(
      (after.schools as (EligibleSchool & { designation: unknown })[]).find((s) => s.code === school.code),
    ).toMatchObject({
      designation: { id: designation.id, designation: 'underperforming', designatedOn: '2025-09-15' },
    });

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('resource_type', '=', 'accountability_designation')
      .execute();
    expect(audit).toContainEqual({ action: 'create', resource_id: String(designation.id) });

    await runAndStore(systemContext(t.db), { year: 2026 });
    const report = (await get(`/api/orgs/${school.code}/accountability`)).json();
    expect(report.result).toMatchObject({
      classification: 'Requiring assistance or intervention',
      category: 'Broad/comprehensive support',
    });

    const exitUrl = `/api/accountability/designations/${designation.id}/exit`;
    const early = await post(exitUrl, { exitedOn: '2025-09-01', rationale: 'Too early' }, admin);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('exitedOn');
    expect((await post(exitUrl, { exitedOn: '2026-06-30', rationale: 'Met its goals' }, staff)).statusCode).toBe(403);
    const exited = await post(exitUrl, { exitedOn: '2026-06-30', rationale: 'Met its turnaround plan goals.' }, admin);
    expect(exited.statusCode).toBe(200);
    expect(exited.json()).toMatchObject({
      id: designation.id,
      exitedOn: '2026-06-30',
      exitRationale: 'Met its turnaround plan goals.',
      current: false,
    });
    expect((await post(exitUrl, { exitedOn: '2026-07-01', rationale: 'Again' }, admin)).statusCode).toBe(409);
    expect(
      (await post('/api/accountability/designations/999999/exit', { exitedOn: '2026-07-01', rationale: 'x' }, admin))
        .statusCode,
    ).toBe(404);
    expect(
      (await get('/api/accountability/designations')).json().items.find((d: { id: number }) => d.id === designation.id),
    ).toMatchObject({ exitedOn: '2026-06-30', current: false });
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_type', '=', 'accountability_designation')
      .where('resource_id', '=', String(designation.id))
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);

    // Exited before September 30: the next run no longer counts the designation.
    await runAndStore(systemContext(t.db), { year: 2026 });
    const later = (await get(`/api/orgs/${school.code}/accountability`)).json();
    expect(later.report.classification.reason).not.toMatch(/underperforming/i);

    // After the exit, the school may be designated again.
    const redo = await post('/api/accountability/designations', { ...body, designatedOn: '2026-10-01' }, admin);
    expect(redo.statusCode).toBe(201);
  });

  it('designates a district only as chronically underperforming', async () => {
    const eligible = (await get('/api/accountability/eligible', admin)).json();
    const d = (eligible.districts as EligibleDistrict[]).find((x) => x.designation === null)!;
    const body = { orgCode: d.code, designatedOn: '2025-09-15', rationale: 'Lowest 10% of districts.' };
    const wrong = await post('/api/accountability/designations', { ...body, designation: 'underperforming' }, admin);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('designation');
    const ok = await post(
      '/api/accountability/designations',
      { ...body, designation: 'chronically_underperforming' },
      admin,
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().org).toMatchObject({ code: d.code, level: 'district' });
  });

  it('refuses bad input with 400 naming the field', async () => {
    const good = {
      orgCode: '00010000',
      designation: 'chronically_underperforming',
      designatedOn: '2025-09-15',
      rationale: 'x',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, designatedOn: '2025-02-30' }, 'designatedOn'],
      [{ ...good, designatedOn: '15/09/2025' }, 'designatedOn'],
      [{ ...good, designation: 'failing' }, 'designation'],
      [{ ...good, rationale: '' }, 'rationale'],
      [{ ...good, orgCode: '99999999' }, 'orgCode'],
      [{ ...good, extra: true }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/api/accountability/designations', payload, admin);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    const { rationale: _r, ...missing } = good;
    const res = await post('/api/accountability/designations', missing, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('rationale');
    const exit = await post('/api/accountability/designations/1/exit', { exitedOn: 'soon', rationale: 'x' }, admin);
    expect(exit.statusCode).toBe(400);
    expect(exit.json().error.field).toBe('exitedOn');
  });
});
