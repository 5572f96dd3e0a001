import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import {
  addWestStaff,
  apiCaller,
  districtEnrollment,
  insertValues,
  orgIdOf,
  seedAssistanceData,
  signInWest,
  TODAY,
} from './assistance-fixtures.ts';

/**
 * Grants after allocation over the API: applications from draft to award or decline, awards within the final
 * allocation line, budget lines tied to plan strategies, expenditure reports within each line, and the
 * spent-vs-awarded dashboards, with who may do what.
 */
describe.each(testBackends())('grant applications, awards and spending over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let school: string;
  let vendor: string;
  let programId: number;
  let schoolProgramId: number;
  let allocationId: number;
  let abingtonApp: number;
  let abingtonAward: number;
  let barnstableApp: number;
  let planId: number;
  let otherPlanId: number;
  let stepId: number;
  const lines: Record<string, number> = {};
  let firstReport: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    const k = t.db.kysely;
    const orgId = (code: string) => orgIdOf(t.db, code);
    await insertValues(t.db, 'enrollment_total', 2026, districtEnrollment);
    // Abington's improvement plan: strategies written for Turnaround Practice 2, one action step.
    const blocks = (instruction: string) =>
      JSON.stringify({
        leadership: { dataAnalysis: '', strategies: '', districtSupport: '' },
        instruction: { dataAnalysis: '', strategies: instruction, districtSupport: '' },
        student_supports: { dataAnalysis: '', strategies: '', districtSupport: '' },
        climate_culture: { dataAnalysis: '', strategies: '', districtSupport: '' },
      });
    planId = (
      await k
        .insertInto('plans')
        .values({
          org_id: await orgId('00010000'),
          kind: 'improvement',
          title: 'Abington district improvement plan',
          start_year: 2026,
          end_year: 2028,
          blocks: blocks('Instructional coaching in every grade 6-12 math classroom.'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    stepId = (
      await k
        .insertInto('plan_action_steps')
        .values({
          plan_id: planId,
          practice: 'instruction',
          description: 'Buy high-quality math materials',
          owner: 'Curriculum director',
          due_date: '2027-03-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    otherPlanId = (
      await k
        .insertInto('plans')
        .values({
          org_id: await orgId('00200000'),
          kind: 'improvement',
          title: 'Barnstable plan',
          start_year: 2026,
          end_year: 2027,
          blocks: blocks(''),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addWestStaff(t.db);
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);

    const program = await call('POST', '/api/assistance/grants/programs', state, {
      fundCode: 'FC-511',
      name: 'District capacity grant',
      source: 'state',
      recipientLevel: 'district',
      eligibility: { all: [{ field: 'enrollment', op: 'gte', value: 1000 }] },
      formula: { baseCents: 5_000_000, perPupilCents: 1_000, minCents: 6_000_000, maxCents: 20_000_000 },
    });
    programId = program.json().id;
    // The hand-worked allocation of assistance-grants.test.ts: Abington 7,843,137 cents, Barnstable 10,644,258.
    const allocation = await call('POST', `/api/assistance/grants/programs/${programId}/allocations`, state, {
      fiscalYear: 2027,
      budgetCents: 60_000_000,
    });
    allocationId = allocation.json().id;
    schoolProgramId = (
      await call('POST', '/api/assistance/grants/programs', state, {
        fundCode: 'SIF-1003',
        name: 'School improvement fund',
        source: 'federal',
        recipientLevel: 'school',
        eligibility: { all: [{ field: 'requiringAssistance', op: 'eq', value: true }] },
        formula: { baseCents: 1_000_000, perPupilCents: 0, minCents: null, maxCents: null },
      })
    ).json().id;
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);

  const apply = (orgCode: string, requestedCents: number, over: Record<string, unknown> = {}) => ({
    programId,
    fiscalYear: 2027,
    orgCode,
    requestedCents,
    narrative: 'Math coaching for grades 6-12.',
    ...over,
  });

  it('lets leaders apply for their own eligible organization, and refuses the rest', async () => {
    const url = '/api/assistance/grants/applications';
    expect((await call('POST', url, undefined, apply('00010000', 8_000_000))).statusCode).toBe(401);
    expect((await call('POST', url, coastal, apply('00010000', 8_000_000))).statusCode).toBe(403);
    expect((await call('POST', url, vendor, apply('00010000', 8_000_000))).statusCode).toBe(403);
    expect((await call('POST', url, district, apply('00200000', 8_000_000))).statusCode).toBe(403);
    const created = await call('POST', url, district, apply('00010000', 8_000_000));
    expect(created.statusCode).toBe(201);
    abingtonApp = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'draft',
      org: { code: '00010000' },
      region: { code: 'coastal' },
      requestedCents: 8_000_000,
      allocation: { id: allocationId, status: 'draft', amountCents: 7_843_137 },
      award: null,
      figures: null,
      budgetLines: [],
      planOptions: [
        {
          id: planId,
          title: 'Abington district improvement plan',
          actionSteps: [{ id: stepId, description: 'Buy high-quality math materials', practice: 'instruction' }],
        },
      ],
    });
    expect(created.json().planOptions[0].practices[1]).toMatchObject({
      key: 'instruction',
      number: 2,
      strategies: 'Instructional coaching in every grade 6-12 math classroom.',
    });
    const again = await call('POST', url, state, apply('00010000', 1));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/has an application to FC-511 for 2027 already/);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [apply('08600000', 1), 'orgCode', /not a recipient of the 2027 allocation of FC-511 \(not eligible: enrollment/],
      [apply('00010505', 1), 'orgCode', /FC-511 funds districts; Abington High is a school/],
      [apply('00010000', -1), 'requestedCents', /./],
      [apply('00010000', 1, { narrative: 'x'.repeat(20001) }), 'narrative', /./],
    ];
    for (const [payload, field, message] of cases) {
      const bad = await call('POST', url, state, payload);
      expect(bad.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(bad.json().error.field).toBe(field);
      expect(bad.json().error.message).toMatch(message);
    }
    expect((await call('POST', url, state, apply('00010000', 1, { programId: 999999 }))).statusCode).toBe(404);
  });

  it('moves an application from draft to submitted to awarded, refusing every other move with a reason', async () => {
    const base = `/api/assistance/grants/applications/${abingtonApp}`;
    const early = await call('POST', `${base}/award`, state, { amountCents: 1, awardedOn: '2026-11-20' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'The application is a draft: it must be submitted before it can be awarded',
    );
    const edited = await call('PUT', base, district, {
      requestedCents: 7_800_000,
      narrative: 'Coaching and materials.',
    });
    expect(edited.json()).toMatchObject({ requestedCents: 7_800_000, narrative: 'Coaching and materials.' });
    expect((await call('POST', `${base}/submit`, coastal)).statusCode).toBe(403);
    const submitted = await call('POST', `${base}/submit`, district);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().submittedAt).toBe(TODAY.toISOString());
    const twice = await call('POST', `${base}/submit`, district);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('The application is submitted already');
    const late = await call('PUT', base, district, { requestedCents: 1, narrative: '' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('The application is submitted: only a draft can be changed');

    expect(
      (await call('POST', `${base}/award`, district, { amountCents: 1, awardedOn: '2026-11-20' })).statusCode,
    ).toBe(403);
    const draftAllocation = await call('POST', `${base}/award`, state, { amountCents: 1, awardedOn: '2026-11-20' });
    expect(draftAllocation.statusCode).toBe(409);
    expect(draftAllocation.json().error.message).toMatch(
      /allocation of FC-511 is a draft: finalize it before awarding/,
    );
    await call('POST', `/api/assistance/grants/allocations/${allocationId}/finalize`, state);
    const above = await call('POST', `${base}/award`, state, { amountCents: 7_843_138, awardedOn: '2026-11-20' });
    expect(above.statusCode).toBe(400);
    expect(above.json().error).toMatchObject({
      field: 'amountCents',
      message: "The award ($78,431.38) is above the recipient's allocation of $78,431.37",
    });
    const badDate = await call('POST', `${base}/award`, state, { amountCents: 1, awardedOn: '2026-02-30' });
    expect(badDate.json().error.field).toBe('awardedOn');
    const awarded = await call('POST', `${base}/award`, state, {
      amountCents: 7_500_000,
      awardedOn: '2026-11-20',
      note: 'Awarded for coaching and materials.',
    });
    expect(awarded.statusCode).toBe(200);
    expect(awarded.json()).toMatchObject({
      status: 'awarded',
      decisionNote: 'Awarded for coaching and materials.',
      award: { amountCents: 7_500_000, awardedOn: '2026-11-20' },
      figures: { awardedCents: 7_500_000, budgetedCents: 0, spentCents: 0, remainingCents: 7_500_000, percentSpent: 0 },
    });
    abingtonAward = awarded.json().award.id;
    const decline = await call('POST', `${base}/decline`, state, { note: 'Too late' });
    expect(decline.statusCode).toBe(409);
    expect(decline.json().error.message).toBe('The application was awarded: it can no longer be declined');

    // Taunton is declined with the reason; a declined application moves no further.
    const taunton = (
      await call('POST', '/api/assistance/grants/applications', state, apply('02930000', 9_000_000))
    ).json();
    await call('POST', `/api/assistance/grants/applications/${taunton.id}/submit`, state);
    expect(
      (await call('POST', `/api/assistance/grants/applications/${taunton.id}/decline`, state, {})).json().error.field,
    ).toBe('note');
    const declined = await call('POST', `/api/assistance/grants/applications/${taunton.id}/decline`, state, {
      note: 'The narrative does not tie the funds to the plan.',
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      decisionNote: 'The narrative does not tie the funds to the plan.',
    });
    const resubmit = await call('POST', `/api/assistance/grants/applications/${taunton.id}/submit`, state);
    expect(resubmit.json().error.message).toBe('The application was declined: it can no longer be submitted');

    // Barnstable: awarded its whole line.
    barnstableApp = (
      await call('POST', '/api/assistance/grants/applications', state, apply('00200000', 10_644_258))
    ).json().id;
    await call('POST', `/api/assistance/grants/applications/${barnstableApp}/submit`, state);
    const full = await call('POST', `/api/assistance/grants/applications/${barnstableApp}/award`, state, {
      amountCents: 10_644_258,
      awardedOn: '2026-11-21',
    });
    expect(full.json().status).toBe('awarded');
  });

  it('checks eligibility by the program rule when the year has no allocation, and awards any amount then', async () => {
    const url = '/api/assistance/grants/applications';
    const body = (orgCode: string) => ({
      programId: schoolProgramId,
      fiscalYear: 2027,
      orgCode,
      requestedCents: 2_500_000,
    });
    const notRequiring = await call('POST', url, school, body('00010505'));
    expect(notRequiring.statusCode).toBe(400);
    expect(notRequiring.json().error.message).toMatch(
      /Abington High is not eligible for SIF-1003: not eligible: requiringAssistance/,
    );
    const high = await call('POST', url, state, body('02930505'));
    expect(high.statusCode).toBe(201);
    expect(high.json().allocation).toBeNull();
    await call('POST', `${url}/${high.json().id}/submit`, state);
    const awarded = await call('POST', `${url}/${high.json().id}/award`, state, {
      amountCents: 3_000_000,
      awardedOn: '2026-11-22',
    });
    expect(awarded.json().award.amountCents).toBe(3_000_000);
  });

  it('keeps budget lines within the award, tied to strategies of the recipient’s own plan', async () => {
    const url = `/api/assistance/grants/awards/${abingtonAward}/budget-lines`;
    const coaching = {
      objectCode: '5100',
      description: 'Instructional coaching',
      amountCents: 4_000_000,
      strategy: { kind: 'practice', planId, practice: 'instruction' },
    };
    expect((await call('POST', url, coastal, coaching)).statusCode).toBe(403);
    expect((await call('POST', url, school, coaching)).statusCode).toBe(403);
    const first = await call('POST', url, district, coaching);
    expect(first.statusCode).toBe(201);
    expect(first.json().budgetLines).toEqual([
      expect.objectContaining({
        objectCode: '5100',
        amountCents: 4_000_000,
        spentCents: 0,
        remainingCents: 4_000_000,
        strategy: expect.objectContaining({
          kind: 'practice',
          label:
            'Turnaround Practice 2 (Intentional practices for improving instruction) in "Abington district improvement plan"',
        }),
      }),
    ]);
    lines.coaching = first.json().budgetLines[0].id;
    const materials = await call('POST', url, state, {
      objectCode: '5200',
      description: 'Math materials',
      amountCents: 1_000_000,
      strategy: { kind: 'action_step', planId, actionStepId: stepId },
    });
    expect(materials.statusCode).toBe(201);
    const m = materials.json().budgetLines.find((l: { objectCode: string }) => l.objectCode === '5200');
    lines.materials = m.id;
    expect(m.strategy.label).toBe(
      'Action step "Buy high-quality math materials" of "Abington district improvement plan"',
    );
    expect(materials.json().figures).toMatchObject({ budgetedCents: 5_000_000 });

    const over = await call('POST', url, district, {
      objectCode: '5300',
      description: 'Stipends',
      amountCents: 2_500_001,
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({
      field: 'amountCents',
      message: 'The budget lines would total $75,000.01, more than the award of $75,000.00 (by $0.01)',
    });
    const foreign = await call('POST', url, district, {
      ...coaching,
      strategy: { kind: 'practice', planId: otherPlanId, practice: 'leadership' },
    });
    expect(foreign.json().error).toMatchObject({
      field: 'strategy.planId',
      message: `Plan ${otherPlanId} is not a plan of Abington`,
    });
    const badStep = await call('POST', url, district, {
      ...coaching,
      strategy: { kind: 'action_step', planId, actionStepId: 999999 },
    });
    expect(badStep.json().error.field).toBe('strategy.actionStepId');
    const badCode = await call('POST', url, district, { ...coaching, objectCode: '51 00' });
    expect(badCode.json().error.field).toBe('objectCode');
    const badPractice = await call('POST', url, district, {
      ...coaching,
      strategy: { kind: 'practice', planId, practice: 'finance' },
    });
    expect(badPractice.json().error.field).toBe('strategy.practice');
    expect((await call('POST', '/api/assistance/grants/awards/999999/budget-lines', state, coaching)).statusCode).toBe(
      404,
    );
  });

  it('keeps cumulative spending within each line, naming the line, and reports in periods that do not overlap', async () => {
    const url = `/api/assistance/grants/awards/${abingtonAward}/expenditure-reports`;
    const q1 = {
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      amounts: [
        { budgetLineId: lines.coaching, amountCents: 1_500_000 },
        { budgetLineId: lines.materials, amountCents: 500_000 },
      ],
    };
    expect((await call('POST', url, coastal, q1)).statusCode).toBe(403);
    const first = await call('POST', url, district, q1);
    expect(first.statusCode).toBe(201);
    firstReport = first.json().expenditureReports[0].id;
    expect(first.json().expenditureReports[0]).toMatchObject({ periodStart: '2026-07-01', totalCents: 2_000_000 });
    const overlap = await call('POST', url, district, { ...q1, periodStart: '2026-09-30', periodEnd: '2026-10-31' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toMatch(/overlaps the report for 2026-07-01 to 2026-09-30/);
    const q2 = (coachingCents: number) => ({
      periodStart: '2026-10-01',
      periodEnd: '2026-11-15',
      amounts: [
        { budgetLineId: lines.materials, amountCents: 0 },
        { budgetLineId: lines.coaching, amountCents: coachingCents },
      ],
    });
    const tooMuch = await call('POST', url, district, q2(3_000_000));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error).toMatchObject({
      field: 'amounts.1.amountCents',
      message:
        "Line 5100 Instructional coaching: spending would reach $45,000.00, above the line's budget of $40,000.00 ($15,000.00 reported before)",
    });
    expect((await call('POST', url, district, q2(2_000_000))).statusCode).toBe(201);
    const future = await call('POST', url, district, { ...q2(1), periodStart: '2026-12-01', periodEnd: '2026-12-31' });
    expect(future.json().error.field).toBe('periodStart');
    const backwards = await call('POST', url, district, {
      ...q2(1),
      periodStart: '2026-06-30',
      periodEnd: '2026-06-01',
    });
    expect(backwards.json().error.field).toBe('periodEnd');
    const twice = await call('POST', url, district, {
      ...q2(1),
      periodStart: '2026-06-01',
      periodEnd: '2026-06-30',
      amounts: [
        { budgetLineId: lines.coaching, amountCents: 1 },
        { budgetLineId: lines.coaching, amountCents: 1 },
      ],
    });
    expect(twice.json().error.field).toBe('amounts');
    const otherAward = await call('POST', url, district, {
      periodStart: '2026-06-01',
      periodEnd: '2026-06-30',
      amounts: [{ budgetLineId: 999999, amountCents: 1 }],
    });
    expect(otherAward.json().error.field).toBe('amounts.0.budgetLineId');

    // Correcting the first report counts its own old amounts out: 1,500,000 -> 2,000,000 fits (2,000,000 + 2,000,000).
    const corrected = await call('PUT', `/api/assistance/grants/expenditure-reports/${firstReport}`, district, {
      ...q1,
      amounts: [
        { budgetLineId: lines.coaching, amountCents: 2_000_000 },
        { budgetLineId: lines.materials, amountCents: 500_000 },
      ],
    });
    expect(corrected.statusCode).toBe(200);
    const c = corrected.json().budgetLines.find((l: { id: number }) => l.id === lines.coaching);
    expect(c).toMatchObject({ amountCents: 4_000_000, spentCents: 4_000_000, remainingCents: 0 });
    const lower = await call('PUT', `/api/assistance/grants/budget-lines/${lines.coaching}`, district, {
      objectCode: '5100',
      description: 'Instructional coaching',
      amountCents: 3_999_999,
      strategy: null,
    });
    expect(lower.json().error).toMatchObject({
      field: 'amountCents',
      message:
        'Line 5100 Instructional coaching has $40,000.00 spent already: its amount cannot be lowered to $39,999.99',
    });
    const del = await call('DELETE', `/api/assistance/grants/budget-lines/${lines.materials}`, district);
    expect(del.statusCode).toBe(409);
    // Back to the planned figures: the first report's coaching was $15,000.00.
    await call('PUT', `/api/assistance/grants/expenditure-reports/${firstReport}`, district, q1);
  });

  it('shows spent vs awarded per recipient and in total (hand-worked), regional staff their region only', async () => {
    // Abington: awarded 7,500,000; lines 4,000,000 + 1,000,000; spent 1,500,000 + 500,000 + 2,000,000 = 4,000,000;
    // remaining 3,500,000; 4.0 / 7.5 = 53.33 -> 53.3%. Barnstable: awarded 10,644,258, nothing budgeted or spent.
    // Totals: awarded 18,144,258; spent 4,000,000; 4,000,000 / 18,144,258 = 22.045...% -> 22.0%.
    const url = `/api/assistance/grants/programs/${programId}/dashboard?fiscalYear=2027`;
    const d = (await call('GET', url, state)).json();
    expect(d.allocation).toEqual({ id: allocationId, status: 'final' });
    expect(d.items.map((i: { org: { code: string } }) => i.org.code)).toEqual(['00010000', '00200000']);
    expect(d.items[0]).toMatchObject({
      applicationId: abingtonApp,
      allocatedCents: 7_843_137,
      figures: {
        awardedCents: 7_500_000,
        budgetedCents: 5_000_000,
        spentCents: 4_000_000,
        remainingCents: 3_500_000,
        percentSpent: 53.3,
      },
    });
    expect(d.items[1].figures).toEqual({
      awardedCents: 10_644_258,
      budgetedCents: 0,
      spentCents: 0,
      remainingCents: 10_644_258,
      percentSpent: 0,
    });
    expect(d.totals).toEqual({
      awardedCents: 18_144_258,
      budgetedCents: 5_000_000,
      spentCents: 4_000_000,
      remainingCents: 14_144_258,
      percentSpent: 22,
    });
    expect((await call('GET', url, coastal)).json().items).toHaveLength(2);
    expect((await call('GET', url, west)).json()).toMatchObject({
      items: [],
      totals: { awardedCents: 0, percentSpent: null },
    });
    expect((await call('GET', url, district)).statusCode).toBe(403);
    expect(
      (await call('GET', `/api/assistance/grants/programs/${programId}/dashboard`, state)).json().error.field,
    ).toBe('fiscalYear');

    const own = (await call('GET', '/api/orgs/00010000/grants', district)).json();
    expect(own.items.map((a: { id: number }) => a.id)).toEqual([abingtonApp]);
    expect(own.totals).toMatchObject({ awardedCents: 7_500_000, spentCents: 4_000_000, percentSpent: 53.3 });
    expect((await call('GET', '/api/orgs/00200000/grants', district)).statusCode).toBe(403);
    const region = (await call('GET', '/api/orgs/coastal/grants', coastal)).json();
    expect(region.items.map((a: { org: { code: string }; status: string }) => [a.org.code, a.status])).toEqual([
      ['00010000', 'awarded'],
      ['00200000', 'awarded'],
      ['02930000', 'declined'],
      ['02930505', 'awarded'],
    ]);
    expect((await call('GET', '/api/orgs/coastal/grants', west)).statusCode).toBe(403);
    expect((await call('GET', '/api/orgs/00010000/grants', vendor)).statusCode).toBe(403);
  });

  it('lets leaders read only their own applications, and regional staff their region’s', async () => {
    const list = (cookie: string) =>
      call('GET', `/api/assistance/grants/applications?programId=${programId}`, cookie).then((r) =>
        r.json().items.map((a: { org: { code: string } }) => a.org.code),
      );
    expect(await list(state)).toEqual(['00010000', '00200000', '02930000']);
    expect(await list(coastal)).toEqual(['00010000', '00200000', '02930000']);
    expect(await list(west)).toEqual([]);
    expect(await list(district)).toEqual(['00010000']);
    expect(await list(school)).toEqual([]);
    expect((await call('GET', `/api/assistance/grants/applications/${abingtonApp}`, school)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/grants/applications/${barnstableApp}`, district)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/grants/applications/${abingtonApp}`, west)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/grants/applications/${abingtonApp}`, coastal)).statusCode).toBe(200);
    expect((await call('GET', '/api/assistance/grants/applications/999999', state)).statusCode).toBe(404);
    const allocations = (await call('GET', `/api/assistance/grants/programs/${programId}/allocations`, coastal)).json();
    expect(allocations.items).toEqual([
      { id: allocationId, fiscalYear: 2027, budgetCents: 60_000_000, status: 'final', recipients: 5 },
    ]);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select(['resource_type', 'action'])
      .where('resource_type', 'in', ['grant_application', 'grant_budget_line', 'grant_expenditure_report'])
      .execute();
    expect(audits.filter((a) => a.resource_type === 'grant_expenditure_report').map((a) => a.action)).toEqual([
      'create',
      'create',
      'update',
      'update',
    ]);
  });
});
