import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { addUser, apiCaller, signInWith, TODAY } from './assistance-fixtures.ts';

/** The day after the session: attendance and evaluations happen then. */
const AFTER = new Date('2026-12-09T15:00:00Z');

/**
 * After a professional development session, over the API: attendance recorded by the agency (regional staff for
 * their region's people), evaluations by those who attended only, and the session summary with means withheld
 * below the reporting minimum (set to 2 here, so that two evaluations show).
 */
describe.each(testBackends())('PD attendance and evaluations over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let district: string;
  let vendor: string;
  let ada: string;
  let tess: string;
  let bea: string;
  let sessionId: number;
  let otherSessionId: number;
  const reg: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(backend, { env: { SSOS_REPORTING_MINIMUM: '2' } });
    t.clock.now = TODAY;
    await addUser(t.db, {
      email: 'tess.taunton@schools.example',
      name: 'Tess Taunton',
      role: 'school_leader',
      scopeCode: '02930505',
      password: 'evaluation-test-1',
    });
    await addUser(t.db, {
      email: 'bea.burncoat@schools.example',
      name: 'Bea Burncoat',
      role: 'school_leader',
      scopeCode: '03480503',
      password: 'evaluation-test-2',
    });
    await signInAll();
    const offering = (
      await call('POST', '/api/assistance/pd/offerings', state, {
        title: 'Mathematics institute',
        kind: 'institute',
        contentArea: 'mathematics',
      })
    ).json();
    const session = (body: object) =>
      call('POST', `/api/assistance/pd/offerings/${offering.id}/sessions`, state, body).then((r) => r.json().id);
    sessionId = await session({ startsOn: '2026-12-08', location: 'Worcester', capacity: 3 });
    otherSessionId = await session({ startsOn: '2026-12-10', location: 'Hyannis', capacity: 5 });
    const register = async (key: string, cookie: string, name: string, email: string, orgCode: string) => {
      const r = await call('POST', `/api/assistance/pd/sessions/${sessionId}/registrations`, cookie, {
        name,
        email,
        role: 'Principal',
        orgCode,
      });
      reg[key] = r.json().registration.id;
    };
    await register('ada', district, 'Skyler School', demoUserOf('school_leader').email, '00010505');
    await register('tess', coastal, 'Tess Taunton', 'tess.taunton@schools.example', '02930505');
    await register('bea', state, 'Bea Burncoat', 'bea.burncoat@schools.example', '03480503');
    await register('dan', coastal, 'Dan Barnstable', 'dan@schools.example', '00200505'); // waitlisted
    reg.other = (
      await call('POST', `/api/assistance/pd/sessions/${otherSessionId}/registrations`, coastal, {
        name: 'Tess Taunton',
        email: 'tess.taunton@schools.example',
        role: 'Principal',
        orgCode: '02930505',
      })
    ).json().registration.id;
  }, 240_000);
  afterAll(async () => t?.close());

  /** Signs everyone in (again after the clock moves on: sessions expire). */
  async function signInAll() {
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    vendor = await signInAs(t.app, 'vendor');
    ada = await signInAs(t.app, 'school_leader');
    tess = await signInWith(t.app, 'tess.taunton@schools.example', 'evaluation-test-1');
    bea = await signInWith(t.app, 'bea.burncoat@schools.example', 'evaluation-test-2');
  }
  const call = apiCaller(() => t.app);
  const attendance = (cookie: string | undefined, records: { registrationId: number; status: string }[]) =>
    call('PUT', `/api/assistance/pd/sessions/${sessionId}/attendance`, cookie, { records });
  const ratings = (values: number[]) =>
    ['relevance', 'facilitation', 'application', 'materials', 'overall'].map((question, i) => ({
      question,
      rating: values[i]!,
    }));

  it('records attendance once the session has taken place, in the recorder’s region only', async () => {
    const early = await attendance(coastal, [{ registrationId: reg.ada!, status: 'attended' }]);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/starts on 2026-12-08: attendance is recorded once it has taken place/);
    t.clock.now = AFTER;
    await signInAll();
    expect((await attendance(undefined, [{ registrationId: reg.ada!, status: 'attended' }])).statusCode).toBe(401);
    expect((await attendance(district, [{ registrationId: reg.ada!, status: 'attended' }])).statusCode).toBe(403);
    expect((await attendance(vendor, [{ registrationId: reg.ada!, status: 'attended' }])).statusCode).toBe(403);
    const west = await attendance(coastal, [{ registrationId: reg.bea!, status: 'absent' }]);
    expect(west.statusCode).toBe(403);
    expect(west.json().error.message).toMatch(/Bea Burncoat works outside your region/);
    const recorded = await attendance(coastal, [
      { registrationId: reg.ada!, status: 'attended' },
      { registrationId: reg.tess!, status: 'attended' },
    ]);
    expect(recorded.statusCode).toBe(200);
    expect(
      recorded.json().items.map((r: { name: string; attendance: string | null }) => [r.name, r.attendance]),
    ).toEqual([
      ['Skyler School', 'attended'],
      ['Tess Taunton', 'attended'],
      ['Dan Barnstable', null],
    ]);
    expect((await attendance(state, [{ registrationId: reg.bea!, status: 'absent' }])).statusCode).toBe(200);
    const waitlisted = await attendance(state, [{ registrationId: reg.dan!, status: 'attended' }]);
    expect(waitlisted.json().error).toMatchObject({
      field: 'records.0.registrationId',
      message: 'Dan Barnstable is waitlisted, not confirmed: only confirmed registrations attend',
    });
    const elsewhere = await attendance(state, [{ registrationId: reg.other!, status: 'attended' }]);
    expect(elsewhere.json().error.field).toBe('records.0.registrationId');
    const twice = await attendance(state, [
      { registrationId: reg.ada!, status: 'attended' },
      { registrationId: reg.ada!, status: 'absent' },
    ]);
    expect(twice.json().error.field).toBe('records');
    expect(
      (
        await call('PUT', '/api/assistance/pd/sessions/999999/attendance', state, {
          records: [{ registrationId: reg.ada!, status: 'attended' }],
        })
      ).statusCode,
    ).toBe(404);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_type', '=', 'pd_attendance')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('takes evaluations only from those who attended, once, every question rated 1-5', async () => {
    const questions = (await call('GET', '/api/assistance/pd/evaluation-questions', ada)).json();
    expect(questions.items.map((q: { code: string }) => q.code)).toEqual([
      'relevance',
      'facilitation',
      'application',
      'materials',
      'overall',
    ]);
    expect(questions.scale).toMatchObject({
      min: 1,
      max: 5,
      labels: { '1': 'Strongly disagree', '5': 'Strongly agree' },
    });
    const url = (key: string) => `/api/assistance/pd/registrations/${reg[key]}/evaluation`;
    const missing = await call('POST', url('ada'), ada, { ratings: ratings([5, 4, 5, 3, 4]).slice(0, 4) });
    expect(missing.json().error).toMatchObject({
      field: 'ratings',
      message: 'Rate every question: "Overall, the session was a good use of my time." is not rated',
    });
    const unknown = await call('POST', url('ada'), ada, {
      ratings: [...ratings([5, 4, 5, 3, 4]), { question: 'venue', rating: 3 }],
    });
    expect(unknown.json().error.field).toBe('ratings.5.question');
    const outOfScale = await call('POST', url('ada'), ada, { ratings: ratings([6, 4, 5, 3, 4]) });
    expect(outOfScale.json().error.field).toBe('ratings.0.rating');
    expect((await call('POST', url('ada'), state, { ratings: ratings([5, 4, 5, 3, 4]) })).statusCode).toBe(403);
    expect((await call('POST', url('ada'), tess, { ratings: ratings([5, 4, 5, 3, 4]) })).statusCode).toBe(403);
    const ok = await call('POST', url('ada'), ada, { ratings: ratings([5, 4, 5, 3, 4]), comments: 'Useful tasks.' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ registrationId: reg.ada, sessionId, submittedAt: AFTER.toISOString() });
    const again = await call('POST', url('ada'), ada, { ratings: ratings([1, 1, 1, 1, 1]) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('You have evaluated this session already');
    const absent = await call('POST', url('bea'), bea, { ratings: ratings([1, 1, 1, 1, 1]) });
    expect(absent.statusCode).toBe(409);
    expect(absent.json().error.message).toMatch(/not recorded as attended/);
    const notYet = await call('POST', url('other'), tess, { ratings: ratings([1, 1, 1, 1, 1]) });
    expect(notYet.statusCode).toBe(409);
    expect(
      (
        await call('POST', '/api/assistance/pd/registrations/999999/evaluation', tess, {
          ratings: ratings([1, 1, 1, 1, 1]),
        })
      ).statusCode,
    ).toBe(404);
    // Once evaluated, attendance stays recorded as attended.
    const undo = await attendance(coastal, [{ registrationId: reg.ada!, status: 'absent' }]);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().error.message).toMatch(/has evaluated the session/);
  });

  it('lists a participant’s own registrations with whether they can evaluate', async () => {
    const mine = (await call('GET', '/api/assistance/pd/me/registrations', tess)).json();
    expect(
      mine.items.map(
        (i: { session: { id: number }; registration: { attendance: string | null }; canEvaluate: boolean }) => [
          i.session.id,
          i.registration.attendance,
          i.canEvaluate,
        ],
      ),
    ).toEqual([
      [otherSessionId, null, false],
      [sessionId, 'attended', true],
    ]);
    const own = (await call('GET', '/api/assistance/pd/me/registrations', ada)).json();
    expect(own.items[0]).toMatchObject({ registration: { evaluated: true }, canEvaluate: false });
    expect((await call('GET', '/api/assistance/pd/me/registrations')).statusCode).toBe(401);
  });

  it('summarizes the session: attendance rate and means with n, withheld below the minimum (hand-worked)', async () => {
    const url = `/api/assistance/pd/sessions/${sessionId}/summary`;
    // One evaluation, minimum 2: every mean and the comments withheld.
    const one = (await call('GET', url, coastal)).json();
    expect(one).toMatchObject({
      evaluations: 1,
      minimum: 2,
      comments: null,
      attendance: { confirmed: 3, attended: 2, absent: 1, notRecorded: 0, rate: 66.7 },
    });
    expect(one.questions[0]).toEqual({
      code: 'relevance',
      prompt: 'The content was relevant to my work.',
      n: 1,
      mean: null,
      suppressed: true,
    });
    await call('POST', `/api/assistance/pd/registrations/${reg.tess}/evaluation`, tess, {
      ratings: ratings([4, 4, 3, 5, 5]),
    });
    // Ada 5, 4, 5, 3, 4 and Tess 4, 4, 3, 5, 5: means 4.5, 4, 4, 4, 4.5.
    const two = (await call('GET', url, state)).json();
    expect(two.questions.map((q: { code: string; n: number; mean: number | null }) => [q.code, q.n, q.mean])).toEqual([
      ['relevance', 2, 4.5],
      ['facilitation', 2, 4],
      ['application', 2, 4],
      ['materials', 2, 4],
      ['overall', 2, 4.5],
    ]);
    expect(two.comments).toEqual(['Useful tasks.']);
    expect(two.offering.title).toBe('Mathematics institute');
    expect((await call('GET', url, district)).statusCode).toBe(403);
    expect((await call('GET', url, vendor)).statusCode).toBe(403);
    expect((await call('GET', '/api/assistance/pd/sessions/999999/summary', state)).statusCode).toBe(404);
  });
});
