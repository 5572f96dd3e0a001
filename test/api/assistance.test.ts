import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { addUser, addWestStaff, apiCaller, seedAssistanceData, signInWest, TODAY } from './assistance-fixtures.ts';

/** Teams and caseloads, the priority queue and the engagement log over the API, with who may do what. */
describe.each(testBackends())('assistance operations over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let school: string;
  let vendor: string;
  let coastalUserId: number;
  let secondCoastalId: number;
  let westUserId: number;
  let coastalStaffId: number;
  let westStaffId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    secondCoastalId = await addUser(t.db, {
      email: 'pat.principal@demo.ssos.example',
      name: 'Pat Principal',
      role: 'regional_staff',
      scopeCode: 'coastal',
      password: 'assistance-test-1',
    });
    westUserId = await addWestStaff(t.db);
    coastalUserId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('email', '=', demoUserOf('regional_staff').email)
        .executeTakeFirstOrThrow()
    ).id;
    admin = await signInAs(t.app, 'state_admin');
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const audits = (resourceType: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'user_email'])
      .where('resource_type', '=', resourceType)
      .execute();

  it('documents the assistance routes in the OpenAPI document, each saying who may call it', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const paths = Object.keys(doc.paths).filter(
      (p) => p.startsWith('/api/assistance') || /engagements|observations|partner-suggestions/.test(p),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/assistance/staff',
        '/api/assistance/regions/{code}/priority',
        '/api/assistance/engagements',
        '/api/orgs/{code}/engagements',
        '/api/assistance/calibration-sessions/{id}',
        '/api/assistance/grants/programs/{id}/allocations',
        '/api/assistance/pd/sessions/{id}/registrations',
        '/api/assistance/partners',
        '/api/orgs/{code}/partner-suggestions',
      ]),
    );
    for (const p of paths)
      for (const [method, op] of Object.entries(doc.paths[p]!))
        expect(op.description ?? '', `${method} ${p}`).toMatch(/Access: /);
    expect(doc.paths['/api/orgs/{code}/engagements']!.get!.description).toMatch(
      /every read is written to the audit log/,
    );
  });

  describe('teams and caseloads', () => {
    it('lets regional staff build their own team, and refuses other regions, non-staff and duplicates', async () => {
      const body = {
        userId: coastalUserId,
        regionCode: 'coastal',
        teamRole: 'regional_director',
        districtCodes: ['02930000'],
      };
      expect((await call('POST', '/api/assistance/staff', undefined, body)).statusCode).toBe(401);
      expect((await call('POST', '/api/assistance/staff', district, body)).statusCode).toBe(403);
      expect((await call('POST', '/api/assistance/staff', vendor, body)).statusCode).toBe(403);
      const created = await call('POST', '/api/assistance/staff', coastal, body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        user: { id: coastalUserId, displayName: 'Riley Coastal' },
        region: { code: 'coastal' },
        teamRole: 'regional_director',
        teamRoleLabel: 'Regional director',
        active: true,
        districts: [{ code: '02930000', name: 'Taunton', level: 'district' }],
      });
      coastalStaffId = created.json().id;
      const again = await call('POST', '/api/assistance/staff', coastal, { ...body, teamRole: 'data_specialist' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/on a team already/);

      const westBody = {
        userId: westUserId,
        regionCode: 'west-central',
        teamRole: 'math_specialist',
        districtCodes: [],
      };
      const outside = await call('POST', '/api/assistance/staff', coastal, westBody);
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error.code).toBe('out_of_scope');
      const westCreated = await call('POST', '/api/assistance/staff', state, {
        ...westBody,
        districtCodes: ['03480000'],
      });
      expect(westCreated.statusCode).toBe(201);
      westStaffId = westCreated.json().id;

      const districtUser = (
        await t.db.kysely
          .selectFrom('users')
          .select('id')
          .where('email', '=', demoUserOf('district_leader').email)
          .executeTakeFirstOrThrow()
      ).id;
      const notStaff = await call('POST', '/api/assistance/staff', admin, { ...body, userId: districtUser });
      expect(notStaff.statusCode).toBe(400);
      expect(notStaff.json().error).toMatchObject({
        field: 'userId',
        message: expect.stringMatching(/not agency staff/),
      });
      const wrongDistrict = await call('POST', '/api/assistance/staff', coastal, {
        userId: secondCoastalId,
        regionCode: 'coastal',
        teamRole: 'principal_specialist',
        districtCodes: ['03480000'],
      });
      expect(wrongDistrict.statusCode).toBe(400);
      expect(wrongDistrict.json().error.field).toBe('districtCodes');
      const badRole = await call('POST', '/api/assistance/staff', coastal, { ...body, teamRole: 'coach' });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json().error.field).toBe('teamRole');
      expect(
        (
          await call('POST', '/api/assistance/staff', coastal, {
            userId: secondCoastalId,
            regionCode: 'coastal',
            teamRole: 'principal_specialist',
            districtCodes: ['00010000', '00200000'],
          })
        ).statusCode,
      ).toBe(201);
      expect((await audits('assistance_staff')).filter((a) => a.action === 'create')).toHaveLength(3);
    });

    it('lists each region to its own staff only, and every region to state staff', async () => {
      expect((await call('GET', '/api/assistance/staff')).statusCode).toBe(401);
      expect((await call('GET', '/api/assistance/staff', school)).statusCode).toBe(403);
      const mine = (await call('GET', '/api/assistance/staff', coastal)).json();
      expect(mine.items.map((s: { region: { code: string } }) => s.region.code)).toEqual(['coastal', 'coastal']);
      expect((await call('GET', '/api/assistance/staff?region=west-central', coastal)).statusCode).toBe(403);
      const all = (await call('GET', '/api/assistance/staff', state)).json();
      expect(all.items).toHaveLength(3);
      const one = await call('GET', '/api/assistance/staff?region=west-central', state);
      expect(one.json().items.map((s: { user: { displayName: string } }) => s.user.displayName)).toEqual(['Wes West']);
      expect((await call('GET', '/api/assistance/staff?region=00010000', state)).json().error.field).toBe('region');
    });

    it("changes a team member within the region only, and shows the caseload's classification", async () => {
      const update = { teamRole: 'regional_director', districtCodes: ['02930000', '00010000'], active: true };
      expect((await call('PUT', `/api/assistance/staff/${westStaffId}`, coastal, update)).statusCode).toBe(403);
      expect((await call('PUT', '/api/assistance/staff/999999', coastal, update)).statusCode).toBe(404);
      const changed = await call('PUT', `/api/assistance/staff/${coastalStaffId}`, coastal, update);
      expect(changed.statusCode).toBe(200);
      expect(
        changed
          .json()
          .districts.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(['00010000', '02930000']);

      expect((await call('GET', `/api/assistance/staff/${westStaffId}/caseload`, coastal)).statusCode).toBe(403);
      expect((await call('GET', `/api/assistance/staff/${coastalStaffId}/caseload`, district)).statusCode).toBe(403);
      const caseload = (await call('GET', `/api/assistance/staff/${coastalStaffId}/caseload`, coastal)).json();
      expect(caseload.run).toMatchObject({ year: 2026 });
      const me = (await call('GET', '/api/assistance/me', coastal)).json();
      expect(me.staff.id).toBe(coastalStaffId);
      expect(me.caseload.items).toEqual(caseload.items);
      expect((await call('GET', '/api/assistance/me', state)).json()).toEqual({ staff: null, caseload: null });
      expect((await call('GET', '/api/assistance/me', school)).statusCode).toBe(403);
      const codes = caseload.items.map((i: { org: { code: string } }) => i.org.code);
      expect(codes).toContain('02930505');
      expect(codes).toContain('00010505');
      expect(codes).not.toContain('00200505');
      const tauntonHigh = caseload.items.find((i: { org: { code: string } }) => i.org.code === '02930505');
      expect(tauntonHigh).toMatchObject({
        district: { code: '02930000' },
        classification: 'Requiring assistance or intervention',
        requiringAssistance: true,
        lastEngagementOn: null,
      });
      expect(caseload.items.find((i: { org: { code: string } }) => i.org.code === '00010505')).toMatchObject({
        requiringAssistance: false,
      });
    });
  });

  describe('priority queue', () => {
    type Entry = {
      rank: number;
      org: { code: string };
      score: number;
      requiringAssistance: boolean;
      highRiskShare: number | null;
      alert: { kind: string; daysSince: number | null } | null;
      lastEngagementOn: string | null;
    };

    it('puts requiring assistance first by score, with the early-warning share and the never-engaged alert', async () => {
      const res = await call('GET', '/api/assistance/regions/coastal/priority', coastal);
      expect(res.statusCode).toBe(200);
      const q = res.json();
      expect(q).toMatchObject({ region: { code: 'coastal' }, run: { year: 2026 }, ewisRun: { year: 2026 } });
      expect(q.asOf).toBe('2026-11-24');
      expect(q.settings.alertDays).toBe(60);
      const items = q.items as Entry[];
      // Default weights 50/30/20, a missing part redistributed (docs/assistance.md):
      // Barnstable High and Friedman (percentile 8, no early-warning scores): (50 + 91/98 x 30) / 80 x 100 = 97.32;
      // tied, Barnstable High's code is lower. Taunton High: 50 + 96/98 x 30 + 0.5 x 20 = 89.39. Taunton (district):
      // no percentile, half of its scored students at high risk: (50 + 10) / 70 x 100 = 85.71.
      expect(items.slice(0, 4).map((e) => e.org.code)).toEqual(['00200505', '02930315', '02930505', '02930000']);
      expect(items[0]!.score).toBeCloseTo(((50 + (91 / 98) * 30) / 80) * 100, 9);
      expect(items[2]!.score).toBeCloseTo(50 + (96 / 98) * 30 + 10, 9);
      expect(items[2]!.highRiskShare).toBe(0.5);
      expect(items[3]!.score).toBeCloseTo((60 / 70) * 100, 9);
      expect(items.slice(0, 4).every((e) => e.requiringAssistance && e.alert?.kind === 'never')).toBe(true);
      expect(q.alerts).toBe(4);
      // Abington High (not requiring, percentile 60) comes after them all: (39/98 x 30) / 80 x 100.
      expect(items[4]!.org.code).toBe('00010505');
      expect(items.some((e) => e.org.code === '03480503')).toBe(false);
      expect(items.map((e) => e.rank)).toEqual(items.map((_, i) => i + 1));
      const schools = (await call('GET', '/api/assistance/regions/coastal/priority?level=school', coastal)).json();
      expect((schools.items as Entry[]).every((e) => e.org.code.slice(4) !== '0000')).toBe(true);
    });

    it('refuses signed-out users, leaders, vendors and other regions', async () => {
      expect((await call('GET', '/api/assistance/regions/coastal/priority')).statusCode).toBe(401);
      expect((await call('GET', '/api/assistance/regions/coastal/priority', district)).statusCode).toBe(403);
      expect((await call('GET', '/api/assistance/regions/coastal/priority', vendor)).statusCode).toBe(403);
      const other = await call('GET', '/api/assistance/regions/west-central/priority', coastal);
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('out_of_scope');
      const westQueue = (await call('GET', '/api/assistance/regions/west-central/priority', state)).json();
      expect(westQueue.items[0].org.code).toBe('03480503');
      const notRegion = await call('GET', '/api/assistance/regions/00010000/priority', state);
      expect(notRegion.statusCode).toBe(400);
      expect(notRegion.json().error.field).toBe('code');
      expect((await call('GET', '/api/assistance/regions/coastal/priority?level=state', state)).statusCode).toBe(400);
    });

    it('follows the settings a state administrator changes (audited), and only them', async () => {
      const settings = {
        weights: { classification: 50, percentile: 30, earlyWarning: 20 },
        missing: 'zero',
        requiringAssistanceFirst: true,
        alertDays: 30,
      };
      expect((await call('PUT', '/api/assistance/settings/priority', state, settings)).statusCode).toBe(403);
      const bad = await call('PUT', '/api/assistance/settings/priority', admin, { ...settings, alertDays: 0 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('alertDays');
      const zero = await call('PUT', '/api/assistance/settings/priority', admin, {
        ...settings,
        weights: { classification: 0, percentile: 0, earlyWarning: 0 },
      });
      expect(zero.statusCode).toBe(400);
      expect(zero.json().error.field).toBe('weights');
      expect((await call('PUT', '/api/assistance/settings/priority', admin, settings)).statusCode).toBe(200);
      expect((await call('GET', '/api/assistance/settings/priority', coastal)).json()).toEqual(settings);
      // Missing parts now count as zero: Taunton High (89.39) passes the schools without early-warning scores (77.86).
      const items = (await call('GET', '/api/assistance/regions/coastal/priority', coastal)).json().items as Entry[];
      expect(items[0]!.org.code).toBe('02930505');
      expect(items[1]!.score).toBeCloseTo(50 + (91 / 98) * 30, 9);
      expect((await audits('assistance_priority_settings')).map((a) => a.action)).toEqual(['update']);
      await call('PUT', '/api/assistance/settings/priority', admin, {
        ...settings,
        missing: 'redistribute',
        alertDays: 60,
      });
    });
  });

  describe('engagement log', () => {
    let engagementId: number;
    const body = () => ({
      orgCode: '00200505',
      type: 'learning_walkthrough',
      occurredOn: '2026-11-20',
      staffIds: [coastalStaffId],
      participants: [
        { name: 'Jordan Lee', role: 'Principal' },
        { name: 'Casey Kim', role: 'Instructional coach' },
      ],
      frameworkCodes: ['cse-4', 'tp-2'],
      notes: 'Walked grade 9 math and ELA classrooms; questioning mostly recall-level.',
      nextSteps: 'Instructional leadership team to norm on higher-order questioning before the December visit.',
    });

    it('logs an engagement for the top school, which clears its alert and shows on the caseload', async () => {
      expect((await call('POST', '/api/assistance/engagements', undefined, body())).statusCode).toBe(401);
      expect((await call('POST', '/api/assistance/engagements', district, body())).statusCode).toBe(403);
      expect((await call('POST', '/api/assistance/engagements', vendor, body())).statusCode).toBe(403);
      const res = await call('POST', '/api/assistance/engagements', coastal, body());
      expect(res.statusCode).toBe(201);
      const e = res.json();
      engagementId = e.id;
      expect(e).toMatchObject({
        org: { code: '00200505', name: 'Barnstable High', level: 'school' },
        district: { code: '00200000' },
        type: 'learning_walkthrough',
        typeLabel: 'Learning walkthrough',
        occurredOn: '2026-11-20',
        staff: [{ id: coastalStaffId, displayName: 'Riley Coastal', teamRole: 'regional_director' }],
        participants: body().participants,
        frameworkCodes: [
          { code: 'cse-4', title: 'Effective instruction' },
          { code: 'tp-2', title: 'Intentional practices for improving instruction' },
        ],
      });
      const q = (await call('GET', '/api/assistance/regions/coastal/priority', coastal)).json();
      const top = q.items.find((i: { org: { code: string } }) => i.org.code === '00200505');
      expect(top).toMatchObject({ lastEngagementOn: '2026-11-20', daysSinceEngagement: 4, alert: null });
      // An engagement 84 days ago (more than 60) leaves Friedman with an overdue alert.
      const old = await call('POST', '/api/assistance/engagements', coastal, {
        ...body(),
        orgCode: '02930315',
        type: 'data_session',
        occurredOn: '2026-09-01',
        participants: [],
        frameworkCodes: [],
      });
      expect(old.statusCode).toBe(201);
      const after = (await call('GET', '/api/assistance/regions/coastal/priority', coastal)).json();
      expect(after.items.find((i: { org: { code: string } }) => i.org.code === '02930315').alert).toMatchObject({
        kind: 'overdue',
        daysSince: 84,
      });
      // The district counts its schools' engagements.
      expect(after.items.find((i: { org: { code: string } }) => i.org.code === '02930000').lastEngagementOn).toBe(
        '2026-09-01',
      );
      expect(after.alerts).toBe(3);
      const caseload = (await call('GET', `/api/assistance/staff/${coastalStaffId}/caseload`, coastal)).json();
      expect(caseload.items.find((i: { org: { code: string } }) => i.org.code === '02930315').lastEngagementOn).toBe(
        '2026-09-01',
      );
      expect((await audits('assistance_engagement')).filter((a) => a.action === 'create')).toHaveLength(2);
    });

    it('refuses organizations outside the region, other teams, future dates and bad fields with 400 naming the field', async () => {
      const outside = await call('POST', '/api/assistance/engagements', coastal, { ...body(), orgCode: '03480503' });
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error.code).toBe('out_of_scope');
      const cases: [Record<string, unknown>, string][] = [
        [{ ...body(), occurredOn: '2026-11-25' }, 'occurredOn'],
        [{ ...body(), occurredOn: '2026-02-30' }, 'occurredOn'],
        [{ ...body(), type: 'lunch' }, 'type'],
        [{ ...body(), frameworkCodes: ['cse-12'] }, 'frameworkCodes.0'],
        [{ ...body(), staffIds: [] }, 'staffIds'],
        [{ ...body(), staffIds: [westStaffId] }, 'staffIds'],
        [{ ...body(), orgCode: 'coastal' }, 'orgCode'],
        [{ ...body(), orgCode: '99999999' }, 'orgCode'],
        [{ ...body(), participants: [{ name: '', role: 'Principal' }] }, 'participants.0.name'],
        [{ ...body(), extra: 1 }, 'extra'],
      ];
      // A team member who left (inactive) cannot be named on a new engagement.
      const pat = (await call('GET', '/api/assistance/staff', coastal))
        .json()
        .items.find((m: { user: { id: number } }) => m.user.id === secondCoastalId);
      const off = await call('PUT', `/api/assistance/staff/${pat.id}`, coastal, {
        teamRole: pat.teamRole,
        districtCodes: [],
        active: false,
      });
      expect(off.json().active).toBe(false);
      cases.push([{ ...body(), staffIds: [pat.id] }, 'staffIds']);
      for (const [payload, field] of cases) {
        const res = await call('POST', '/api/assistance/engagements', coastal, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
      }
    });

    it('lets leaders read their own organization only, audits every read, and exports CSV', async () => {
      // The Abington district leader and the Abington High school leader: an engagement at Abington High.
      const abington = await call('POST', '/api/assistance/engagements', coastal, {
        ...body(),
        orgCode: '00010505',
        type: 'coaching',
        occurredOn: '2026-11-02',
        notes: 'Coached the principal on "look-fors", with commas, and quotes.',
      });
      expect(abington.statusCode).toBe(201);
      const schoolView = await call('GET', '/api/orgs/00010505/engagements', school);
      expect(schoolView.statusCode).toBe(200);
      expect(schoolView.json().items.map((e: { org: { code: string } }) => e.org.code)).toEqual(['00010505']);
      const districtView = await call('GET', '/api/orgs/00010000/engagements', district);
      expect(districtView.json().items).toHaveLength(1);
      expect((await call('GET', '/api/orgs/00200000/engagements', district)).statusCode).toBe(403);
      expect((await call('GET', `/api/assistance/engagements/${engagementId}`, district)).statusCode).toBe(403);
      expect((await call('GET', `/api/assistance/engagements/${abington.json().id}`, district)).statusCode).toBe(200);
      expect((await call('GET', '/api/orgs/00010000/engagements', vendor)).statusCode).toBe(403);
      expect((await call('GET', '/api/orgs/00010000/engagements')).statusCode).toBe(401);
      expect((await call('GET', '/api/orgs/03480000/engagements', coastal)).statusCode).toBe(403);
      expect((await call('GET', '/api/assistance/engagements/999999', state)).statusCode).toBe(404);

      const region = (await call('GET', '/api/orgs/coastal/engagements', coastal)).json();
      expect(region.items.map((e: { occurredOn: string }) => e.occurredOn)).toEqual([
        '2026-11-20',
        '2026-11-02',
        '2026-09-01',
      ]);
      const filtered = (await call('GET', '/api/orgs/coastal/engagements?from=2026-11-01&type=coaching', state)).json();
      expect(filtered.items).toHaveLength(1);
      const page = (await call('GET', '/api/orgs/coastal/engagements?limit=1&offset=1', state)).json();
      expect(page.total).toBe(3);
      expect(page.items.map((e: { occurredOn: string }) => e.occurredOn)).toEqual(['2026-11-02']);
      const backwards = await call('GET', '/api/orgs/coastal/engagements?from=2026-12-01&to=2026-11-01', state);
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.field).toBe('from');

      const csv = await call('GET', '/api/orgs/00010000/engagements?format=csv', district);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="engagements-00010000.csv"');
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Date,Organization code,Organization,District,Type,Staff,Participants,Conditions / Practices,Notes,Next steps',
      );
      expect(lines[1]).toContain(
        '2026-11-02,00010505,Abington High,Abington,Coaching,Riley Coastal,Jordan Lee (Principal); Casey Kim (Instructional coach),cse-4; tp-2,"Coached the principal on ""look-fors"", with commas, and quotes.",',
      );
      const timeline = await audits('assistance_engagement_timeline');
      expect(timeline.filter((a) => a.action === 'export')).toEqual([
        { action: 'export', resource_id: '00010000', user_email: demoUserOf('district_leader').email },
      ]);
      // The school, district, region, filtered and paged views: one read each (a refused request writes none).
      expect(timeline.filter((a) => a.action === 'read')).toHaveLength(5);
      expect((await audits('assistance_engagement')).some((a) => a.action === 'read')).toBe(true);
    });

    it('corrects and deletes an engagement within the region only', async () => {
      const changed = await call('PUT', `/api/assistance/engagements/${engagementId}`, coastal, {
        ...body(),
        nextSteps: 'Follow-up walkthrough on December 10.',
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().nextSteps).toBe('Follow-up walkthrough on December 10.');
      expect((await call('PUT', `/api/assistance/engagements/${engagementId}`, west, body())).statusCode).toBe(403);
      expect((await call('DELETE', `/api/assistance/engagements/${engagementId}`, west)).statusCode).toBe(403);
      expect((await call('DELETE', `/api/assistance/engagements/${engagementId}`, district)).statusCode).toBe(403);
      expect((await call('DELETE', `/api/assistance/engagements/${engagementId}`, coastal)).statusCode).toBe(204);
      expect((await call('GET', `/api/assistance/engagements/${engagementId}`, coastal)).statusCode).toBe(404);
      const actions = (await audits('assistance_engagement'))
        .filter((a) => a.resource_id === String(engagementId))
        .map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    });
  });
});
