import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, loadDemoAssistance } from '../../src/server/services/demo-assistance.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { seedAssistanceData, TODAY } from './assistance-fixtures.ts';

/**
 * The demo's assistance operations, loaded on the fixed demo Commonwealth with the assistance fixtures' official run
 * (Barnstable High and Benjamin Friedman Middle at percentile 8, Taunton High at 3 with half its scored students at
 * high risk, the Taunton district; Burncoat Senior High in West/Central), and read back through the API.
 *
 * Worked by hand with the default settings (classification 50, percentile 30, early warning 20; a missing part left
 * out): Barnstable High and Benjamin Friedman score 100 x (50 + 30 x 91/98) / 80 = 97.32 (tied: Barnstable's code
 * first), Taunton High 50 + 30 x 96/98 + 20 x 0.5 = 89.39, the Taunton district 100 x (50 + 20 x 0.5) / 70 = 85.71.
 * So Barnstable High is the top Coastal school: its engagements lie 95 and 68 days back (overdue), Friedman's 40 and
 * 12, Taunton High's 26, the district's 30. Coastal districts in queue order (Barnstable, Taunton, Abington) go to the
 * principal specialist, the data and the literacy specialist, each of whom met one school not requiring assistance:
 * 9 Coastal engagements. West/Central: Burncoat Senior High (2) and one school for each of its two specialists: 4.
 */
