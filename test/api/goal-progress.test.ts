import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDeseFile } from '../../src/server/ingest/dese/dese-import.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/** DESE's school attendance report (dese-school-indicators/2C_1_attendance.csv): its header, as published. */
const ATTENDANCE_HEADER =
  'Raw likert calculation,Likert Score,Admin Data Item,Academic Year,School Name,DESE ID,Attendance Rate,Average # of Absences,Absent 10 or more days,Chronically Absent (10% or more),Chronically Absent (20% or more),Unexcused > 9 days';

/**
 * Goals update themselves when an import brings new indicator values: a plan for Abington High (00010505) with a
 * goal on chronic absence and one on the attendance rate is read after each of three imports through the DESE
 * importer the platform uses (the 2023-24 and 2024-25 rows are DESE's published figures; 2025-26 is made up).
 */
describe.each(testBackends())('self-updating goal progress on %s', (backend) => {
  let t: TestApp;
  let dir: string;
  let planId: number;
  const cookies = new Map<string, string>();

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, who: string | undefined, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookies.get(who)! } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  /** Imports one school year's attendance row for Abington High through the DESE importer. */
  async function importAttendance(year: string, row: string) {
    const file = path.join(dir, year, '2C_1_attendance.csv');
    await rm(path.dirname(file), { recursive: true, force: true });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${ATTENDANCE_HEADER}\n${row}\n`);
    const result = await importDeseFile(t.db, file);
    expect(result.error?.message).toBeUndefined();
    expect(result.status).toBe('imported');
  }

  type Goal = { statement: string; progress: Record<string, unknown> | null };
  async function dashboard(who = 'school_leader') {
    const res = await req('GET', `/api/plans/${planId}/dashboard`, who);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const goal = (prefix: string) => (body.goals as Goal[]).find((g) => g.statement.startsWith(prefix))!.progress;
    return {
      body,
      absence: goal('Reduce chronic'),
      attendance: goal('Raise attendance'),
      lowIncome: goal('Reduce chronic absence of low'),
      local: goal('Observe'),
    };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-goal-progress-'));
    t = await createTestApp(backend);
    t.clock.now = new Date('2026-03-01T12:00:00Z');
    for (const role of ['state_admin', 'state_staff', 'regional_staff', 'school_leader', 'vendor'] as const)
      cookies.set(role, await signInAs(t.app, role));
    const plan = await req('POST', '/api/plans', 'school_leader', {
      orgCode: '00010505',
      kind: 'turnaround',
      title: 'Abington High turnaround plan',
      startYear: 2025,
      endYear: 2027,
    });
    expect(plan.statusCode).toBe(201);
    planId = plan.json().id;
    const goals = [
      // Lower is better: 28.7% -> 19.7% over 3 years, 3 points a year.
      {
        statement: 'Reduce chronic absence from 28.7% to 19.7% by 2026-27',
        indicatorCode: 'chronic_absence_pct',
        baselineValue: 28.7,
        baselineYear: 2024,
        targetValue: 19.7,
        targetYear: 2027,
        owner: 'Assistant principal',
      },
      // Higher is better: 90.4% -> 93.4% over 3 years, 1 point a year.
      {
        statement: 'Raise attendance from 90.4% to 93.4% by 2026-27',
        indicatorCode: 'attendance_rate',
        baselineValue: 90.4,
        baselineYear: 2024,
        targetValue: 93.4,
        targetYear: 2027,
        owner: 'Principal',
      },
      // A student group the attendance report does not break out: never any data.
      {
        statement: 'Reduce chronic absence of low-income students from 35% to 25% by 2026-27',
        indicatorCode: 'chronic_absence_pct',
        studentGroup: 'low_income',
        baselineValue: 35,
        baselineYear: 2024,
        targetValue: 25,
        targetYear: 2027,
        owner: 'Assistant principal',
      },
      {
        statement: 'Observe every classroom twice a month',
        localMeasure: { name: 'Observations per classroom per month', unit: 'count', direction: 'higher_is_better' },
        baselineValue: 0.5,
        baselineYear: 2025,
        targetValue: 2,
        targetYear: 2026,
        owner: 'Principal',
      },
    ];
    for (const g of goals)
      expect((await req('POST', `/api/plans/${planId}/goals`, 'school_leader', g)).statusCode).toBe(200);
    // Action steps: overdue, due soon (within 30 days of 2026-03-01), done, later.
    for (const [dueDate, status] of [
      ['2026-02-15', 'not_started'],
      ['2026-03-20', 'in_progress'],
      ['2026-02-01', 'done'],
      ['2026-06-01', 'not_started'],
    ])
      await req('POST', `/api/plans/${planId}/action-steps`, 'school_leader', {
        description: `Step due ${dueDate}`,
        owner: 'Principal',
        dueDate,
        status,
      });
    for (const [dueDate, status] of [
      ['2026-02-01', 'not_started'],
      ['2026-01-15', 'met'],
      ['2026-05-01', 'in_progress'],
    ])
      await req('POST', `/api/plans/${planId}/benchmarks`, 'school_leader', {
        kind: 'adult',
        description: `Benchmark due ${dueDate}`,
        measure: 'Walkthrough log',
        dueDate,
        status,
      });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts action steps due and overdue and benchmark status on the dashboard', async () => {
    const { body } = await dashboard();
    expect(body.asOf).toBe('2026-03-01');
    expect(body.actionSteps).toEqual({
      total: 4,
      byStatus: { not_started: 2, in_progress: 1, done: 1, blocked: 0 },
      dueSoon: 1,
      overdue: 1,
    });
    expect(body.benchmarks).toEqual({
      total: 3,
      byStatus: { not_started: 1, in_progress: 1, met: 1, not_met: 0 },
      overdue: 1,
    });
  });

  it('refuses the dashboard to vendors, signed-out callers and users out of scope', async () => {
    expect((await req('GET', `/api/plans/${planId}/dashboard`, undefined)).statusCode).toBe(401);
    expect((await req('GET', `/api/plans/${planId}/dashboard`, 'vendor')).statusCode).toBe(403);
    expect((await req('GET', `/api/plans/${planId}/dashboard`, 'regional_staff')).statusCode).toBe(200);
  });

  it('has no data before any value after the baseline year is imported', async () => {
    let d = await dashboard();
    expect(d.absence).toMatchObject({ status: 'no_data', latest: null, toleranceValue: 0.9 });
    await importAttendance(
      '2024',
      '-3.4799999999999995,1,a-vale-i1,2023-24,Abington-Abington High,00010505,  90.4,  16.6,  55.7,  28.7,   9.9,  42.4',
    );
    d = await dashboard();
    expect(d.absence!.status).toBe('no_data'); // the baseline year itself does not count
    expect(d.attendance!.status).toBe('no_data');
    expect(d.local).toBeNull();

    // With the 2023-24 value stored, a goal's baseline may be left to the data.
    const added = await req('POST', `/api/plans/${planId}/goals`, 'school_leader', {
      statement: 'Reduce severe chronic absence',
      indicatorCode: 'chronic_absence_20_pct',
      baselineYear: 2024,
      targetValue: 5,
      targetYear: 2027,
      owner: 'Assistant principal',
    });
    expect(added.statusCode).toBe(200);
    const goal = (added.json().goals as { id: number; baselineValue: number; statement: string }[]).at(-1)!;
    expect(goal).toMatchObject({ statement: 'Reduce severe chronic absence', baselineValue: 9.9 });
    const local = await req('POST', `/api/plans/${planId}/goals`, 'school_leader', {
      statement: 'Observe',
      localMeasure: { name: 'Observations', unit: 'count', direction: 'higher_is_better' },
      baselineYear: 2024,
      targetValue: 5,
      targetYear: 2027,
      owner: 'Principal',
    });
    expect(local.json().error.field).toBe('baselineValue');
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/plans/${planId}/goals/${goal.id}`,
      headers: { cookie: cookies.get('school_leader')! },
    });
    expect(deleted.statusCode).toBe(200);
  });

  it('turns off track (chronic absence) and on track (attendance) when the 2024-25 figures are imported', async () => {
    await importAttendance(
      '2025',
      '-2.6799999999999997,1,a-vale-i1,2024-25,Abington-Abington High,00010505,  91.7,  14.3,  56.0,  26.7,   8.8,  37.5',
    );
    const d = await dashboard();
    // Expected 2024-25: 28.7 - 9 x 1/3 = 25.7; latest 26.7 is 1.0 behind; tolerance 10% x 9 = 0.9.
    expect(d.absence).toEqual({
      status: 'off_track',
      latest: { value: 26.7, year: 2025 },
      expected: 25.7,
      gap: -1,
      remaining: 7,
      toleranceValue: 0.9,
    });
    // Expected 2024-25: 90.4 + 3 x 1/3 = 91.4; latest 91.7 is 0.3 ahead.
    expect(d.attendance).toEqual({
      status: 'on_track',
      latest: { value: 91.7, year: 2025 },
      expected: 91.4,
      gap: 0.3,
      remaining: 1.7,
      toleranceValue: 0.3,
    });
    expect(d.lowIncome!.status).toBe('no_data');
    expect(d.body.goalCounts).toEqual({ met: 0, on_track: 1, off_track: 1, no_data: 1, not_linked: 1 });
  });

  it('judges on track with a wider tolerance, which a state administrator sets', async () => {
    const url = '/api/plans/settings/progress';
    expect((await req('GET', url, 'school_leader')).json()).toEqual({ tolerance: 0.1 });
    expect((await req('PUT', url, 'state_staff', { tolerance: 0.2 })).statusCode).toBe(403);
    expect((await req('PUT', url, undefined, { tolerance: 0.2 })).statusCode).toBe(401);
    const bad = await req('PUT', url, 'state_admin', { tolerance: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('tolerance');
    expect((await req('PUT', url, 'state_admin', { tolerance: 0.2 })).statusCode).toBe(200);
    const d = await dashboard();
    // 20% x 9 = 1.8 points: 1.0 behind is within it.
    expect(d.absence).toMatchObject({ status: 'on_track', gap: -1, toleranceValue: 1.8 });
    expect(d.body.tolerance).toBe(0.2);
    await req('PUT', url, 'state_admin', { tolerance: 0.1 });
  });

  it('turns met (chronic absence) and off track (attendance) when the 2025-26 figures are imported', async () => {
    await importAttendance(
      '2026',
      '1,1,a-vale-i1,2025-26,Abington-Abington High,00010505,  92.0,  13.0,  50.0,  19.5,   7.0,  30.0',
    );
    const d = await dashboard();
    // Expected 2025-26: 28.7 - 9 x 2/3 = 22.7; latest 19.5 is below the 19.7 target: met, 0.2 beyond it.
    expect(d.absence).toEqual({
      status: 'met',
      latest: { value: 19.5, year: 2026 },
      expected: 22.7,
      gap: 3.2,
      remaining: -0.2,
      toleranceValue: 0.9,
    });
    // Expected 2025-26: 90.4 + 3 x 2/3 = 92.4; latest 92.0 is 0.4 behind, more than the 0.3 tolerance.
    expect(d.attendance).toEqual({
      status: 'off_track',
      latest: { value: 92, year: 2026 },
      expected: 92.4,
      gap: -0.4,
      remaining: 1.4,
      toleranceValue: 0.3,
    });
    expect(d.body.goalCounts).toEqual({ met: 1, on_track: 0, off_track: 1, no_data: 1, not_linked: 1 });
  });

  it('shows the goal status counts on the regional caseload', async () => {
    const res = await req('GET', '/api/plans/regions/coastal', 'regional_staff');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      region: { code: 'coastal', level: 'region' },
      tolerance: 0.1,
      items: [
        {
          id: planId,
          org: { code: '00010505' },
          status: 'draft',
          goalCounts: { met: 1, on_track: 0, off_track: 1, no_data: 1, not_linked: 1 },
        },
      ],
    });
    expect((await req('GET', '/api/plans/regions/nowhere', 'state_staff')).statusCode).toBe(404);
  });
});
