import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/**
 * Early warning over the API on a small synthetic Commonwealth: a run trains and scores; rosters, profiles and
 * interventions stay within each user's scope and every read is audited; exports carry safelisted columns only.
 */
describe.each(testBackends())('early warning over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let leader: string;
  let leaderSchool: string;
  let student: string;
  let otherStudent: string;
  beforeAll(async () => {
    t = await createTestApp(backend, { demo: false });
    await loadSyntheticDemo(t.db, { seed: 4, scale: 0.01 });
    admin = await signInAs(t.app, 'state_admin');
    leader = await signInAs(t.app, 'school_leader');
    const me = (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: leader } })).json();
    leaderSchool = me.user.scope.orgCode;
  }, 300_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const audits = (resourceType: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'detail'])
      .where('resource_type', '=', resourceType)
      .orderBy('id')
      .execute();

  it('trains per grade and scores the latest year; only state staff may run it', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/ewis/runs',
      payload: {},
      headers: { cookie: leader },
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: '/api/ewis/runs', payload: {}, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const run = res.json();
    expect(run.schoolYear).toBe(2026);
    expect(run.trainingYears[0]).toBeGreaterThan(2021);
    expect(run.scored).toBeGreaterThan(500);
    expect(run.models.length + run.skippedGrades.length).toBe(12);
    const levels = run.levels;
    expect(levels.high + levels.moderate + levels.low + levels.notAvailable).toBe(run.scored);
    for (const m of run.models) expect(m.auc).toBeGreaterThan(0.6);

    const validation = (await get('/api/ewis/validation', leader)).json();
    expect(validation.run.id).toBe(run.runId);
    const model = validation.models[0];
    expect(model.validation.calibration.length).toBe(10);
    expect(model.validation.groups.some((g: { group: string }) => g.group === 'race')).toBe(true);
    // The setting leaves demographics out; the report shows the model with them beside it.
    expect(model.validation.alternative.includeDemographics).toBe(true);
    expect(model.validation.alternative.auc).toBeGreaterThan(0.5);
    expect(model.validation.alternative.groups.some((g: { group: string }) => g.group === 'race')).toBe(true);
    expect(JSON.stringify(validation)).not.toMatch(/"studentId"/);
    // A whole run (twelve grades, each with its cross-validation and the model with demographics beside it).
  }, 120_000);

  it("shows a school leader their school's roster with reasons, audited, and refuses another school", async () => {
    expect(leaderSchool).toMatch(/^\d{8}$/);
    const res = await get(`/api/orgs/${leaderSchool}/ewis/roster`, leader);
    expect(res.statusCode).toBe(200);
    const roster = res.json();
    expect(roster.items.length).toBeGreaterThan(10);
    const probabilities = roster.items.map((i: { probability: number | null }) => i.probability ?? 2);
    expect(probabilities).toEqual([...probabilities].sort((a: number, b: number) => a - b));
    for (const i of roster.items) expect(i.school.code).toBe(leaderSchool);
    const flagged = roster.items.filter((i: { riskLevel: string }) => i.riskLevel === 'high');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.some((i: { reasons: unknown[] }) => i.reasons.length > 0)).toBe(true);
    student = flagged[0].studentId;
    const reads = await audits('ewis_roster');
    expect(reads.at(-1)).toMatchObject({ action: 'read', resource_id: leaderSchool });
    const raw: unknown = reads.at(-1)!.detail;
    const detail = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { students: string[] };
    expect(detail.students).toContain(student);

    const high = (await get(`/api/orgs/${leaderSchool}/ewis/roster?level=high`, leader)).json();
    expect(high.items.every((i: { riskLevel: string }) => i.riskLevel === 'high')).toBe(true);

    const other = await t.db.kysely
      .selectFrom('organizations')
      .select('code')
      .where('level', '=', 'school')
      .where('code', '<>', leaderSchool)
      .where('parent_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect((await get(`/api/orgs/${other.code}/ewis/roster`, leader)).statusCode).toBe(403);
    expect((await get(`/api/orgs/${leaderSchool}/ewis/roster`)).statusCode).toBe(401);
    const otherRoster = (await get(`/api/orgs/${other.code}/ewis/roster`, admin)).json();
    otherStudent = otherRoster.items[0].studentId;
  });

  it('summarizes a district by school, grade and group without naming a student, within scope', async () => {
    const district = await signInAs(t.app, 'district_leader');
    const me = (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: district } })).json();
    const code = me.user.scope.orgCode;
    const res = await get(`/api/orgs/${code}/ewis/summary`, district);
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    const all = summary.byGroup.find((g: { group: string }) => g.group === 'all');
    expect(all.students).toBe(summary.bySchool.reduce((s: number, x: { students: number }) => s + x.students, 0));
    expect(all.students).toBe(summary.byGrade.reduce((s: number, x: { students: number }) => s + x.students, 0));
    expect(all.high + all.moderate + all.low + all.notAvailable).toBe(all.students);
    expect(summary.byGroup.some((g: { group: string }) => g.group.startsWith('race:'))).toBe(true);
    expect(JSON.stringify(summary)).not.toMatch(/studentId/);
    expect((await get('/api/orgs/00000000/ewis/summary', district)).statusCode).toBe(403);
  });

  it("opens a student's profile with reasons and records, and gives another school's leader 403", async () => {
    const res = await get(`/api/students/${student}/ewis`, leader);
    expect(res.statusCode).toBe(200);
    const profile = res.json();
    expect(profile.school.code).toBe(leaderSchool);
    expect(profile.score.riskLevel).toBe('high');
    expect(profile.years.length).toBeGreaterThan(0);
    expect(profile).not.toHaveProperty('raceEthnicity');
    expect((await audits('ewis_student')).at(-1)).toMatchObject({ action: 'read', resource_id: student });
    const denied = await get(`/api/students/${otherStudent}/ewis`, leader);
    expect(denied.statusCode).toBe(403);
    expect((await get('/api/students/NOPE123/ewis', admin)).statusCode).toBe(404);
  });

  it("gives a school leader a two-page PDF of their student's profile, audited as an export, and no other school's", async () => {
    const res = await get(`/api/students/${student}/ewis/profile.pdf`, leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`early-warning-profile-${student}.pdf`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length).toBe(2);
    const entries = (await audits('ewis_student')).filter((a) => a.resource_id === student).slice(-2);
    expect(entries.map((a) => a.action)).toEqual(['read', 'export']);
    expect((await get(`/api/students/${otherStudent}/ewis/profile.pdf`, leader)).statusCode).toBe(403);
    expect((await get(`/api/students/${student}/ewis/profile.pdf`)).statusCode).toBe(401);
  });

  it('records and updates interventions within scope, audited', async () => {
    const body = {
      kind: 'attendance',
      startedOn: '2025-10-01',
      owner: 'Ms. Rivera',
      notes: 'Check-in daily',
      status: 'active',
    };
    const post = (id: string, cookie: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/students/${id}/interventions`, payload, headers: { cookie } });
    const created = await post(student, leader, body);
    expect(created.statusCode).toBe(200);
    const i = created.json();
    expect(i).toMatchObject({ kind: 'attendance', startedOn: '2025-10-01', endedOn: null, status: 'active' });
    expect((await post(otherStudent, leader, body)).statusCode).toBe(403);
    const bad = await post(student, leader, { ...body, endedOn: '2025-09-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^endedOn: /);
    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/interventions/${i.id}`,
      payload: { ...body, status: 'completed', endedOn: '2026-01-15' },
      headers: { cookie: leader },
    });
    expect(updated.json()).toMatchObject({ status: 'completed', endedOn: '2026-01-15' });
    const profile = (await get(`/api/students/${student}/ewis`, leader)).json();
    expect(profile.interventions).toHaveLength(1);
    expect((await audits('intervention')).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('lets a state administrator change the training options, audited, and no one else', async () => {
    const current = (await get('/api/ewis/settings', leader)).json();
    expect(current.isDefault).toBe(true);
    const put = (cookie: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/ewis/settings', payload, headers: { cookie } });
    const changed = { ...current.settings, includeDemographics: true, lambda: 2 };
    expect((await put(leader, changed)).statusCode).toBe(403);
    const wrong = await put(admin, { ...changed, targets: { ...changed.targets, high: 0.7 } });
    expect(wrong.statusCode).toBe(400);
    const ok = await put(admin, changed);
    expect(ok.json()).toMatchObject({ isDefault: false, settings: { includeDemographics: true, lambda: 2 } });
    expect((await audits('ewis_settings')).map((a) => a.action)).toEqual(['update']);
  });

  it('exports the roster with safelisted columns only (no race, no birth date), audited as an export', async () => {
    const csv = await get(`/api/orgs/${leaderSchool}/ewis/roster?format=csv`, leader);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'student_id,school_code,school_name,grade,milestone,risk_level,probability_reaching,reasons,attendance_rate,low_income,english_learner,disability,active_interventions',
    );
    expect(csv.body).not.toMatch(/hispanic|african_american|birth/i);
    const xlsx = await get(`/api/orgs/${leaderSchool}/ewis/roster?format=xlsx`, leader);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(lines.length);
    const exports = (await audits('ewis_roster')).filter((a) => a.action === 'export');
    expect(exports).toHaveLength(2);
  });
  it('pages the roster: slices of one order with the total, past the last page empty, bad sizes refused', async () => {
    type Item = { studentId: string; probability: number | null; riskLevel: string | null; grade: number };
    type Page = { page: number; pageSize: number; total: number; pages: number; items: Item[]; run: { id: number } };
    const url = `/api/orgs/${leaderSchool}/ewis/roster`;
    const read = async (query: string): Promise<Page> => {
      const res = await get(`${url}?${query}`, leader);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const ids = (p: { items: { studentId: string }[] }) => p.items.map((i) => i.studentId);
    const lastAudit = async () => {
      const raw: unknown = (await audits('ewis_roster')).at(-1)!.detail;
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
    };

    // The order worked out from the scores themselves: lowest chance first, N/A last, ties by identifier.
    const first = await read('');
    const scores = await t.db.kysely
      .selectFrom('ewis_scores as s')
      .innerJoin('organizations as o', 'o.id', 's.school_id')
      .select(['s.student_id', 's.probability', 's.risk_level'])
      .where('s.run_id', '=', first.run.id)
      .where('o.code', '=', leaderSchool)
      .execute();
    const byRisk = scores
      .map((r) => ({ id: r.student_id, p: r.probability === null ? null : Number(r.probability) }))
      .sort((a, b) =>
        a.p !== b.p && (a.p === null || b.p === null)
          ? a.p === null
            ? 1
            : -1
          : a.p !== b.p
            ? a.p! - b.p!
            : a.id < b.id
              ? -1
              : 1,
      )
      .map((r) => r.id);
    const total = scores.length;
    expect(total).toBeGreaterThan(500);

    // Page 1 of 100 by default, with the total and the number of pages.
    expect(first).toMatchObject({ page: 1, pageSize: 100, total, pages: Math.ceil(total / 100) });
    expect(ids(first)).toEqual(byRisk.slice(0, 100));
    // The largest pages: 500, then the rest.
    const largest = await read('pageSize=500');
    expect(largest).toMatchObject({ page: 1, pageSize: 500, total, pages: 2 });
    const rest = await read('page=2&pageSize=500');
    expect(rest.items).toHaveLength(total - 500);
    expect([...ids(largest), ...ids(rest)]).toEqual(byRisk);
    const levels = (await read('pageSize=1')) as Page & { levels: Record<string, number> };
    expect(levels.levels).toEqual({
      high: scores.filter((r) => r.risk_level === 'high').length,
      moderate: scores.filter((r) => r.risk_level === 'moderate').length,
      low: scores.filter((r) => r.risk_level === 'low').length,
      notAvailable: scores.filter((r) => r.risk_level === null).length,
    });

    // Page 2 of 2 is the third and fourth students in that order; its audit entry names exactly those two.
    const second = await read('page=2&pageSize=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total, pages: Math.ceil(total / 2) });
    expect(ids(second)).toEqual([byRisk[2], byRisk[3]]);
    expect(await lastAudit()).toEqual({ runId: first.run.id, page: 2, pageSize: 2, students: [byRisk[2], byRisk[3]] });
    // A repeat read of the same page (kept text) answers the same and is audited again.
    const before = (await audits('ewis_roster')).length;
    const again = await get(`${url}?page=2&pageSize=2`, leader);
    expect(again.json()).toEqual(second);
    expect((await audits('ewis_roster')).length).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ page: 2, pageSize: 2, students: [byRisk[2], byRisk[3]] });

    // Pages of 7 cover every student once, the last one short.
    const pages = Math.ceil(total / 7);
    const walked: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const p = await read(`page=${page}&pageSize=7`);
      expect(p.pages).toBe(pages);
      expect(p.items.length).toBe(page < pages ? 7 : total - 7 * (pages - 1));
      walked.push(...ids(p));
    }
    expect(walked).toEqual(byRisk);

    // Past the last page: 200, no students, the true total; the audit entry names no one.
    const beyond = await read(`page=${pages + 1}&pageSize=7`);
    expect(beyond).toMatchObject({ page: pages + 1, pageSize: 7, total, pages, items: [] });
    expect(await lastAudit()).toEqual({ runId: first.run.id, page: pages + 1, pageSize: 7, students: [] });

    // Filters and sorts apply before the slicing.
    const high = byRisk.filter((id) => scores.find((r) => r.student_id === id)!.risk_level === 'high');
    const highPage = await read('level=high&page=2&pageSize=3');
    expect(highPage).toMatchObject({ total: high.length, pages: Math.ceil(high.length / 3) });
    expect(ids(highPage)).toEqual(high.slice(3, 6));
    const byId = [...byRisk].sort();
    expect(ids(await read('sort=student&page=2&pageSize=5'))).toEqual(byId.slice(5, 10));
    expect(ids(await read('sort=student&order=desc&pageSize=5'))).toEqual([...byId].reverse().slice(0, 5));
    const withNumber = byId.filter((id) => id.includes(byId[0]!.slice(-2)));
    const found = await read(`q=${byId[0]!.slice(-2)}&sort=student&pageSize=500`);
    expect(found.total).toBe(withNumber.length);
    expect(ids(found)).toEqual(withNumber);

    // Bad pages and sizes: 400 naming the field.
    for (const [query, field] of [
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=two', 'page'],
      ['page=1.5', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=501', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
    ] as const) {
      const res = await get(`${url}?${query}`, leader);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ code: 'validation_failed', field });
      expect(res.json().error.message, query).toMatch(new RegExp(`^query\\.${field}: `));
    }

    // Files are the whole filtered roster whatever the page, their read audited with every student.
    const csv = await get(`${url}?format=csv&page=2&pageSize=2`, leader);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.trim().split('\r\n').slice(1);
    expect(rows.map((line) => line.split(',')[0])).toEqual(byRisk);
    const entries = (await audits('ewis_roster')).slice(-2);
    expect(entries.map((a) => a.action)).toEqual(['read', 'export']);
    const raw: unknown = entries[0]!.detail;
    expect(((typeof raw === 'string' ? JSON.parse(raw) : raw) as { students: string[] }).students).toEqual(byRisk);
    const highCsv = await get(`${url}?format=csv&level=high&pageSize=1`, leader);
    expect(highCsv.body.trim().split('\r\n')).toHaveLength(high.length + 1);
  });
});