describe.each(testBackends())('the demo of assistance operations on %s', (backend) => {
  let t: TestApp;
  let coastal: string;
  let summary: Awaited<ReturnType<typeof loadDemoAssistance>>;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    summary = await loadDemoAssistance(t.db, TODAY);
    coastal = await signInAs(t.app, 'regional_staff');
  }, 240_000);
  afterAll(async () => t?.close());

  const get = async (url: string, cookie = coastal) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it('loads the teams, engagements, partners, training and one self-assessment, once', async () => {
    expect(summary).toEqual({
      teamMembers: 7,
      engagements: 13,
      partners: 9,
      sessions: 9,
      registrations: 7,
      selfAssessments: 1,
    });
    // Loading again changes nothing: the demo is loaded once.
    expect(await loadDemoAssistance(t.db, TODAY)).toEqual({
      teamMembers: 0,
      engagements: 0,
      partners: 0,
      sessions: 0,
      registrations: 0,
      selfAssessments: 0,
    });
    const count = async (table: 'assistance_staff' | 'assistance_engagements' | 'pd_registrations') =>
      Number(
        (
          await t.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('assistance_staff'), await count('assistance_engagements')]).toEqual([7, 13]);
    expect(await count('pd_registrations')).toBe(7);
  });

  it('puts the demo regional account on the Coastal team, with the districts that need help most', async () => {
    const me = await get('/api/assistance/me');
    expect(me.staff).toMatchObject({
      user: { displayName: 'Riley Coastal' },
      region: { code: 'coastal' },
      teamRole: 'principal_specialist',
      districts: [{ code: '00200000', name: 'Barnstable' }],
    });
    const team = await get('/api/assistance/staff?region=coastal');
    expect(team.items.map((s: { teamRole: string }) => s.teamRole).sort()).toEqual([
      'data_specialist',
      'literacy_specialist',
      'principal_specialist',
      'regional_director',
    ]);
    const director = team.items.find((s: { teamRole: string }) => s.teamRole === 'regional_director');
    expect(director.districts.map((d: { code: string }) => d.code).sort()).toEqual(['00200000', '02930000']);
    const barnstableHigh = me.caseload.items.find((e: { org: { code: string } }) => e.org.code === '00200505');
    expect(barnstableHigh).toMatchObject({ requiringAssistance: true, lastEngagementOn: '2026-09-17' });
  });

  it('gives the queue an overdue alert on its top school and engagements in the past only', async () => {
    const queue = await get('/api/assistance/regions/coastal/priority?level=school');
    const top = queue.items.slice(0, 3).map((e: { org: { code: string }; score: number; alert: unknown }) => ({
      code: e.org.code,
      score: Math.round(e.score * 100) / 100,
      alert: e.alert,
    }));
    expect(top).toEqual([
      {
        code: '00200505',
        score: 97.32,
        alert: expect.objectContaining({ kind: 'overdue', daysSince: 68 }),
      },
      { code: '02930315', score: 97.32, alert: null },
      { code: '02930505', score: 89.39, alert: null },
    ]);
    const timeline = await get('/api/orgs/00200505/engagements');
    expect(timeline.items.map((e: { occurredOn: string; type: string }) => [e.occurredOn, e.type])).toEqual([
      ['2026-09-17', 'learning_walkthrough'],
      ['2026-08-21', 'data_session'],
    ]);
    expect(timeline.items[0].participants[0]).toEqual(demoPrincipal);
    const all = await get('/api/orgs/coastal/engagements');
    expect(all.total).toBe(9);
    expect(all.items.every((e: { occurredOn: string }) => e.occurredOn < '2026-11-24')).toBe(true);
  });

  it('suggests vetted partners for the top school from its completed self-assessment', async () => {
    const suggestions = await get('/api/orgs/00200505/partner-suggestions');
    expect(suggestions.selfAssessment).toMatchObject({ period: '2026-27' });
    expect(suggestions.needs.map((n: { code: string; score: number }) => [n.code, n.score])).toEqual([
      ['cse-8', 1],
      ['cse-4', 2],
      ['cse-9', 2],
      ['cse-10', 2],
    ]);
    // Lowest rating addressed first (Condition 8), then by name; West/Central and inactive partners are left out.
    expect(suggestions.items.map((s: { partner: { name: string } }) => s.partner.name)).toEqual([
      'Bay State Literacy Partners',
      'Coastal Family Engagement Network',
      'Commonwealth Mathematics Coaching Collaborative',
      'Whole Child Wellness Partners',
    ]);
    const catalog = await get('/api/assistance/partners');
    expect(catalog.items).toHaveLength(9);
    expect(catalog.items.filter((p: { status: string }) => p.status === 'vetted')).toHaveLength(7);
  });

  it('offers training in the five content areas, one small session full and one held with its attendance', async () => {
    const offerings = await get('/api/assistance/pd/offerings');
    expect(new Set(offerings.items.map((o: { contentArea: string }) => o.contentArea))).toEqual(
      new Set(['instructional_leadership', 'sheltered_content_el', 'inclusive_practice', 'mathematics', 'literacy']),
    );
    const sessions = offerings.items.flatMap(
      (o: { sessions: { id: number; startsOn: string; capacity: number; confirmed: number; waitlisted: number }[] }) =>
        o.sessions,
    );
    // Every session lies ahead but one, held three weeks ago (2026-11-03), whose attendance is recorded.
    const held = sessions.filter((s: { startsOn: string }) => s.startsOn <= '2026-11-24');
    expect(held.map((s: { startsOn: string }) => s.startsOn)).toEqual(['2026-11-03']);
    const summary = await get(`/api/assistance/pd/sessions/${held[0].id}/summary`);
    expect(summary.attendance).toEqual({ confirmed: 3, attended: 2, absent: 1, notRecorded: 0, rate: 66.7 });
    const full = sessions.filter((s: { capacity: number; confirmed: number }) => s.confirmed >= s.capacity);
    expect(full).toEqual([expect.objectContaining({ capacity: 2, confirmed: 2, waitlisted: 0 })]);
    // Both registrations are of Coastal schools, so the Coastal staff see (and may cancel) them.
    const registrations = await get(`/api/assistance/pd/sessions/${full[0].id}/registrations`);
    expect(registrations.items.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['Casey Morgan', 'confirmed'],
      ['Jamie Chen', 'confirmed'],
    ]);
  });
});
