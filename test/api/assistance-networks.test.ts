import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { addWestStaff, apiCaller, signInWest, TODAY } from './assistance-fixtures.ts';

/**
 * Networks over the API: state staff keep statewide networks (the Urban Superintendents Network), regional staff
 * their region's; members are users or named people; meetings record who attended; leaders read the networks they
 * or their organizations belong to. Members are named people: reads are audited.
 */
describe.each(testBackends())('networks over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let school: string;
  let vendor: string;
  let districtUserId: number;
  let schoolUserId: number;
  let usn: number;
  let principals: number;
  let westNetwork: number;
  const members: Record<string, number> = {};
  let meetingId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await addWestStaff(t.db);
    const idOf = async (email: string) =>
      (await t.db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    districtUserId = await idOf(demoUserOf('district_leader').email);
    schoolUserId = await idOf(demoUserOf('school_leader').email);
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const network = (name: string, kind: string, regionCode: string | null) => ({
    name,
    kind,
    description: `${name}: monthly meetings.`,
    regionCode,
  });

  it('lets state staff keep statewide networks and regional staff their own region’s', async () => {
    const url = '/api/assistance/networks';
    const created = await call('POST', url, coastal, network('Coastal principals network', 'principals', 'coastal'));
    expect(created.statusCode).toBe(201);
    principals = created.json().id;
    expect(created.json()).toMatchObject({
      kindLabel: "Principals' network",
      region: { code: 'coastal' },
      canManage: true,
      memberCount: 0,
      members: [],
      meetings: [],
    });
    expect((await call('POST', url, coastal, network('Elsewhere', 'other', 'west-central'))).statusCode).toBe(403);
    const statewide = await call('POST', url, coastal, network('Statewide by region', 'other', null));
    expect(statewide.statusCode).toBe(403);
    expect(statewide.json().error.message).toBe('Statewide networks are kept by state staff');
    expect((await call('POST', url, district, network('Mine', 'other', 'coastal'))).statusCode).toBe(403);
    expect((await call('POST', url, undefined, network('Mine', 'other', 'coastal'))).statusCode).toBe(401);
    usn = (await call('POST', url, state, network('Urban Superintendents Network', 'superintendents', null))).json().id;
    westNetwork = (await call('POST', url, west, network('Data leads job-alike', 'job_alike', 'west-central'))).json()
      .id;
    const duplicate = await call('POST', url, state, network('urban superintendents network', 'other', null));
    expect(duplicate.statusCode).toBe(409);
    expect((await call('POST', url, state, network('X', 'council', null))).json().error.field).toBe('kind');
    expect((await call('POST', url, state, network('X', 'other', '00010000'))).json().error.field).toBe('regionCode');
  });

  it('adds users and named people with an organization and role; a regional network’s from its region', async () => {
    const add = (id: number, cookie: string, body: object) =>
      call('POST', `/api/assistance/networks/${id}/members`, cookie, body);
    const drew = await add(usn, state, { userId: districtUserId, orgCode: '00010000', role: 'Superintendent' });
    expect(drew.statusCode).toBe(201);
    expect(drew.json().members[0]).toMatchObject({
      user: { id: districtUserId, displayName: 'Drew District' },
      name: 'Drew District',
      email: demoUserOf('district_leader').email,
      org: { code: '00010000' },
      role: 'Superintendent',
      active: true,
    });
    members.drew = drew.json().members[0].id;
    const worcester = await add(usn, state, {
      name: 'Wanda Worcester',
      email: 'Wanda@Worcester.example',
      orgCode: '03480000',
      role: 'Superintendent',
    });
    expect(worcester.json().members.find((m: { name: string }) => m.name === 'Wanda Worcester').email).toBe(
      'wanda@worcester.example',
    );
    expect((await add(usn, coastal, { name: 'Tom', orgCode: '02930000', role: 'Superintendent' })).statusCode).toBe(
      403,
    );
    const skyler = await add(principals, coastal, { userId: schoolUserId, orgCode: '00010505', role: 'Principal' });
    members.skyler = skyler.json().members[0].id;
    const bo = await add(principals, coastal, { name: 'Bo Barnstable', orgCode: '00200505', role: 'Principal' });
    members.bo = bo.json().members.find((m: { name: string }) => m.name === 'Bo Barnstable').id;
    const outside = await add(principals, coastal, { name: 'Bea Burncoat', orgCode: '03480503', role: 'Principal' });
    expect(outside.json().error).toMatchObject({
      field: 'orgCode',
      message: "Burncoat Senior High is not in the network's region (Coastal Regional Assistance Team)",
    });
    const again = await add(principals, coastal, { name: 'bo barnstable', orgCode: '00200505', role: 'Principal' });
    expect(again.statusCode).toBe(409);
    expect((await add(principals, coastal, { orgCode: '00200505', role: 'Principal' })).json().error.field).toBe(
      'name',
    );
    expect(
      (await add(principals, coastal, { userId: 999999, orgCode: '00200505', role: 'Principal' })).json().error.field,
    ).toBe('userId');
    expect((await add(principals, west, { name: 'X', orgCode: '00200505', role: 'Principal' })).statusCode).toBe(403);
    expect((await add(999999, state, { name: 'X', orgCode: '00200505', role: 'Principal' })).statusCode).toBe(404);
  });

  it('records meetings with the members who attended, and keeps attendance true', async () => {
    const url = `/api/assistance/networks/${principals}/meetings`;
    const held = await call('POST', url, coastal, {
      heldOn: '2026-11-10',
      topic: 'Learning walkthroughs',
      agenda: '1. Norms\n2. Walkthrough debrief',
      notes: 'Shared look-fors.',
      attendedMemberIds: [members.skyler],
    });
    expect(held.statusCode).toBe(201);
    meetingId = held.json().meetings[0].id;
    expect(held.json()).toMatchObject({ lastMeetingOn: '2026-11-10', nextMeetingOn: null });
    const future = await call('POST', url, coastal, {
      heldOn: '2026-12-15',
      topic: 'Data cycles',
      attendedMemberIds: [members.skyler],
    });
    expect(future.json().error).toMatchObject({
      field: 'attendedMemberIds',
      message: 'The meeting is on 2026-12-15: attendance is recorded once it has taken place',
    });
    const planned = await call('POST', url, coastal, { heldOn: '2026-12-15', topic: 'Data cycles' });
    expect(planned.json()).toMatchObject({ lastMeetingOn: '2026-11-10', nextMeetingOn: '2026-12-15' });
    const foreign = await call('POST', url, coastal, {
      heldOn: '2026-11-01',
      topic: 'X',
      attendedMemberIds: [members.drew],
    });
    expect(foreign.json().error.field).toBe('attendedMemberIds.0');
    const changed = await call('PUT', `${url}/${meetingId}`, coastal, {
      heldOn: '2026-11-10',
      topic: 'Learning walkthroughs',
      attendedMemberIds: [members.bo, members.skyler],
    });
    expect(changed.json().meetings.find((m: { id: number }) => m.id === meetingId).attendedMemberIds).toEqual(
      [members.skyler, members.bo].sort((a, b) => a! - b!),
    );
    expect(changed.json().members.find((m: { id: number }) => m.id === members.bo).meetingsAttended).toBe(1);
    expect((await call('PUT', `${url}/999999`, coastal, { heldOn: '2026-11-10', topic: 'X' })).statusCode).toBe(404);
    const remove = await call('DELETE', `/api/assistance/networks/${principals}/members/${members.skyler}`, coastal);
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error.message).toMatch(/mark them inactive instead/);
    const inactive = await call('PUT', `/api/assistance/networks/${principals}/members/${members.skyler}`, coastal, {
      userId: schoolUserId,
      orgCode: '00010505',
      role: 'Principal',
      active: false,
    });
    expect(inactive.json()).toMatchObject({ memberCount: 1 });
    const temp = await call('POST', `/api/assistance/networks/${principals}/members`, coastal, {
      name: 'Temp Person',
      orgCode: '00200000',
      role: 'Coach',
    });
    const tempId = temp.json().members.find((m: { name: string }) => m.name === 'Temp Person').id;
    const removed = await call('DELETE', `/api/assistance/networks/${principals}/members/${tempId}`, coastal);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((m: { name: string }) => m.name)).toEqual(['Bo Barnstable', 'Skyler School']);
  });

  it('shows each reader the networks they may read, and audits reads of members', async () => {
    const names = async (cookie: string) =>
      (await call('GET', '/api/assistance/networks', cookie)).json().items.map((n: { name: string }) => n.name);
    expect(await names(state)).toEqual([
      'Coastal principals network',
      'Data leads job-alike',
      'Urban Superintendents Network',
    ]);
    expect(await names(coastal)).toEqual(['Coastal principals network', 'Urban Superintendents Network']);
    expect(await names(west)).toEqual(['Data leads job-alike', 'Urban Superintendents Network']);
    // The Abington superintendent is a member of the USN; Abington High (of the district) is in the principals'.
    expect(await names(district)).toEqual(['Coastal principals network', 'Urban Superintendents Network']);
    expect(await names(school)).toEqual(['Coastal principals network']);
    expect((await call('GET', '/api/assistance/networks', vendor)).statusCode).toBe(403);
    const list = (await call('GET', '/api/assistance/networks', district)).json().items;
    expect(list.every((n: { canManage: boolean }) => !n.canManage)).toBe(true);

    expect((await call('GET', `/api/assistance/networks/${usn}`, district)).statusCode).toBe(200);
    expect((await call('GET', `/api/assistance/networks/${usn}`, school)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/networks/${principals}`, west)).statusCode).toBe(403);
    expect((await call('GET', `/api/assistance/networks/${westNetwork}`, coastal)).statusCode).toBe(403);
    expect((await call('GET', '/api/assistance/networks/999999', state)).statusCode).toBe(404);
    const reads = await t.db.kysely
      .selectFrom('audit_log')
      .select(['user_email', 'resource_id'])
      .where('resource_type', '=', 'assistance_network')
      .where('action', '=', 'read')
      .execute();
    expect(reads).toEqual([{ user_email: demoUserOf('district_leader').email, resource_id: String(usn) }]);
  });

  it('changes networks only where the caller keeps them, and only into a region its members belong to', async () => {
    const body = network('Coastal principals network', 'principals', 'coastal');
    const changed = await call('PUT', `/api/assistance/networks/${principals}`, coastal, {
      ...body,
      description: 'Principals of Coastal schools requiring assistance.',
    });
    expect(changed.json().description).toBe('Principals of Coastal schools requiring assistance.');
    expect(
      (await call('PUT', `/api/assistance/networks/${principals}`, coastal, { ...body, regionCode: 'west-central' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(
          'PUT',
          `/api/assistance/networks/${usn}`,
          coastal,
          network('Urban Superintendents Network', 'superintendents', null),
        )
      ).statusCode,
    ).toBe(403);
    const narrowed = await call('PUT', `/api/assistance/networks/${usn}`, state, {
      ...network('Urban Superintendents Network', 'superintendents', 'coastal'),
    });
    expect(narrowed.json().error).toMatchObject({
      field: 'regionCode',
      message: 'Wanda Worcester (Worcester) is a member from outside Coastal Regional Assistance Team',
    });
    expect((await call('PUT', `/api/assistance/networks/${principals}`, school, body)).statusCode).toBe(403);
  });
});
