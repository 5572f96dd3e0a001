import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { addWestStaff, apiCaller, seedAssistanceData, signInWest, TODAY, westStaff } from './assistance-fixtures.ts';

interface CaseloadItem {
  org: { code: string };
  requiringAssistance: boolean;
  lastEngagementOn: string | null;
  daysSinceEngagement: number | null;
  alert: { kind: string; daysSince: number | null; message: string } | null;
}

/**
 * Staffing the regional teams over the API (what the staffing page uses): the districts of a region and the accounts
 * that may join its team, adding a member by the email of their account, removing one; and the engagement alert that
 * each caseload entry carries, computed on the server by the priority queue's rule (docs/assistance.md).
 */
describe.each(testBackends())('staffing the regional teams and the caseload alert over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let state: string;
  let coastal: string;
  let west: string;
  let district: string;
  let vendor: string;
  let rileyStaffId: number;
  let samStaffId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    // TODAY is 2026-11-24: 60 days before it is 2026-09-25, 61 days 2026-09-24.
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    await addWestStaff(t.db);
    admin = await signInAs(t.app, 'state_admin');
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    vendor = await signInAs(t.app, 'vendor');
    west = await signInWest(t.app);
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const audits = (resourceType: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'user_email', 'detail'])
      .where('resource_type', '=', resourceType)
      .orderBy('id')
      .execute();
  const candidateNames = async (cookie: string, region = 'coastal') =>
    (
      (await call('GET', `/api/assistance/regions/${region}/staffing`, cookie)).json() as {
        candidates: { displayName: string }[];
      }
    ).candidates.map((c) => c.displayName);

  describe('staffing a team', () => {
    it("gives a region's districts and the accounts that may join its team, to the region's staff only (audited)", async () => {
      expect((await call('GET', '/api/assistance/regions/coastal/staffing')).statusCode).toBe(401);
      expect((await call('GET', '/api/assistance/regions/coastal/staffing', district)).statusCode).toBe(403);
      expect((await call('GET', '/api/assistance/regions/coastal/staffing', vendor)).statusCode).toBe(403);
      const other = await call('GET', '/api/assistance/regions/west-central/staffing', coastal);
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('out_of_scope');
      const notRegion = await call('GET', '/api/assistance/regions/00010000/staffing', state);
      expect(notRegion.statusCode).toBe(400);
      expect(notRegion.json().error.field).toBe('code');

      const res = await call('GET', '/api/assistance/regions/coastal/staffing', coastal);
      expect(res.statusCode).toBe(200);
      const staffing = res.json();
      expect(staffing.region).toEqual({ code: 'coastal', name: 'Coastal Regional Assistance Team', level: 'region' });
      expect(staffing.districts).toEqual([
        { code: '00010000', name: 'Abington', level: 'district' },
        { code: '00200000', name: 'Barnstable', level: 'district' },
        { code: '02930000', name: 'Taunton', level: 'district' },
      ]);
      // Agency accounts only; regional staff of their own region only (Wes West works in West/Central).
      expect(staffing.candidates).toEqual([
        expect.objectContaining({ displayName: 'Dana Admin', role: 'state_admin', roleLabel: 'State administrator' }),
        expect.objectContaining({
          displayName: 'Riley Coastal',
          role: 'regional_staff',
          email: 'coastal@demo.ssos.example',
        }),
        expect.objectContaining({ displayName: 'Sam State', role: 'state_staff', roleLabel: 'State staff' }),
      ]);
      expect(await candidateNames(state, 'west-central')).toEqual(['Dana Admin', 'Sam State', westStaff.name]);
      const read = await audits('assistance_staff_candidates');
      expect(read.map((a) => [a.action, a.resource_id, a.user_email])).toEqual([
        ['read', 'coastal', demoUserOf('regional_staff').email],
        ['read', 'west-central', demoUserOf('state_staff').email],
      ]);
    });

    it('adds a member named by the email of their account, refusing beside that field accounts that may not join', async () => {
      const body = { regionCode: 'coastal', teamRole: 'math_specialist', districtCodes: ['00010000', '00200000'] };
      const refused = async (email: string) => {
        const res = await call('POST', '/api/assistance/staff', admin, { ...body, email });
        expect(res.statusCode, email).toBe(400);
        expect(res.json().error.field).toBe('email');
        return res.json().error.message as string;
      };
      expect(await refused(demoUserOf('district_leader').email)).toBe(
        'Drew District is not agency staff: only regional staff, state staff and administrators join a team',
      );
      expect(await refused('nobody@demo.ssos.example')).toBe(
        'No active account has the email address nobody@demo.ssos.example',
      );
      expect(await refused(westStaff.email)).toBe('Wes West works in another region');
      const neither = await call('POST', '/api/assistance/staff', admin, body);
      expect(neither.statusCode).toBe(400);
      expect(neither.json().error.field).toBe('email');
      const both = await call('POST', '/api/assistance/staff', admin, { ...body, userId: 1, email: 'x@y.example' });
      expect(both.statusCode).toBe(400);

      // The email is matched as accounts store it: trimmed, whatever the case.
      const created = await call('POST', '/api/assistance/staff', admin, {
        ...body,
        email: ' State@Demo.SSOS.example ',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        user: { displayName: 'Sam State', email: 'state@demo.ssos.example' },
        region: { code: 'coastal' },
        teamRole: 'math_specialist',
        active: true,
        districts: [
          { code: '00010000', name: 'Abington' },
          { code: '00200000', name: 'Barnstable' },
        ],
      });
      samStaffId = created.json().id;
      const again = await call('POST', '/api/assistance/staff', admin, { ...body, email: 'state@demo.ssos.example' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/Sam State is on a team already/);
      // On a team now, so no longer offered.
      expect(await candidateNames(admin)).toEqual(['Dana Admin', 'Riley Coastal']);

      const riley = await call('POST', '/api/assistance/staff', coastal, {
        email: demoUserOf('regional_staff').email,
        regionCode: 'coastal',
        teamRole: 'principal_specialist',
        districtCodes: ['02930000', '00200000', '00010000'],
      });
      expect(riley.statusCode).toBe(201);
      rileyStaffId = riley.json().id;
    });
  });

  describe('the engagement alert on the caseload', () => {
    const engage = async (orgCode: string, occurredOn: string) => {
      const res = await call('POST', '/api/assistance/engagements', coastal, {
        orgCode,
        type: 'coaching',
        occurredOn,
        staffIds: [rileyStaffId],
      });
      expect(res.statusCode, `${orgCode} ${occurredOn}`).toBe(201);
    };
    const itemOf = (items: CaseloadItem[], code: string) => items.find((i) => i.org.code === code)!;

    it('carries, per organization requiring assistance, the alert of the priority settings (hand-worked days)', async () => {
      await engage('02930505', '2026-09-25'); // Taunton High: exactly 60 days before 2026-11-24
      await engage('02930315', '2026-09-24'); // Benjamin Friedman Middle: 61 days
      await engage('00010505', '2026-01-10'); // Abington High (not requiring assistance): 318 days
      // Barnstable High requires assistance and has never been engaged.
      const res = await call('GET', `/api/assistance/staff/${rileyStaffId}/caseload`, coastal);
      expect(res.statusCode).toBe(200);
      const caseload = res.json();
      expect(caseload.asOf).toBe('2026-11-24');
      expect(caseload.alertDays).toBe(60);
      const items = caseload.items as CaseloadItem[];
      expect(itemOf(items, '02930505')).toMatchObject({
        requiringAssistance: true,
        lastEngagementOn: '2026-09-25',
        daysSinceEngagement: 60,
        alert: null,
      });
      expect(itemOf(items, '02930315')).toMatchObject({
        requiringAssistance: true,
        lastEngagementOn: '2026-09-24',
        daysSinceEngagement: 61,
        alert: {
          kind: 'overdue',
          daysSince: 61,
          message: 'Requires assistance and has had no engagement for 61 days (more than 60).',
        },
      });
      expect(itemOf(items, '00200505')).toMatchObject({
        requiringAssistance: true,
        lastEngagementOn: null,
        daysSinceEngagement: null,
        alert: { kind: 'never', daysSince: null, message: 'Requires assistance and has had no engagement yet.' },
      });
      // Taunton (district) requires assistance; its schools' engagements count, the latest 60 days ago.
      expect(itemOf(items, '02930000')).toMatchObject({
        requiringAssistance: true,
        lastEngagementOn: '2026-09-25',
        daysSinceEngagement: 60,
        alert: null,
      });
      // Not requiring assistance: never an alert, engaged long ago or never.
      expect(itemOf(items, '00010505')).toMatchObject({
        requiringAssistance: false,
        daysSinceEngagement: 318,
        alert: null,
      });
      expect(itemOf(items, '00010000')).toMatchObject({ requiringAssistance: false, alert: null });
      const notRequiring = items.filter((i) => !i.requiringAssistance);
      expect(notRequiring.length).toBeGreaterThan(10);
      expect(notRequiring.every((i) => i.alert === null)).toBe(true);
      expect(items.filter((i) => i.alert !== null).map((i) => i.org.code)).toEqual(['00200505', '02930315']);

      // The signed-in member's own caseload says the same, and so does the priority queue, entry by entry.
      const me = (await call('GET', '/api/assistance/me', coastal)).json();
      expect(me.caseload).toEqual(caseload);
      const queue = (await call('GET', '/api/assistance/regions/coastal/priority', coastal)).json();
      for (const entry of queue.items as CaseloadItem[])
        expect(itemOf(items, entry.org.code)?.alert ?? null, entry.org.code).toEqual(entry.alert);
    });

    it('follows the alert days a state administrator sets', async () => {
      const settings = (await call('GET', '/api/assistance/settings/priority', admin)).json();
      expect(
        (await call('PUT', '/api/assistance/settings/priority', admin, { ...settings, alertDays: 61 })).statusCode,
      ).toBe(200);
      const caseload = (await call('GET', `/api/assistance/staff/${rileyStaffId}/caseload`, state)).json();
      expect(caseload.alertDays).toBe(61);
      // Friedman's 61 days are no longer more than the alert days; Barnstable High still has had none.
      expect(itemOf(caseload.items, '02930315').alert).toBeNull();
      expect((caseload.items as CaseloadItem[]).filter((i) => i.alert !== null).map((i) => i.org.code)).toEqual([
        '00200505',
      ]);
      await call('PUT', '/api/assistance/settings/priority', admin, settings);
    });
  });

  describe('removing a member', () => {
    it('removes a member who led no engagement, refuses one who did (409), and only within the region', async () => {
      const url = (id: number) => `/api/assistance/staff/${id}`;
      expect((await call('DELETE', url(samStaffId))).statusCode).toBe(401);
      expect((await call('DELETE', url(samStaffId), district)).statusCode).toBe(403);
      expect((await call('DELETE', url(samStaffId), vendor)).statusCode).toBe(403);
      const outside = await call('DELETE', url(samStaffId), west);
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error.code).toBe('out_of_scope');

      const led = await call('DELETE', url(rileyStaffId), admin);
      expect(led.statusCode).toBe(409);
      expect(led.json().error.message).toBe(
        'Riley Coastal led 3 engagements in the log, so they stay on the team: mark them inactive instead',
      );
      const inactive = await call('PUT', url(rileyStaffId), coastal, {
        teamRole: 'principal_specialist',
        districtCodes: ['02930000'],
        active: false,
      });
      expect(inactive.statusCode).toBe(200);
      expect(inactive.json()).toMatchObject({ active: false, districts: [{ code: '02930000' }] });

      expect((await call('DELETE', url(samStaffId), coastal)).statusCode).toBe(204);
      const team = (await call('GET', '/api/assistance/staff?region=coastal', admin)).json();
      expect(team.items.map((s: { user: { displayName: string } }) => s.user.displayName)).toEqual(['Riley Coastal']);
      expect((await call('DELETE', url(samStaffId), coastal)).statusCode).toBe(404);
      // Off the team, Sam State may be added again.
      expect(await candidateNames(admin)).toEqual(['Dana Admin', 'Sam State']);
      const removed = (await audits('assistance_staff')).filter((a) => a.action === 'delete');
      expect(removed).toHaveLength(1);
      expect(removed[0]).toMatchObject({
        resource_id: String(samStaffId),
        user_email: demoUserOf('regional_staff').email,
      });
      const detail = (typeof removed[0]!.detail === 'string' ? JSON.parse(removed[0]!.detail) : removed[0]!.detail) as {
        before: { user: { displayName: string }; districts: { code: string }[] };
      };
      expect(detail.before.user.displayName).toBe('Sam State');
      expect(detail.before.districts.map((d) => d.code)).toEqual(['00010000', '00200000']);
    });
  });
});
