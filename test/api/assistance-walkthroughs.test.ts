import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAPPA_UNDEFINED_REASON } from '../../src/core/assistance/agreement.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { addWestStaff, apiCaller, signInWest, TODAY } from './assistance-fixtures.ts';

/** Observation instruments, classroom observations and calibration sessions over the API. */
describe.each(testBackends())('walkthroughs and calibration over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let vendor: string;
  let instrumentId: number;
  let items: { id: number; position: number }[];
  let sessionId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await addWestStaff(t.db);
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);

  const scale = [
    { value: 1, label: 'Not observed' },
    { value: 2, label: 'Developing' },
    { value: 3, label: 'Providing' },
    { value: 4, label: 'Sustaining' },
  ];
  const instrument = {
    name: 'Learning walkthrough: instruction',
    description: 'Look-fors for Condition 4 (effective instruction).',
    items: [
      { prompt: 'The learning objective is clear to students', frameworkCodes: ['cse-4', 'tp-2'], scale },
      { prompt: 'Questions ask for higher-order thinking', frameworkCodes: ['tp-2'], scale },
      { prompt: 'Students get timely feedback', scale },
    ],
  };

  it('builds an instrument with items and scales, and refuses bad ones', async () => {
    expect((await call('POST', '/api/assistance/instruments', undefined, instrument)).statusCode).toBe(401);
    expect((await call('POST', '/api/assistance/instruments', district, instrument)).statusCode).toBe(403);
    expect((await call('POST', '/api/assistance/instruments', vendor, instrument)).statusCode).toBe(403);
    const res = await call('POST', '/api/assistance/instruments', coastal, instrument);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    instrumentId = created.id;
    items = created.items;
    expect(created).toMatchObject({ name: instrument.name, inUse: false });
    expect(
      created.items.map((i: { position: number; frameworkCodes: string[] }) => [i.position, i.frameworkCodes]),
    ).toEqual([
      [1, ['cse-4', 'tp-2']],
      [2, ['tp-2']],
      [3, []],
    ]);
    expect(created.items[0].scale).toEqual(scale);
    expect((await call('POST', '/api/assistance/instruments', state, instrument)).statusCode).toBe(409);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...instrument, name: 'Other', items: [] }, 'items'],
      [{ ...instrument, name: 'Other', items: [{ prompt: 'x', scale: [scale[0]] }] }, 'items.0.scale'],
      [{ ...instrument, name: 'Other', items: [{ prompt: 'x', scale: [scale[0], scale[0]] }] }, 'items.0.scale'],
      [
        { ...instrument, name: 'Other', items: [{ prompt: 'x', frameworkCodes: ['tp-9'], scale }] },
        'items.0.frameworkCodes.0',
      ],
      [{ ...instrument, name: '' }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const bad = await call('POST', '/api/assistance/instruments', coastal, payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    const list = (await call('GET', '/api/assistance/instruments', west)).json();
    expect(list.items).toEqual([
      { id: instrumentId, name: instrument.name, description: instrument.description, inUse: false, itemCount: 3 },
    ]);
    expect((await call('GET', '/api/assistance/instruments/999999', coastal)).statusCode).toBe(404);
  });

  it('changes an instrument until an observation uses it, then refuses with 409', async () => {
    const renamed = await call('PUT', `/api/assistance/instruments/${instrumentId}`, coastal, {
      ...instrument,
      description: 'Look-fors for effective instruction.',
    });
    expect(renamed.statusCode).toBe(200);
    items = renamed.json().items;
    const observation = {
      instrumentId,
      orgCode: '02930505',
      observedOn: '2026-11-18',
      lesson: 'Grade 9 algebra',
      ratings: [
        { itemId: items[0]!.id, value: 3 },
        { itemId: items[1]!.id, value: 2 },
      ],
    };
    expect((await call('POST', '/api/assistance/observations', district, observation)).statusCode).toBe(403);
    expect((await call('POST', '/api/assistance/observations', west, observation)).statusCode).toBe(403);
    const badValue = await call('POST', '/api/assistance/observations', coastal, {
      ...observation,
      ratings: [{ itemId: items[0]!.id, value: 7 }],
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().error).toMatchObject({
      field: 'ratings',
      message: expect.stringMatching(/not on the scale/),
    });
    const notSchool = await call('POST', '/api/assistance/observations', coastal, {
      ...observation,
      orgCode: '02930000',
    });
    expect(notSchool.json().error.field).toBe('orgCode');
    const created = await call('POST', '/api/assistance/observations', coastal, observation);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      observer: 'Riley Coastal',
      org: { code: '02930505' },
      lesson: 'Grade 9 algebra',
      calibrationSessionId: null,
      ratings: observation.ratings,
    });
    const locked = await call('PUT', `/api/assistance/instruments/${instrumentId}`, coastal, instrument);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toMatch(/in use by observations/);
    const listed = await call('GET', '/api/orgs/02930000/observations', coastal);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toHaveLength(1);
    expect((await call('GET', '/api/orgs/02930000/observations', west)).statusCode).toBe(403);
    expect((await call('GET', '/api/orgs/00010000/observations', district)).statusCode).toBe(403);
  });

  it("reports percent agreement and Fleiss' kappa per item and overall for three observers", async () => {
    const session = {
      instrumentId,
      regionCode: 'coastal',
      schoolCode: '02930505',
      heldOn: '2026-11-19',
      title: 'Coastal calibration, November',
    };
    expect((await call('POST', '/api/assistance/calibration-sessions', west, session)).statusCode).toBe(403);
    expect((await call('POST', '/api/assistance/calibration-sessions', district, session)).statusCode).toBe(403);
    const wrongSchool = await call('POST', '/api/assistance/calibration-sessions', coastal, {
      ...session,
      schoolCode: '03480503',
    });
    expect(wrongSchool.statusCode).toBe(400);
    expect(wrongSchool.json().error.field).toBe('schoolCode');
    const created = await call('POST', '/api/assistance/calibration-sessions', coastal, session);
    expect(created.statusCode).toBe(201);
    sessionId = created.json().id;
    expect(created.json()).toMatchObject({ school: { code: '02930505' }, sheets: [], agreement: { raters: [] } });

    const [a, b, c] = items;
    const sheet = (observer: string, values: [number, number, number]) =>
      call('PUT', `/api/assistance/calibration-sessions/${sessionId}/sheets`, coastal, {
        observer,
        lesson: 'Grade 9 algebra (video)',
        ratings: [
          { itemId: a!.id, value: values[0] },
          { itemId: b!.id, value: values[1] },
          { itemId: c!.id, value: values[2] },
        ],
      });
    expect((await sheet('Ana Ortiz', [3, 2, 4])).statusCode).toBe(200);
    // Sending a sheet again replaces it (idempotent), and observers are matched case-blind.
    expect((await sheet('Ben Ng', [3, 2, 1])).statusCode).toBe(200);
    expect((await sheet('ben ng', [3, 2, 4])).statusCode).toBe(200);
    const last = await sheet('Cy Diaz', [3, 1, 4]);
    expect(last.statusCode).toBe(200);
    const report = last.json();
    expect(report.sheets).toHaveLength(3);
    expect(report.agreement.raters).toEqual(['Ana Ortiz', 'ben ng', 'Cy Diaz']);
    // Item 1: all three on 3 -> percent agreement 1; one lesson, one category: kappa undefined.
    expect(report.agreement.items[0]).toMatchObject({
      itemId: a!.id,
      percentAgreement: 1,
      kappa: null,
      method: 'fleiss',
      note: KAPPA_UNDEFINED_REASON,
    });
    // Item 2: 2, 2, 1 -> one agreeing pair of three: 1/3.
    expect(report.agreement.items[1].percentAgreement).toBeCloseTo(1 / 3, 12);
    // Overall (3 subjects): P = 1, 1/3, 1 -> P-bar 7/9. Ratings: 1 x1, 2 x2, 3 x3, 4 x3 of 9 ->
    // Pe = (1 + 4 + 9 + 9) / 81 = 23/81. Kappa = (7/9 - 23/81) / (1 - 23/81) = (40/81) / (58/81) = 20/29.
    expect(report.agreement.overall).toMatchObject({ subjects: 3, incomplete: 0, method: 'fleiss' });
    expect(report.agreement.overall.percentAgreement).toBeCloseTo(7 / 9, 12);
    expect(report.agreement.overall.kappa).toBeCloseTo(20 / 29, 12);

    const bad = await call('PUT', `/api/assistance/calibration-sessions/${sessionId}/sheets`, coastal, {
      observer: 'Dee',
      ratings: [{ itemId: 999999, value: 3 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('ratings');
    expect(
      (
        await call('PUT', `/api/assistance/calibration-sessions/${sessionId}/sheets`, west, {
          observer: 'W',
          ratings: [{ itemId: a!.id, value: 3 }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it("uses Cohen's kappa for two observers, and lists sessions by region with audited reads", async () => {
    const two = await call('POST', '/api/assistance/calibration-sessions', state, {
      instrumentId,
      regionCode: 'west-central',
      heldOn: '2026-11-20',
      title: 'West/Central pair calibration',
    });
    expect(two.statusCode).toBe(201);
    const id = two.json().id;
    const put = (observer: string, lesson: string, values: number[]) =>
      call('PUT', `/api/assistance/calibration-sessions/${id}/sheets`, west, {
        observer,
        lesson,
        ratings: values.map((value, i) => ({ itemId: items[i]!.id, value })),
      });
    await put('Wes West', 'lesson 1', [3, 2, 1]);
    await put('Val Park', 'lesson 1', [3, 2, 2]);
    await put('Wes West', 'lesson 2', [2, 1, 2]);
    const report = (await put('Val Park', 'lesson 2', [2, 2, 1])).json();
    // Six lesson x item pairs; alike on 3 of them (0.5). Wes: 3,2,1,2,1,2; Val: 3,2,2,2,2,1.
    // Wes's shares 1: 2/6, 2: 3/6, 3: 1/6; Val's 1: 1/6, 2: 4/6, 3: 1/6. Pe = (2 + 12 + 1) / 36 = 15/36.
    // Kappa = (1/2 - 15/36) / (1 - 15/36) = (3/36) / (21/36) = 1/7.
    expect(report.agreement.overall).toMatchObject({ method: 'cohen', subjects: 6, percentAgreement: 0.5 });
    expect(report.agreement.overall.kappa).toBeCloseTo(1 / 7, 12);
    // Item 1 over the two lessons: alike both times, ratings 3 and 2: kappa 1.
    expect(report.agreement.items[0]).toMatchObject({ subjects: 2, percentAgreement: 1, kappa: 1 });

    expect((await call('GET', `/api/assistance/calibration-sessions/${id}`, coastal)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/calibration-sessions/${id}`, district)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/calibration-sessions/${id}`)).statusCode).toBe(401);
    expect((await call('GET', '/api/assistance/calibration-sessions/999999', state)).statusCode).toBe(404);
    expect((await call('GET', `/api/assistance/calibration-sessions/${id}`, state)).json().sheets).toHaveLength(4);
    const mine = (await call('GET', '/api/assistance/calibration-sessions', coastal)).json();
    expect(mine.items.map((s: { id: number }) => s.id)).toEqual([sessionId]);
    expect((await call('GET', '/api/assistance/calibration-sessions?region=west-central', coastal)).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/api/assistance/calibration-sessions', state)).json().items).toHaveLength(2);
    const reads = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('resource_type', '=', 'calibration_session')
      .where('action', '=', 'read')
      .execute();
    expect(reads).toEqual([{ action: 'read', resource_id: String(id) }]);
  });
});
