import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { apiCaller, TODAY } from './assistance-fixtures.ts';

/** Professional development offerings, sessions and registration with a waitlist over the API. */
describe.each(testBackends())('professional development over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let district: string;
  let school: string;
  let vendor: string;
  let sessionId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const person = (name: string, orgCode: string, role = 'Teacher') => ({
    name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}@schools.example`,
    role,
    orgCode,
  });

  it('creates offerings and sessions for state staff only', async () => {
    const offering = {
      title: 'Instructional leadership academy',
      kind: 'academy',
      contentArea: 'instructional_leadership',
      description: 'Year-long academy for principals of schools requiring assistance.',
    };
    expect((await call('POST', '/api/assistance/pd/offerings', coastal, offering)).statusCode).toBe(403);
    const bad = await call('POST', '/api/assistance/pd/offerings', state, { ...offering, contentArea: 'science' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('contentArea');
    const created = await call('POST', '/api/assistance/pd/offerings', state, offering);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ contentAreaLabel: 'Instructional leadership', sessions: [] });
    const session = await call('POST', `/api/assistance/pd/offerings/${created.json().id}/sessions`, state, {
      startsOn: '2026-12-08',
      location: 'Worcester, DESE regional office',
      capacity: 2,
    });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;
    expect(session.json()).toMatchObject({ capacity: 2, confirmed: 0, waitlisted: 0 });
    expect(
      (
        await call('POST', '/api/assistance/pd/offerings/999999/sessions', state, {
          startsOn: '2026-12-08',
          location: 'x',
          capacity: 1,
        })
      ).statusCode,
    ).toBe(404);
    const badCapacity = await call('POST', `/api/assistance/pd/offerings/${created.json().id}/sessions`, state, {
      startsOn: '2026-12-08',
      location: 'x',
      capacity: 0,
    });
    expect(badCapacity.json().error.field).toBe('capacity');
    expect((await call('GET', '/api/assistance/pd/offerings', school)).json().items).toHaveLength(1);
    expect((await call('GET', '/api/assistance/pd/offerings', vendor)).statusCode).toBe(403);
  });

  it('waitlists a principal when the session is full and promotes them when someone cancels', async () => {
    const url = `/api/assistance/pd/sessions/${sessionId}/registrations`;
    const first = await call('POST', url, district, person('Ada Abington', '00010505', 'Principal'));
    expect(first.statusCode).toBe(201);
    expect(first.json().registration).toMatchObject({ status: 'confirmed', position: null, org: { code: '00010505' } });
    ids.ada = first.json().registration.id;
    const second = await call('POST', url, coastal, person('Bo Barnstable', '00200505'));
    expect(second.json().registration.status).toBe('confirmed');
    ids.bo = second.json().registration.id;
    // Full: the Taunton High principal goes on the waitlist, first in line.
    const principal = person('Tess Taunton', '02930505', 'Principal');
    const third = await call('POST', url, coastal, principal);
    expect(third.statusCode).toBe(201);
    expect(third.json().registration).toMatchObject({ status: 'waitlisted', position: 1 });
    ids.tess = third.json().registration.id;
    const fourth = await call('POST', url, coastal, person('Cal Centerville', '00200010'));
    expect(fourth.json().registration).toMatchObject({ status: 'waitlisted', position: 2 });
    // Registering again is idempotent: same registration, same place, 200.
    const again = await call('POST', url, coastal, { ...principal, email: principal.email.toUpperCase() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyRegistered: true, registration: { id: ids.tess, position: 1 } });

    const cancelled = await call('POST', `/api/assistance/pd/registrations/${ids.bo}/cancel`, coastal);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().registration.status).toBe('cancelled');
    expect(cancelled.json().promoted).toEqual([
      expect.objectContaining({ id: ids.tess, name: 'Tess Taunton', status: 'confirmed', position: null }),
    ]);
    const list = (await call('GET', url, state)).json();
    expect(list.session).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 1 });
    expect(
      list.items.map((r: { name: string; status: string; position: number | null }) => [r.name, r.status, r.position]),
    ).toEqual([
      ['Ada Abington', 'confirmed', null],
      ['Bo Barnstable', 'cancelled', null],
      ['Tess Taunton', 'confirmed', null],
      ['Cal Centerville', 'waitlisted', 1],
    ]);
    const twice = await call('POST', `/api/assistance/pd/registrations/${ids.bo}/cancel`, coastal);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/cancelled already/);
  });

  it('keeps registrations to the caller’s scope, audits reads, and promotes when capacity grows', async () => {
    const url = `/api/assistance/pd/sessions/${sessionId}/registrations`;
    // A school leader registers only their own school's people; a district leader cannot cancel Coastal staff's.
    expect((await call('POST', url, school, person('Out Side', '02930505'))).statusCode).toBe(403);
    expect((await call('POST', url, vendor, person('Val', '00010505'))).statusCode).toBe(403);
    expect((await call('POST', url)).statusCode).toBe(401);
    expect((await call('POST', `/api/assistance/pd/registrations/${ids.tess}/cancel`, district)).statusCode).toBe(403);
    const mine = (await call('GET', url, school)).json();
    expect(mine.items.map((r: { name: string }) => r.name)).toEqual(['Ada Abington']);
    const badEmail = await call('POST', url, coastal, { ...person('X', '00010505'), email: 'not-an-email' });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.field).toBe('email');
    expect(
      (await call('POST', '/api/assistance/pd/sessions/999999/registrations', coastal, person('Y', '00010505')))
        .statusCode,
    ).toBe(404);

    expect(
      (await call('PUT', `/api/assistance/pd/sessions/${sessionId}/capacity`, coastal, { capacity: 3 })).statusCode,
    ).toBe(403);
    const grown = await call('PUT', `/api/assistance/pd/sessions/${sessionId}/capacity`, state, { capacity: 3 });
    expect(grown.json()).toMatchObject({ capacity: 3, confirmed: 3, waitlisted: 0 });
    const reads = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_type', '=', 'pd_registrations')
      .execute();
    expect(reads).toHaveLength(2);
  });
});
