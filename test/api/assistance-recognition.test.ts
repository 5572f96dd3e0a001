import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import {
  addWestStaff,
  apiCaller,
  insertOfficialRun,
  insertValues,
  NOT_REQUIRING,
  REQUIRING,
  signInWest,
  TODAY,
} from './assistance-fixtures.ts';

/**
 * The 2026 official run: two schools of recognition (Abington High, HS; Barnstable High, MSHS) and schools requiring
 * assistance of both types. Enrollment, English learners and disabilities are alike everywhere, so only the low-income
 * share separates schools (hand-worked distances below).
 */
const results: [string, string, string | null, number | null, boolean][] = [
  // code, classification, support, percentile, school of recognition
  ['00010505', NOT_REQUIRING, null, 95, true], // Abington High (Coastal, HS)
  ['00200505', NOT_REQUIRING, null, 92, true], // Barnstable High (Coastal, MSHS)
  ['03480503', REQUIRING, 'Focused/targeted support', 2, false], // Burncoat Senior High (West/Central, HS)
  ['03480605', REQUIRING, 'Focused/targeted support', 9, false], // Worcester Technical High (West/Central, HS)
  ['08600605', REQUIRING, 'Broad/comprehensive support', 5, false], // Pathfinder (West/Central, HS)
  ['02930505', REQUIRING, 'Focused/targeted support', 3, false], // Taunton High (Coastal, MSHS)
  ['02930525', REQUIRING, 'Focused/targeted support', 1, false], // Taunton Alternative (Coastal, MSHS, no data)
  ['03480350', REQUIRING, 'Focused/targeted support', 4, false], // Claremont Academy (West/Central, MSHS)
  ['02930315', NOT_REQUIRING, null, 50, false], // Benjamin Friedman Middle
];
const lowIncome: Record<string, number> = {
  '00010505': 20,
  '03480503': 30,
  '03480605': 50,
  '08600605': 20,
  '00200505': 40,
  '02930505': 40,
  '03480350': 70,
};

