import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import { cookieHeader, createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/**
 * Plans over the API: the state template, SMART goals, the review workflow (every transition, allowed and refused),
 * who sees and changes what, coaching comments, history and the audit log. Demo users: the school leader's school
 * is Abington High (00010505), the district leader's district Abington (00010000), regional staff region `coastal`.
 */
describe.each(testBackends())('plans over the API on %s', (backend) => {
  let t: TestApp;
  const as = new Map<string, string>();
  let planId: number;
  let districtPlanId: number;
  let goalId: number;
  let stepId: number;

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: as.get(who)! } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const get = (url: string, who?: string) => req('GET', url, who);
  const post = (url: string, who: string | undefined, payload: unknown = {}) => req('POST', url, who, payload);
  const patch = (url: string, who: string | undefined, payload: unknown) => req('PATCH', url, who, payload);

  async function addUser(key: string, role: Role, scopeCode: string) {
    const email = `${key}@plans.test`;
    const password = 'plans-test-password-1';
    const res = await post('/api/users', 'state_admin', { email, displayName: key, role, scopeCode, password });
    expect(res.statusCode).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    as.set(key, cookieHeader(login));
  }

  const chronicAbsenceGoal = {
    practice: 'climate_culture',
    statement: 'Reduce chronic absence at Abington High from 28.7% to 19.7% by 2026-27',
    indicatorCode: 'chronic_absence_pct',
    studentGroup: 'all',
    baselineValue: 28.7,
    baselineYear: 2024,
    targetValue: 19.7,
    targetYear: 2027,
    targetDate: '2027-06-30',
    owner: 'Assistant principal for student support',
  };

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = new Date('2026-03-01T12:00:00Z');
    for (const role of [
      'state_admin',
      'state_staff',
      'regional_staff',
      'district_leader',
      'school_leader',
      'vendor',
    ] as const)
      as.set(role, await signInAs(t.app, role));
    await addUser('other_school', 'school_leader', '00200505'); // Barnstable High, also coastal
    await addUser('other_district', 'district_leader', '03480000'); // Worcester, west-central
    await addUser('other_region', 'regional_staff', 'west-central');
  }, 240_000);
  afterAll(async () => t?.close());

  it('documents the plan routes, with who may call them, in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/api/plans'))
        .sort(),
    ).toEqual([
      '/api/plans',
      '/api/plans/regions/{regionCode}',
      '/api/plans/settings/progress',
      '/api/plans/{id}',
      '/api/plans/{id}/action-steps',
      '/api/plans/{id}/action-steps/{partId}',
      '/api/plans/{id}/approve',
      '/api/plans/{id}/benchmarks',
      '/api/plans/{id}/benchmarks/{partId}',
      '/api/plans/{id}/comments',
      '/api/plans/{id}/dashboard',
      '/api/plans/{id}/goals',
      '/api/plans/{id}/goals/{partId}',
      '/api/plans/{id}/history',
      '/api/plans/{id}/return',
      '/api/plans/{id}/submit',
    ]);
    expect(doc.paths['/api/plans/{id}'].get.description).toContain('every read is written to the audit log');
  });

  it('refuses signed-out callers (401) and site-visit vendors (403) everywhere', async () => {
    for (const [method, url] of [
      ['GET', '/api/plans'],
      ['POST', '/api/plans'],
      ['GET', '/api/plans/1'],
      ['GET', '/api/plans/1/history'],
      ['GET', '/api/plans/1/dashboard'],
      ['POST', '/api/plans/1/submit'],
      ['POST', '/api/plans/1/approve'],
      ['GET', '/api/plans/regions/coastal'],
    ] as const) {
      expect((await req(method, url, undefined, method === 'POST' ? {} : undefined)).statusCode, url).toBe(401);
      expect((await req(method, url, 'vendor', method === 'POST' ? {} : undefined)).statusCode, url).toBe(403);
    }
  });

  it('lets the school team start a plan from the state template, in its own scope only', async () => {
    const body = {
      orgCode: '00010505',
      kind: 'turnaround',
      title: 'Abington High turnaround plan',
      startYear: 2025,
      endYear: 2027,
      executiveSummary: 'Attendance and instruction first.',
      stakeholders: [
        { name: 'Maria Costa', role: 'Parent' },
        { name: 'James Lee', role: 'Teacher' },
      ],
    };
    expect((await post('/api/plans', 'other_school', body)).statusCode).toBe(403);
    const reviewer = await post('/api/plans', 'regional_staff', body);
    expect(reviewer.statusCode).toBe(403);
    const res = await post('/api/plans', 'school_leader', body);
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan).toMatchObject({
      org: { code: '00010505', name: 'Abington High', level: 'school' },
      regionCode: 'coastal',
      status: 'draft',
      stakeholders: body.stakeholders,
      permissions: { edit: true, submit: true, review: false, comment: false },
    });
    expect(plan.practices.map((p: { key: string }) => p.key)).toEqual([
      'leadership',
      'instruction',
      'student_supports',
      'climate_culture',
    ]);
    expect(plan.blocks.leadership).toEqual({ dataAnalysis: '', strategies: '', districtSupport: '' });

    const again = await post('/api/plans', 'school_leader', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already a turnaround plan');
    const backwards = await post('/api/plans', 'school_leader', { ...body, kind: 'improvement', endYear: 2024 });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.field).toBe('endYear');
    const unknown = await post('/api/plans', 'school_leader', { ...body, orgCode: '99999999' });
    expect(unknown.json().error.field).toBe('orgCode');

    const district = await post('/api/plans', 'district_leader', {
      ...body,
      orgCode: '00010000',
      title: 'Abington district plan',
    });
    expect(district.statusCode).toBe(201);
    districtPlanId = district.json().id;
  });

  it('shows each plan to its school, its district, its region and the state only', async () => {
    const visible: [string, number][] = [
      ['school_leader', 200],
      ['district_leader', 200],
      ['regional_staff', 200],
      ['state_staff', 200],
      ['state_admin', 200],
      ['other_school', 403],
      ['other_district', 403],
      ['other_region', 403],
      ['vendor', 403],
    ];
    for (const [who, status] of visible)
      for (const url of [`/api/plans/${planId}`, `/api/plans/${planId}/dashboard`, `/api/plans/${planId}/history`])
        expect((await get(url, who)).statusCode, `${who} ${url}`).toBe(status);
    const listed = async (who: string) =>
      ((await get('/api/plans', who)).json().items as { id: number }[]).map((p) => p.id).sort();
    expect(await listed('school_leader')).toEqual([planId]); // not the district's own plan
    expect(await listed('district_leader')).toEqual([planId, districtPlanId].sort());
    expect(await listed('regional_staff')).toEqual([planId, districtPlanId].sort());
    expect(await listed('state_staff')).toEqual([planId, districtPlanId].sort());
    expect(await listed('other_school')).toEqual([]);
    expect(await listed('other_district')).toEqual([]);
    expect(await listed('other_region')).toEqual([]);
    expect((await get('/api/plans?org=00010505', 'other_school')).statusCode).toBe(403);
    expect((await get('/api/plans?org=00010505&status=draft&year=2026', 'district_leader')).json().items).toHaveLength(
      1,
    );
    expect((await get('/api/plans/999999', 'state_staff')).statusCode).toBe(404);

    // The regional caseload: regional staff of the region and state staff.
    expect((await get('/api/plans/regions/coastal', 'regional_staff')).statusCode).toBe(200);
    expect((await get('/api/plans/regions/coastal', 'state_staff')).statusCode).toBe(200);
    expect((await get('/api/plans/regions/coastal', 'other_region')).statusCode).toBe(403);
    expect((await get('/api/plans/regions/coastal', 'school_leader')).statusCode).toBe(403);
    expect((await get('/api/plans/regions/west-central', 'other_region')).json().items).toEqual([]);
  });

  it("lets the team change the plan's period while it is editable, refusing one out of order or already taken", async () => {
    const url = `/api/plans/${districtPlanId}`;
    expect((await patch(url, 'school_leader', { startYear: 2026 })).statusCode).toBe(403); // not the district's team
    expect((await patch(url, 'regional_staff', { startYear: 2026 })).statusCode).toBe(403);
    const moved = await patch(url, 'district_leader', { startYear: 2026, endYear: 2028 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startYear: 2026, endYear: 2028 });
    const history = (await get(`${url}/history`, 'district_leader')).json().items as {
      event: string;
      changes: unknown[];
    }[];
    expect(history.at(-1)).toMatchObject({
      event: 'plan_update',
      changes: [
        { field: 'startYear', before: 2025, after: 2026 },
        { field: 'endYear', before: 2027, after: 2028 },
      ],
    });
    // The end before the start: 400 naming endYear, whichever side was sent.
    const backwards = await patch(url, 'district_leader', { endYear: 2025 });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ field: 'endYear' });
    expect(backwards.json().error.message).toContain('2024-25');
    // A period another plan of the same kind holds: 409 naming that plan.
    const other = await post('/api/plans', 'district_leader', {
      orgCode: '00010000',
      kind: 'turnaround',
      title: 'Abington district plan, next period',
      startYear: 2030,
      endYear: 2031,
    });
    expect(other.statusCode).toBe(201);
    const taken = await patch(`/api/plans/${other.json().id}`, 'district_leader', { startYear: 2026, endYear: 2028 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain(
      `already a turnaround plan for this organization for 2025-26 to 2027-28 (plan ${districtPlanId}, draft)`,
    );
    expect((await get(`/api/plans/${other.json().id}`, 'district_leader')).json()).toMatchObject({
      startYear: 2030,
      endYear: 2031,
    });
    // Back to the period the later tests expect.
    expect((await patch(url, 'district_leader', { startYear: 2025, endYear: 2027 })).statusCode).toBe(200);
  });

  it('lets the team write the template sections; nobody else', async () => {
    const edit = {
      executiveSummary: 'Attendance, instruction and family engagement.',
      blocks: { leadership: { strategies: 'Weekly instructional leadership team meetings.' } },
    };
    expect((await patch(`/api/plans/${planId}`, 'other_school', edit)).statusCode).toBe(403);
    expect((await patch(`/api/plans/${planId}`, 'regional_staff', edit)).statusCode).toBe(403);
    expect((await patch(`/api/plans/${planId}`, 'state_admin', edit)).statusCode).toBe(403);
    expect((await patch(`/api/plans/${planId}`, 'other_district', edit)).statusCode).toBe(403);
    const res = await patch(`/api/plans/${planId}`, 'school_leader', edit);
    expect(res.statusCode).toBe(200);
    expect(res.json().executiveSummary).toBe(edit.executiveSummary);
    expect(res.json().blocks.leadership).toEqual({
      dataAnalysis: '',
      strategies: 'Weekly instructional leadership team meetings.',
      districtSupport: '',
    });
    const cover = await patch(`/api/plans/${planId}`, 'district_leader', {
      cover: {
        superintendent: 'Dr. Pat Doe',
        superintendentSignedOn: '2025-08-15',
        designationYear: 2024,
        exitEligibleYear: 2027,
      },
    });
    expect(cover.statusCode).toBe(200);
    expect(cover.json().cover).toEqual({
      superintendent: 'Dr. Pat Doe',
      superintendentSignedOn: '2025-08-15',
      submittedToStakeholdersOn: null,
      submittedToSchoolCommitteeOn: null,
      submittedToStateOn: null,
      designationYear: 2024,
      exitEligibleYear: 2027,
    });
    const badCover = await patch(`/api/plans/${planId}`, 'school_leader', { cover: { exitEligibleYear: 2023 } });
    expect(badCover.statusCode).toBe(400);
    expect(badCover.json().error.field).toBe('cover.exitEligibleYear');
    const badDate = await patch(`/api/plans/${planId}`, 'school_leader', {
      cover: { submittedToStateOn: '2025-02-30' },
    });
    expect(badDate.json().error.field).toBe('cover.submittedToStateOn');
    // Saving the same text again changes nothing and adds nothing to the history.
    expect((await patch(`/api/plans/${planId}`, 'school_leader', edit)).statusCode).toBe(200);
    const bad = await patch(`/api/plans/${planId}`, 'school_leader', { blocks: { finance: { strategies: 'x' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('blocks');
  });

  it('adds SMART goals linked to catalog indicators or local measures, and refuses goals that are not', async () => {
    const res = await post(`/api/plans/${planId}/goals`, 'school_leader', chronicAbsenceGoal);
    expect(res.statusCode).toBe(200);
    const goal = res.json().goals[0];
    goalId = goal.id;
    expect(goal).toMatchObject({
      indicatorCode: 'chronic_absence_pct',
      studentGroup: 'all',
      unit: 'percent',
      direction: 'lower_is_better',
      baselineValue: 28.7,
      targetValue: 19.7,
      targetDate: '2027-06-30',
    });
    const refused: [Record<string, unknown>, string, string][] = [
      [{ targetValue: 30 }, 'targetValue', 'lower is better'],
      [{ targetYear: 2024 }, 'targetYear', 'must come after the baseline year'],
      [{ targetDate: '2024-05-01' }, 'targetDate', 'must come after the baseline school year'],
      [{ indicatorCode: 'no_such_indicator' }, 'indicatorCode', 'no indicator'],
      [{ indicatorCode: 'enrollment_total' }, 'indicatorCode', 'context only'],
      [{ studentGroup: 'no_such_group' }, 'studentGroup', 'no student group'],
      [{ indicatorCode: null }, 'indicatorCode', 'Link the goal'],
      [
        { localMeasure: { name: 'Walkthroughs', unit: 'count', direction: 'higher_is_better' } },
        'localMeasure',
        'not both',
      ],
      [{ baselineValue: 128.7 }, 'baselineValue', 'between 0 and 100'],
      [{ owner: '' }, 'owner', ''],
      // No indicator values are stored in this database: the baseline cannot come from the data.
      [{ baselineValue: undefined }, 'baselineValue', 'No value of Chronically absent'],
    ];
    for (const [change, field, message] of refused) {
      const r = await post(`/api/plans/${planId}/goals`, 'school_leader', { ...chronicAbsenceGoal, ...change });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.field, JSON.stringify(change)).toBe(field);
      expect(r.json().error.message).toContain(message);
    }
    const local = await post(`/api/plans/${planId}/goals`, 'school_leader', {
      statement: 'Every teacher observed and given feedback twice a month',
      localMeasure: {
        name: 'Observations with feedback per teacher per month',
        unit: 'count',
        direction: 'higher_is_better',
      },
      baselineValue: 0.5,
      baselineYear: 2025,
      targetValue: 2,
      targetYear: 2026,
      owner: 'Principal',
    });
    expect(local.statusCode).toBe(200);
    const localGoal = local.json().goals[1];
    expect(localGoal.localMeasure.name).toBe('Observations with feedback per teacher per month');
    const lowered = await patch(`/api/plans/${planId}/goals/${localGoal.id}`, 'school_leader', { targetValue: 0.2 });
    expect(lowered.json().error.field).toBe('targetValue');
    const changed = await patch(`/api/plans/${planId}/goals/${localGoal.id}`, 'school_leader', { targetValue: 3 });
    expect(changed.json().goals[1].targetValue).toBe(3);
    // Switching the measure to a catalog indicator drops the local measure; the whole goal is checked again.
    const switched = await patch(`/api/plans/${planId}/goals/${localGoal.id}`, 'school_leader', {
      indicatorCode: 'attendance_rate',
      baselineYear: 2024,
      baselineValue: 90.4,
      targetValue: 80,
    });
    expect(switched.json().error.field).toBe('targetValue');
    const relinked = await patch(`/api/plans/${planId}/goals/${localGoal.id}`, 'school_leader', {
      indicatorCode: 'attendance_rate',
      baselineYear: 2024,
      baselineValue: 90.4,
      targetValue: 93.4,
    });
    expect(relinked.json().goals[1]).toMatchObject({
      indicatorCode: 'attendance_rate',
      studentGroup: 'all',
      localMeasure: null,
      direction: 'higher_is_better',
      unit: 'percent',
    });
    expect(
      (await req('DELETE', `/api/plans/${planId}/goals/${localGoal.id}`, 'school_leader')).json().goals,
    ).toHaveLength(1);
    expect((await post(`/api/plans/${planId}/goals`, 'other_school', chronicAbsenceGoal)).statusCode).toBe(403);
  });

  it('adds interim benchmarks and action steps', async () => {
    const b = await post(`/api/plans/${planId}/benchmarks`, 'school_leader', {
      goalId,
      kind: 'student',
      description: 'Chronic absence in the first half-year below 25%',
      measure: 'SIS attendance report, January',
      dueDate: '2026-02-01',
    });
    expect(b.statusCode).toBe(200);
    expect(b.json().benchmarks[0]).toMatchObject({ kind: 'student', status: 'not_started', dueDate: '2026-02-01' });
    const a = await post(`/api/plans/${planId}/action-steps`, 'school_leader', {
      goalId,
      practice: 'climate_culture',
      description: 'Start an attendance team that meets weekly',
      owner: 'Assistant principal',
      dueDate: '2026-03-15',
    });
    expect(a.statusCode).toBe(200);
    stepId = a.json().actionSteps[0].id;
    const extra = await post(`/api/plans/${planId}/action-steps`, 'school_leader', {
      description: 'A step to remove',
      owner: 'Principal',
      dueDate: '2026-04-01',
    });
    const extraId = extra.json().actionSteps[1].id;
    expect((await req('DELETE', `/api/plans/${planId}/action-steps/${extraId}`, 'regional_staff')).statusCode).toBe(
      403,
    );
    const removed = await req('DELETE', `/api/plans/${planId}/action-steps/${extraId}`, 'school_leader');
    expect(removed.json().actionSteps).toHaveLength(1);
    const benchmarkId = b.json().benchmarks[0].id;
    const moved = await patch(`/api/plans/${planId}/benchmarks/${benchmarkId}`, 'school_leader', {
      dueDate: '2026-02-15',
    });
    expect(moved.json().benchmarks[0].dueDate).toBe('2026-02-15');
    expect(
      (await patch(`/api/plans/${planId}/benchmarks/${benchmarkId}`, 'other_school', { status: 'met' })).statusCode,
    ).toBe(403);
    const badGoal = await post(`/api/plans/${planId}/action-steps`, 'school_leader', {
      goalId: 999999,
      description: 'x',
      owner: 'y',
      dueDate: '2026-03-15',
    });
    expect(badGoal.json().error.field).toBe('goalId');
    const badStatus = await patch(`/api/plans/${planId}/action-steps/${stepId}`, 'school_leader', {
      status: 'finished',
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.field).toBe('status');
  });

  it('runs the review workflow: draft -> submitted -> returned -> submitted -> approved, refusing the rest', async () => {
    const url = (action: string) => `/api/plans/${planId}/${action}`;
    const comment = {
      practice: 'climate_culture',
      strength: 'The attendance data analysis is thorough.',
      improvement: 'Name who follows up with each chronically absent student.',
      guidingQuestions: 'How will families be contacted after the third absence?',
      expectedOutcomes: 'Fewer students absent 10% or more by January.',
      nextSteps: 'An attendance follow-up protocol in the revised plan.',
    };
    // From draft: only the team's submit.
    for (const action of ['return', 'approve']) {
      const r = await post(url(action), 'regional_staff', action === 'return' ? { comment } : {});
      expect(r.statusCode, `${action} ${r.body}`).toBe(409);
      expect(r.json().error.message).toContain('it is a draft');
    }
    expect((await post(url('submit'), 'regional_staff')).statusCode).toBe(403);
    expect((await post(url('submit'), 'other_school')).statusCode).toBe(403);
    const submitted = await post(url('submit'), 'school_leader');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', permissions: { edit: false, submit: false } });

    // Submitted: no edits, no second submit; reviewers of the region or the state return or approve.
    const again = await post(url('submit'), 'school_leader');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'The plan cannot be submitted because it is submitted and under review: wait for the reviewer to return it with comments or approve it. A plan can be submitted only when it is draft or returned.',
    );
    const edit = await patch(`/api/plans/${planId}`, 'school_leader', { title: 'New title' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('submitted and under review');
    expect((await post(`/api/plans/${planId}/goals`, 'school_leader', chronicAbsenceGoal)).statusCode).toBe(409);
    expect(
      (await patch(`/api/plans/${planId}/action-steps/${stepId}`, 'school_leader', { status: 'in_progress' }))
        .statusCode,
    ).toBe(409);
    expect((await post(url('return'), 'school_leader', { comment })).statusCode).toBe(403);
    expect((await post(url('approve'), 'district_leader')).statusCode).toBe(403);
    expect((await post(url('return'), 'other_region', { comment })).statusCode).toBe(403);
    expect((await get(`/api/plans/${planId}`, 'regional_staff')).json().permissions).toMatchObject({
      review: true,
      comment: true,
    });
    const noComment = await post(url('return'), 'regional_staff', {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.field).toBe('comment');
    const emptyComment = await post(url('return'), 'regional_staff', { comment: { practice: 'leadership' } });
    expect(emptyComment.statusCode).toBe(400);
    const returned = await post(url('return'), 'regional_staff', { comment });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().comments[0]).toMatchObject({
      ...comment,
      planStatus: 'submitted',
      author: { role: 'regional_staff' },
    });

    // Returned: the team revises (the district leader too) and submits again; reviewers cannot approve it yet.
    const early = await t.app.inject({
      method: 'POST',
      url: url('approve'),
      headers: { cookie: as.get('state_staff')! },
    });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.message).toContain('returned with comments');
    expect((await post(url('return'), 'regional_staff', { comment })).statusCode).toBe(409);
    const revised = await patch(`/api/plans/${planId}`, 'district_leader', {
      blocks: { climate_culture: { strategies: 'Attendance team calls families after the third absence.' } },
    });
    expect(revised.statusCode).toBe(200);
    expect((await post(url('submit'), 'school_leader')).json().status).toBe('submitted');
    const approved = await post(url('approve'), 'state_staff', {
      comment: { strength: 'A clear attendance protocol.', nextSteps: 'Report the January benchmark.' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      permissions: { edit: false, submit: false, review: false },
    });
    expect(approved.json().approvedAt).not.toBeNull();

    // Approved: nothing more to do to its status; content frozen, but progress on steps and benchmarks goes on.
    for (const [action, who] of [
      ['submit', 'school_leader'],
      ['return', 'regional_staff'],
      ['approve', 'state_admin'],
    ] as const) {
      const r = await post(url(action), who, action === 'return' ? { comment } : {});
      expect(r.statusCode, action).toBe(409);
      expect(r.json().error.message).toContain('it is approved');
    }
    const frozen = await patch(`/api/plans/${planId}`, 'school_leader', { title: 'New title' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('it is approved');
    expect((await req('DELETE', `/api/plans/${planId}/goals/${goalId}`, 'school_leader')).statusCode).toBe(409);
    const content = await patch(`/api/plans/${planId}/action-steps/${stepId}`, 'school_leader', { owner: 'Principal' });
    expect(content.statusCode).toBe(409);
    expect(content.json().error.message).toContain('only the status can be updated now');
    const progress = await patch(`/api/plans/${planId}/action-steps/${stepId}`, 'school_leader', { status: 'done' });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().actionSteps[0].status).toBe('done');
    const benchmarkId = progress.json().benchmarks[0].id;
    const met = await patch(`/api/plans/${planId}/benchmarks/${benchmarkId}`, 'school_leader', { status: 'met' });
    expect(met.json().benchmarks[0].status).toBe('met');
    expect((await req('DELETE', `/api/plans/${planId}/benchmarks/${benchmarkId}`, 'school_leader')).statusCode).toBe(
      409,
    );
  });

  it('takes coaching comments on the plan or a block from reviewers only', async () => {
    const c = { practice: 'instruction', improvement: 'Tie the observation cycle to the instruction goal.' };
    expect((await post(`/api/plans/${planId}/comments`, 'school_leader', c)).statusCode).toBe(403);
    expect((await post(`/api/plans/${planId}/comments`, 'other_region', c)).statusCode).toBe(403);
    expect(
      (await post(`/api/plans/${planId}/comments`, 'regional_staff', { practice: 'instruction' })).statusCode,
    ).toBe(400);
    const res = await post(`/api/plans/${planId}/comments`, 'regional_staff', c);
    expect(res.statusCode).toBe(200);
    expect(res.json().comments.at(-1)).toMatchObject({ ...c, planStatus: 'approved' });
  });

  it('keeps every change in the history, field by field, and in the audit log', async () => {
    expect((await get(`/api/plans/${planId}/history`, 'other_school')).statusCode).toBe(403);
    const res = await get(`/api/plans/${planId}/history`, 'school_leader');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      event: string;
      entity: string;
      user: { email: string };
      at: string;
      changes: { field: string; before: unknown; after: unknown }[];
    }[];
    expect(items.map((h) => h.event)).toEqual([
      'plan_create',
      'plan_update',
      'plan_update',
      'goal_create',
      'goal_create',
      'goal_update',
      'goal_update',
      'goal_delete',
      'benchmark_create',
      'action_step_create',
      'action_step_create',
      'action_step_delete',
      'benchmark_update',
      'submit',
      'comment_create',
      'return',
      'plan_update',
      'submit',
      'comment_create',
      'approve',
      'action_step_update',
      'benchmark_update',
      'comment_create',
    ]);
    expect(items[1]!.changes).toEqual([
      {
        field: 'executiveSummary',
        before: 'Attendance and instruction first.',
        after: 'Attendance, instruction and family engagement.',
      },
      { field: 'blocks.leadership.strategies', before: '', after: 'Weekly instructional leadership team meetings.' },
    ]);
    expect(items[2]!.changes).toEqual([
      { field: 'cover.superintendent', before: null, after: 'Dr. Pat Doe' },
      { field: 'cover.superintendentSignedOn', before: null, after: '2025-08-15' },
      { field: 'cover.designationYear', before: null, after: 2024 },
      { field: 'cover.exitEligibleYear', before: null, after: 2027 },
    ]);
    expect(items[5]!.changes).toEqual([{ field: 'targetValue', before: 2, after: 3 }]);
    expect(items[15]).toMatchObject({
      user: { email: 'coastal@demo.ssos.example' },
      changes: [{ field: 'status', before: 'submitted', after: 'returned' }],
    });
    expect(items[16]!.user.email).toBe('district@demo.ssos.example');
    expect(items[20]!.changes).toEqual([{ field: 'status', before: 'not_started', after: 'done' }]);
    expect(items[0]!.at).toBe('2026-03-01T12:00:00.000Z');

    const audit = (await get(`/api/audit?resourceType=plan&limit=500`, 'state_admin')).json().items as {
      action: string;
      resourceId: string;
      detail: { event?: string };
    }[];
    const events = audit
      .filter((a) => a.resourceId === String(planId) && a.action !== 'read')
      .map((a) => a.detail.event);
    expect(events.sort()).toEqual(items.map((h) => h.event).sort());
    // Reading the plan (it names people) is audited too.
    expect(audit.some((a) => a.resourceId === String(planId) && a.action === 'read')).toBe(true);
  });
});
