import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { apiCaller, seedAssistanceData, TODAY } from './assistance-fixtures.ts';

/**
 * The plan behind the assistance (issue 7 point 4, issue 8 point 5) over the API: each caseload and priority-queue
 * entry shows the organization's current plan with its goals counted by progress, and partner suggestions read the
 * Turnaround Practice strategies of the latest plan.
 */
describe.each(testBackends())('plans in caseloads, the priority queue and partner suggestions on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let planId: number;

  const blocks = (strategies: Record<string, string>) =>
    JSON.stringify(
      Object.fromEntries(
        ['leadership', 'instruction', 'student_supports', 'climate_culture'].map((k) => [
          k,
          { dataAnalysis: '', strategies: strategies[k] ?? '', districtSupport: '' },
        ]),
      ),
    );

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    const k = t.db.kysely;
    const orgId = async (code: string) =>
      (await k.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const high = await orgId('02930505');
    // An older plan (its leadership strategies no longer count) and the current one.
    await k
      .insertInto('plans')
      .values({
        org_id: high,
        kind: 'turnaround',
        title: 'Taunton High turnaround plan 2023',
        start_year: 2023,
        end_year: 2025,
        status: 'approved',
        blocks: blocks({ leadership: 'Distributed leadership teams.' }),
      })
      .execute();
    planId = (
      await k
        .insertInto('plans')
        .values({
          org_id: high,
          kind: 'turnaround',
          title: 'Taunton High turnaround plan',
          start_year: 2026,
          end_year: 2028,
          status: 'submitted',
          blocks: blocks({ instruction: 'Common planning time for grade 9 mathematics.' }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Five goals, one of each progress status (the tolerance is 10% of the planned change):
    // chronic absence 30 -> 15 (2025 -> 2028), 25 in 2026: the trajectory's 25 exactly: on track;
    // graduation 80 -> 90 (2025 -> 2027), 81 in 2026: trajectory 85, 4 behind (tolerance 1): off track;
    // attendance 90 -> 92 (2025 -> 2027), 93 in 2026: met; advanced coursework: nothing after 2025: no data;
    // a local measure: not linked to data.
    const goal = (indicator: string | null, baseline: number, target: number, targetYear: number) => ({
      plan_id: planId,
      statement: `Goal on ${indicator ?? 'a local measure'}`,
      indicator_code: indicator,
      student_group: indicator ? 'all' : null,
      local_measure_name: indicator ? null : 'Walkthrough look-fors observed',
      local_measure_unit: indicator ? null : 'percent',
      local_measure_direction: indicator ? null : ('higher_is_better' as const),
      baseline_value: baseline,
      baseline_year: 2025,
      target_value: target,
      target_year: targetYear,
      owner: 'Principal',
    });
    await k
      .insertInto('plan_goals')
      .values([
        goal('chronic_absence_pct', 30, 15, 2028),
        goal('graduation_4yr_pct', 80, 90, 2027),
        goal('attendance_rate', 90, 92, 2027),
        goal('advanced_coursework_pct', 40, 50, 2027),
        goal(null, 20, 60, 2027),
      ])
      .execute();
    for (const [indicator, value] of [
      ['chronic_absence_pct', 25],
      ['graduation_4yr_pct', 81],
      ['attendance_rate', 93],
      ['advanced_coursework_pct', 41],
    ] as const)
      await k
        .insertInto('indicator_values')
        .values({
          indicator_code: indicator,
          org_id: high,
          school_year: indicator === 'advanced_coursework_pct' ? 2025 : 2026,
          student_group: 'all',
          value,
          n: 800,
        })
        .execute();
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);

  const currentPlan = {
    title: 'Taunton High turnaround plan',
    kind: 'turnaround',
    status: 'submitted',
    startYear: 2026,
    endYear: 2028,
    goalCounts: { met: 1, on_track: 1, off_track: 1, no_data: 1, not_linked: 1 },
  };

  it('shows each caseload entry’s current plan with its goal progress counts', async () => {
    const userId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('email', '=', demoUserOf('regional_staff').email)
        .executeTakeFirstOrThrow()
    ).id;
    const staff = await call('POST', '/api/assistance/staff', coastal, {
      userId,
      regionCode: 'coastal',
      teamRole: 'principal_specialist',
      districtCodes: ['02930000'],
    });
    const caseload = (await call('GET', `/api/assistance/staff/${staff.json().id}/caseload`, state)).json();
    const byCode = new Map(caseload.items.map((i: { org: { code: string } }) => [i.org.code, i]));
    expect(byCode.get('02930505')).toMatchObject({ plan: { id: planId, ...currentPlan } });
    expect(byCode.get('02930000')).toMatchObject({ plan: null });
    const me = (await call('GET', '/api/assistance/me', coastal)).json();
    expect(me.caseload.items.find((i: { org: { code: string } }) => i.org.code === '02930505').plan).toEqual({
      id: planId,
      ...currentPlan,
    });
  });

  it('shows each priority-queue entry’s current plan', async () => {
    const queue = (await call('GET', '/api/assistance/regions/coastal/priority', coastal)).json();
    const high = queue.items.find((i: { org: { code: string } }) => i.org.code === '02930505');
    expect(high.plan).toEqual({ id: planId, ...currentPlan });
    expect(queue.items.find((i: { org: { code: string } }) => i.org.code === '00200505').plan).toBeNull();
  });

  it('suggests partners for the strategies of the latest plan, naming it', async () => {
    const partner = (name: string, frameworkCodes: string[]) => ({
      name,
      description: '',
      services: ['Coaching'],
      frameworkCodes,
      regionCodes: [],
      status: 'vetted',
      approvedOn: '2025-06-30',
      website: null,
    });
    for (const p of [partner('Instruction Partners', ['tp-2']), partner('Leadership Co', ['tp-1'])])
      expect((await call('POST', '/api/assistance/partners', state, p)).statusCode).toBe(201);
    const s = (await call('GET', '/api/orgs/02930505/partner-suggestions', coastal)).json();
    expect(s).toMatchObject({
      selfAssessment: null,
      needs: [],
      plan: { id: planId, title: 'Taunton High turnaround plan', status: 'submitted' },
      strategies: [{ code: 'tp-2', title: 'Turnaround Practice 2 (Intentional practices for improving instruction)' }],
    });
    // Leadership Co addresses Practice 1, whose strategies only the older plan wrote.
    expect(s.items).toEqual([
      expect.objectContaining({
        partner: expect.objectContaining({ name: 'Instruction Partners' }),
        matches: [],
        strategies: ['tp-2'],
        reason:
          'Supports the strategies for Turnaround Practice 2 (Intentional practices for improving instruction) in the plan "Taunton High turnaround plan" (2025-26 to 2027-28).',
      }),
    ]);
    const none = (await call('GET', '/api/orgs/02930000/partner-suggestions', coastal)).json();
    expect(none).toMatchObject({ plan: null, strategies: [], items: [] });
  });
});