/** Demonstration sites, suggested partners by DART comparability, and pairings over the API. */
describe.each(testBackends())('recognition in practice over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let school: string;
  let vendor: string;
  const pairings: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await insertOfficialRun(
      t.db,
      2026,
      results.map(([code, classification, category, percentile, recognized]) => ({
        code,
        classification,
        category,
        percentile,
        reason: recognized ? 'School of recognition' : null,
        report: { classification: { schoolOfRecognition: recognized } },
      })),
    );
    const schools = Object.keys(lowIncome);
    const alike = (value: number) => Object.fromEntries(schools.map((code) => [code, value]));
    await insertValues(t.db, 'enrollment_total', 2026, alike(1000));
    await insertValues(t.db, 'low_income_pct', 2026, lowIncome);
    await insertValues(t.db, 'english_learner_pct', 2026, alike(10));
    await insertValues(t.db, 'disability_pct', 2026, alike(15));
    await addWestStaff(t.db);
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const codes = (items: { org: { code: string } }[]) => items.map((i) => i.org.code);

  it('lists the schools of recognition as demonstration sites with comparable partners, nearest first (hand-worked)', async () => {
    // HS pool: low income 20, 30, 50, 20 (mean 30, population sd sqrt(150) = 12.247); the other characteristics are
    // alike (sd 0, no difference). Four weighted characteristics: distance = |dz| / 2. From Abington High (20):
    // Pathfinder 0, Burncoat 10 / 12.247 / 2 = 0.408, Worcester Technical 30 / 12.247 / 2 = 1.225.
    const res = await call('GET', '/api/assistance/recognition', state);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.run).toMatchObject({ year: 2026 });
    expect(o.region).toBeNull();
    expect(codes(o.items)).toEqual(['00010505', '00200505']);
    const abington = o.items[0];
    expect(abington).toMatchObject({
      recognition: 'School of recognition',
      percentile: 95,
      schoolType: 'HS',
      comparisonYear: 2026,
      region: { code: 'coastal' },
      notCompared: 3, // Taunton High, Taunton Alternative, Claremont: another school type
    });
    expect(codes(abington.suggestions)).toEqual(['08600605', '03480503', '03480605']);
    expect(abington.suggestions.map((s: { distance: number }) => Number(s.distance.toFixed(4)))).toEqual([
      0, 0.4082, 1.2247,
    ]);
    expect(abington.suggestions[1].reason).toBe(
      'Same school type (HS). 0.41 standard deviations apart on average: Enrollment 1,000 and 1,000; ' +
        'Low income or economically disadvantaged 20.0% and 30.0%; English learners 10.0% and 10.0%; ' +
        'Students with disabilities 15.0% and 15.0%. The largest difference is in Low income or economically disadvantaged. ' +
        'Requires assistance (Focused/targeted support, accountability percentile 2).',
    );
    // MSHS pool: 40, 40, 70 (mean 50, sd sqrt(200)): Taunton High 0, Claremont 30 / 14.142 / 2 = 1.061; Taunton
    // Alternative has no characteristics.
    const barnstable = o.items[1];
    expect(codes(barnstable.suggestions)).toEqual(['02930505', '03480350']);
    expect(barnstable.suggestions[1].distance).toBeCloseTo(1.06066, 4);
    expect(barnstable.notCompared).toBe(4);
    // The DART's own comparables give the same distance.
    const dart = (await call('GET', '/api/orgs/00010505/comparables?with=03480503', state)).json();
    expect(dart.explained.distance).toBeCloseTo(abington.suggestions[1].distance, 12);
    expect((await call('GET', '/api/assistance/recognition?limit=2', state)).json().items[0].suggestions).toHaveLength(
      2,
    );
  });

  it('suggests regional staff the partners of their own region only, and refuses leaders and vendors', async () => {
    const mine = (await call('GET', '/api/assistance/recognition', coastal)).json();
    expect(mine.region).toMatchObject({ code: 'coastal' });
    expect(mine.items[0]).toMatchObject({ suggestions: [], notCompared: 2 });
    expect(codes(mine.items[1].suggestions)).toEqual(['02930505']);
    expect((await call('GET', '/api/assistance/recognition?region=west-central', coastal)).statusCode).toBe(403);
    const westView = (await call('GET', '/api/assistance/recognition?region=west-central', state)).json();
    expect(codes(westView.items[0].suggestions)).toEqual(['08600605', '03480503', '03480605']);
    expect((await call('GET', '/api/assistance/recognition?region=00010000', state)).json().error.field).toBe('region');
    expect((await call('GET', '/api/assistance/recognition', district)).statusCode).toBe(403);
    expect((await call('GET', '/api/assistance/recognition', vendor)).statusCode).toBe(403);
    expect((await call('GET', '/api/assistance/recognition')).statusCode).toBe(401);
  });

  it("records pairings by state staff or the partner school's regional staff, once at a time", async () => {
    const url = '/api/assistance/recognition/pairings';
    const body = (demonstrationCode: string, partnerCode: string, over: object = {}) => ({
      demonstrationCode,
      partnerCode,
      pairedOn: '2026-11-20',
      focus: 'Learning walkthroughs in grade 9 mathematics',
      ...over,
    });
    const created = await call('POST', url, coastal, body('00200505', '02930505', { status: 'active' }));
    expect(created.statusCode).toBe(201);
    pairings.taunton = created.json().id;
    expect(created.json()).toMatchObject({
      demonstration: { code: '00200505' },
      partner: { code: '02930505' },
      partnerRegion: { code: 'coastal' },
      status: 'active',
      statusLabel: 'Active',
      canChange: true,
    });
    const otherRegion = await call('POST', url, coastal, body('00010505', '03480503'));
    expect(otherRegion.statusCode).toBe(403);
    expect(otherRegion.json().error.message).toMatch(/regional staff of the partner school's region/);
    const burncoat = await call('POST', url, west, body('00010505', '03480503'));
    expect(burncoat.statusCode).toBe(201);
    expect(burncoat.json().status).toBe('proposed');
    pairings.burncoat = burncoat.json().id;
    pairings.pathfinder = (await call('POST', url, state, body('00010505', '08600605'))).json().id;
    const notRecognized = await call('POST', url, state, body('02930505', '03480503'));
    expect(notRecognized.json().error).toMatchObject({
      field: 'demonstrationCode',
      message: 'Taunton High is not a school of recognition in the latest official run (2026)',
    });
    const notRequiring = await call('POST', url, state, body('00010505', '02930315'));
    expect(notRequiring.json().error).toMatchObject({
      field: 'partnerCode',
      message: 'Benjamin Friedman Middle does not require assistance in the latest official run (2026)',
    });
    expect((await call('POST', url, state, body('00010505', '00010000'))).json().error.field).toBe('partnerCode');
    const twice = await call('POST', url, state, body('00200505', '02930505'));
    expect(twice.statusCode).toBe(409);
    expect((await call('POST', url, district, body('00200505', '02930505'))).statusCode).toBe(403);
    expect(
      (await call('POST', url, state, body('00200505', '02930505', { pairedOn: '2026-13-01' }))).json().error.field,
    ).toBe('pairedOn');

    // The overview marks suggestions already paired.
    const o = (await call('GET', '/api/assistance/recognition', state)).json();
    expect(o.items[0].suggestions[1].pairing).toEqual({ id: pairings.burncoat, status: 'proposed' });
    expect(o.items[0].pairings.map((p: { id: number }) => p.id).sort()).toEqual(
      [pairings.burncoat, pairings.pathfinder].sort(),
    );

    const update = (over: object = {}) => ({
      pairedOn: '2026-11-20',
      focus: 'Learning walkthroughs in grade 9 mathematics',
      status: 'completed',
      notes: 'Four visits; common look-fors adopted.',
      ...over,
    });
    expect((await call('PUT', `${url}/${pairings.burncoat}`, coastal, update())).statusCode).toBe(403);
    const done = await call('PUT', `${url}/${pairings.taunton}`, coastal, update());
    expect(done.json()).toMatchObject({ status: 'completed', notes: 'Four visits; common look-fors adopted.' });
    // Completed, the same two schools can be paired again.
    expect(
      (await call('POST', url, coastal, body('00200505', '02930505', { pairedOn: '2026-11-24' }))).statusCode,
    ).toBe(201);
    expect((await call('PUT', `${url}/999999`, state, update())).statusCode).toBe(404);
    expect(
      (await call('PUT', `${url}/${pairings.taunton}`, state, update({ status: 'paused' }))).json().error.field,
    ).toBe('status');
  });

  it('shows leaders the pairings of their own schools, and regional staff those touching their region', async () => {
    const ids = async (cookie: string) =>
      (await call('GET', '/api/assistance/recognition/pairings', cookie))
        .json()
        .items.map((p: { partner: { code: string } }) => p.partner.code);
    // Latest first: the same date, then the latest recorded.
    expect(await ids(district)).toEqual(['08600605', '03480503']);
    expect(await ids(school)).toEqual(['08600605', '03480503']);
    expect((await ids(west)).sort()).toEqual(['03480503', '08600605']);
    expect(await ids(coastal)).toHaveLength(4);
    expect(await ids(state)).toHaveLength(4);
    expect((await call('GET', '/api/assistance/recognition/pairings', vendor)).statusCode).toBe(403);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_type', '=', 'recognition_pairing')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'create', 'create', 'create', 'update']);
  });
});
