import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoCalibrationRatings,
  demoGrantProgram,
  demoInstrument,
  demoPrincipal,
  loadDemoAssistance,
} from '../../src/server/services/demo-assistance.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import {
  districtEnrollment,
  insertValues,
  NOT_REQUIRING,
  orgIdOf,
  seedAssistanceData,
  TODAY,
} from './assistance-fixtures.ts';

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
 *
 * Beside the fixtures, the test stores what the grant, the networks and recognition read: 2026 enrollment of the
 * schools requiring assistance (Barnstable High 1,100, Taunton High 700, Benjamin Friedman 500, Burncoat 150) and of
 * the districts; Taunton Alternative High School (Coastal, grades 8-12 like Taunton High and Barnstable High) as a
 * school of recognition in the official run, with the characteristics the DART compares; and an improvement plan of
 * Barnstable High with strategies written for Turnaround Practice 3 only (no partner serving Coastal addresses it,
 * so the partner suggestions stay those of the self-assessment).
 */
describe.each(testBackends())('the demo of assistance operations on %s', (backend) => {
  let t: TestApp;
  let coastal: string;
  let state: string;
  let summary: Awaited<ReturnType<typeof loadDemoAssistance>>;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    await seedAssistanceData(t.db);
    await insertValues(t.db, 'enrollment_total', 2026, {
      ...districtEnrollment,
      '00200505': 1100, // Barnstable High
      '02930505': 700, // Taunton High
      '02930315': 500, // Benjamin Friedman Middle
      '03480503': 150, // Burncoat Senior High
      '02930525': 900, // Taunton Alternative High School
    });
    const mshs = (values: [number, number, number]) => ({
      '02930525': values[0],
      '02930505': values[1],
      '00200505': values[2],
    });
    await insertValues(t.db, 'low_income_pct', 2026, mshs([40, 42, 20]));
    await insertValues(t.db, 'english_learner_pct', 2026, mshs([10, 10, 10]));
    await insertValues(t.db, 'disability_pct', 2026, mshs([15, 15, 15]));
    const k = t.db.kysely;
    const run = await k
      .selectFrom('accountability_runs')
      .select('id')
      .where('kind', '=', 'official')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('accountability_results')
      .values({
        run_id: run.id,
        org_id: await orgIdOf(t.db, '02930525'),
        classification: NOT_REQUIRING,
        category: null,
        reason: 'School of recognition',
        percentile: 90,
        annual_pct: null,
        cumulative_pct: null,
        level: null,
        report: JSON.stringify({ classification: { schoolOfRecognition: true } }),
      })
      .execute();
    const block = (strategies: string) => ({ dataAnalysis: '', strategies, districtSupport: '' });
    await k
      .insertInto('plans')
      .values({
        org_id: await orgIdOf(t.db, '00200505'),
        kind: 'improvement',
        title: 'Barnstable High improvement plan',
        start_year: 2026,
        end_year: 2028,
        blocks: JSON.stringify({
          leadership: block(''),
          instruction: block(''),
          student_supports: block('A daily intervention block in every grade, with entry and exit criteria.'),
          climate_culture: block(''),
        }),
      })
      .execute();
    summary = await loadDemoAssistance(t.db, TODAY);
    coastal = await signInAs(t.app, 'regional_staff');
    state = await signInAs(t.app, 'state_staff');
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
      grantPrograms: 1,
      grantApplications: 2,
      grantAwards: 1,
      budgetLines: 3,
      expenditureReports: 1,
      networks: 2,
      networkMembers: 10,
      networkMeetings: 4,
      pairings: 1,
      instruments: 1,
      observations: 3,
      calibrationSheets: 3,
    });
    // Loading again changes nothing: the demo is loaded once.
    expect(await loadDemoAssistance(t.db, TODAY)).toEqual({
      teamMembers: 0,
      engagements: 0,
      partners: 0,
      sessions: 0,
      registrations: 0,
      selfAssessments: 0,
      grantPrograms: 0,
      grantApplications: 0,
      grantAwards: 0,
      budgetLines: 0,
      expenditureReports: 0,
      networks: 0,
      networkMembers: 0,
      networkMeetings: 0,
      pairings: 0,
      instruments: 0,
      observations: 0,
      calibrationSheets: 0,
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
  it('allocates the grant to the schools requiring assistance, summing exactly to the budget (hand-worked)', async () => {
    // Four schools require assistance: budget 4 x $100,000 = $400,000 for fiscal 2027 (the 2026-27 school year).
    // Formula $25,000 + $150 per pupil: Barnstable High $190,000, Taunton High $130,000, Friedman $100,000, Burncoat
    // $47,500 (sum $467,500). The first factor 400/467.5 = 0.8556 puts Barnstable High above the maximum (fixed at
    // $125,000) and Burncoat below the minimum (fixed at $60,000); $215,000 is spread again over $230,000 (factor
    // 43/46 = 0.934783, under which both stay capped): Taunton High $121,521.739, Friedman $93,478.261. Rounded down
    // to the cent they leave one cent, which goes to the larger remainder (.913, Taunton High): $121,521.74 and
    // $93,478.26. Total 125,000 + 121,521.74 + 93,478.26 + 60,000 = $400,000.00.
    const programs = await get('/api/assistance/grants/programs', state);
    expect(programs.items).toEqual([expect.objectContaining({ ...demoGrantProgram, id: expect.any(Number) })]);
    const programId = programs.items[0].id;
    const allocations = await get(`/api/assistance/grants/programs/${programId}/allocations`, state);
    expect(allocations.items).toEqual([
      expect.objectContaining({ fiscalYear: 2027, budgetCents: 40_000_000, status: 'final', recipients: 4 }),
    ]);
    const allocation = await get(`/api/assistance/grants/allocations/${allocations.items[0].id}`, state);
    expect(allocation.scalingFactor).toBeCloseTo(43 / 46, 9);
    expect(
      allocation.lines.map(
        (l: { org: { code: string }; amountCents: number; cap: string | null; roundedUp: boolean }) => [
          l.org.code,
          l.amountCents,
          l.cap,
          l.roundedUp,
        ],
      ),
    ).toEqual([
      ['00200505', 12_500_000, 'maximum', false],
      ['02930315', 9_347_826, null, false],
      ['02930505', 12_152_174, null, true],
      ['03480503', 6_000_000, 'minimum', false],
    ]);
    expect(allocation.totalCents).toBe(allocation.budgetCents);
    // Regional staff read the lines of their own region only.
    const coastalView = await get(`/api/assistance/grants/allocations/${allocations.items[0].id}`);
    expect(coastalView.lines.map((l: { org: { code: string } }) => l.org.code)).toEqual([
      '00200505',
      '02930315',
      '02930505',
    ]);
  });

  it('awards the top school its line, budgets it on its plan and reports spending: 32.0% spent (hand-worked)', async () => {
    const applications = await get('/api/assistance/grants/applications', state);
    expect(
      applications.items.map((a: { org: { code: string }; status: string; requestedCents: number }) => [
        a.org.code,
        a.status,
        a.requestedCents,
      ]),
    ).toEqual([
      ['00200505', 'awarded', 12_500_000],
      ['02930315', 'submitted', 9_347_826],
    ]);
    const awarded = await get(`/api/assistance/grants/applications/${applications.items[0].id}`, state);
    expect(awarded.award).toMatchObject({ amountCents: 12_500_000, awardedOn: '2026-08-16' });
    // 48% coaching, 32% stipends, the rest family engagement; only the stipends fund a Practice whose strategies the
    // school's plan writes (Turnaround Practice 3), so only that line is tied to the plan.
    expect(
      awarded.budgetLines.map(
        (l: { objectCode: string; amountCents: number; spentCents: number; strategy: { label: string } | null }) => [
          l.objectCode,
          l.amountCents,
          l.spentCents,
          l.strategy?.label ?? null,
        ],
      ),
    ).toEqual([
      ['2200', 4_000_000, 1_000_000, expect.stringContaining('Turnaround Practice 3')],
      ['5100', 6_000_000, 3_000_000, null],
      ['8100', 2_500_000, 0, null],
    ]);
    expect(awarded.expenditureReports).toEqual([
      expect.objectContaining({ periodStart: '2026-08-16', periodEnd: '2026-10-30', totalCents: 4_000_000 }),
    ]);
    // Spent $30,000 + $10,000 = $40,000 of $125,000 awarded: 32.0%.
    const dashboard = await get(
      `/api/assistance/grants/programs/${awarded.program.id}/dashboard?fiscalYear=2027`,
      state,
    );
    const figures = {
      awardedCents: 12_500_000,
      budgetedCents: 12_500_000,
      spentCents: 4_000_000,
      remainingCents: 8_500_000,
      percentSpent: 32,
    };
    expect(dashboard.items).toEqual([
      expect.objectContaining({
        org: expect.objectContaining({ code: '00200505' }),
        allocatedCents: 12_500_000,
        figures,
      }),
    ]);
    expect(dashboard.totals).toEqual(figures);
    expect(
      (await get(`/api/assistance/grants/programs/${awarded.program.id}/dashboard?fiscalYear=2027`)).totals,
    ).toEqual(figures);
  });

  it('keeps the Urban Superintendents Network and the Coastal principals’ network, with meetings', async () => {
    const list = await get('/api/assistance/networks');
    expect(
      list.items.map(
        (n: {
          name: string;
          memberCount: number;
          lastMeetingOn: string;
          nextMeetingOn: string;
          canManage: boolean;
        }) => [n.name, n.memberCount, n.lastMeetingOn, n.nextMeetingOn, n.canManage],
      ),
    ).toEqual([
      // Coastal staff keep their region's network and read the statewide one. Meetings 20 and 30 days ago, and in
      // 25 and 42 days.
      ['Coastal Principals Network', 6, '2026-11-04', '2026-12-19', true],
      ['Urban Superintendents Network', 4, '2026-10-25', '2027-01-05', false],
    ]);
    const urban = await get(`/api/assistance/networks/${list.items[1].id}`);
    // The superintendents of the largest local districts (Worcester 24,000, Taunton 7,800, Barnstable 4,500,
    // Abington 2,000; the charter and vocational districts are not), listed by name; all but the last attended.
    expect(urban.members.map((m: { name: string; org: { code: string } }) => [m.name, m.org.code])).toEqual([
      ['Kenneth Osei', '02930000'],
      ['Linda Park', '00200000'],
      ['Marisol Vega', '03480000'],
      ['Robert Tanaka', '00010000'],
    ]);
    const attended = (ids: number[]) => [...ids].sort((a, b) => a - b);
    expect(
      urban.meetings.map((m: { heldOn: string; attendedMemberIds: number[] }) => [
        m.heldOn,
        attended(m.attendedMemberIds),
      ]),
    ).toEqual([
      ['2027-01-05', []],
      ['2026-10-25', attended(urban.members.slice(0, 3).map((m: { id: number }) => m.id))],
    ]);
    // The principals of the five schools first in the Coastal queue (the demo's principal at the top school), and
    // the demo's regional account facilitating.
    const principals = await get(`/api/assistance/networks/${list.items[0].id}`);
    expect(
      principals.members.map((m: { name: string; role: string; org: { code: string } }) => [
        m.name,
        m.role,
        m.org.code,
      ]),
    ).toEqual([
      ['Grace Odum', 'Principal', '02930315'],
      ['Hannah Liu', 'Principal', '00010505'],
      [demoPrincipal.name, 'Principal', '00200505'],
      ['Riley Coastal', 'Facilitator (principal specialist)', 'coastal'],
      ['Samuel Reyes', 'Principal', expect.any(String)],
      ['Victor Almeida', 'Principal', '02930505'],
    ]);
    expect(principals.meetings[1]).toMatchObject({
      heldOn: '2026-11-04',
      topic: 'Scheduling a daily intervention block',
    });
    expect(principals.meetings[1].attendedMemberIds).toHaveLength(5);
  });

  it('pairs the demonstration site with the partner the DART comparability puts nearest (hand-worked)', async () => {
    // Grades 8-12 pool: enrollment 900, 700, 1,100 on a log scale (log1p: 6.8035, 6.5525, 7.0040; mean 6.7867, sd
    // 0.1847), low income 40, 42, 20 (mean 34, sd sqrt(296/3) = 9.9331); English learners and disabilities alike (no
    // difference). Four equally weighted characteristics, so distance = sqrt((dz_enrollment^2 + dz_low_income^2) / 4).
    // From Taunton Alternative: Taunton High sqrt((1.3590^2 + 0.2013^2) / 4) = 0.6869; Barnstable High
    // sqrt((1.0854^2 + 2.0135^2) / 4) = 1.1437.
    const overview = await get('/api/assistance/recognition', state);
    expect(overview.items.map((s: { org: { code: string } }) => s.org.code)).toEqual(['02930525']);
    const site = overview.items[0];
    expect(
      site.suggestions.map((s: { org: { code: string }; distance: number; pairing: { status: string } | null }) => [
        s.org.code,
        Number(s.distance.toFixed(4)),
        s.pairing?.status ?? null,
      ]),
    ).toEqual([
      ['02930505', 0.6869, 'active'],
      ['00200505', 1.1437, null],
    ]);
    expect(site.notCompared).toBe(2); // Friedman (grades 5-7) and Burncoat (9-12): other school types
    const pairings = await get('/api/assistance/recognition/pairings');
    expect(pairings.items).toEqual([
      expect.objectContaining({
        demonstration: expect.objectContaining({ code: '02930525' }),
        partner: expect.objectContaining({ code: '02930505' }),
        pairedOn: '2026-10-10',
        status: 'active',
        notes: 'Suggested by the DART comparability: 0.69 standard deviations apart on average.',
        canChange: true,
      }),
    ]);
  });

  it('holds a walkthrough instrument, observations and a calibration of three observers: kappa 32/77 (hand-worked)', async () => {
    const instruments = await get('/api/assistance/instruments');
    expect(instruments.items).toEqual([
      expect.objectContaining({ name: demoInstrument.name, itemCount: 5, inUse: true }),
    ]);
    const observations = await get('/api/orgs/00200505/observations');
    expect(
      observations.items.map((o: { observedOn: string; observer: string; lesson: string }) => [
        o.observedOn,
        o.observer,
        o.lesson,
      ]),
    ).toEqual([
      ['2026-11-15', 'Priya Natarajan', 'Science lesson'],
      ['2026-10-29', 'Morgan Whitaker', 'English language arts lesson'],
      ['2026-10-15', 'Riley Coastal', 'Mathematics lesson'],
    ]);
    const sessions = await get('/api/assistance/calibration-sessions');
    expect(sessions.items).toEqual([
      expect.objectContaining({ heldOn: '2026-11-10', school: expect.objectContaining({ code: '00200505' }) }),
    ]);
    const report = await get(`/api/assistance/calibration-sessions/${sessions.items[0].id}`);
    expect(report.agreement.raters).toEqual(['Morgan Whitaker', 'Priya Natarajan', 'Riley Coastal']);
    expect(report.sheets.map((s: { ratings: { value: number }[] }) => s.ratings.map((r) => r.value)).sort()).toEqual(
      demoCalibrationRatings.map((r) => [...r]).sort(),
    );
    // Ratings item by item (three observers): 3 3 3 | 2 2 3 | 4 4 4 | 2 3 3 | 1 2 2. Agreeing pairs per item: 3 of 3,
    // 1 of 3, 3 of 3, 1 of 3, 1 of 3, so P-bar = (1 + 1/3 + 1 + 1/3 + 1/3) / 5 = 3/5. The 15 ratings: one 1, five 2s,
    // six 3s, three 4s: chance agreement (1 + 25 + 36 + 9) / 225 = 71/225. Fleiss' kappa = (3/5 - 71/225) /
    // (1 - 71/225) = 64/154 = 32/77 = 0.4156.
    expect(report.agreement.overall).toMatchObject({ subjects: 5, incomplete: 0, method: 'fleiss' });
    expect(report.agreement.overall.percentAgreement).toBeCloseTo(0.6, 12);
    expect(report.agreement.overall.kappa).toBeCloseTo(32 / 77, 12);
    // One lesson per item: alike items have no kappa (chance agreement 1); two of three alike give (1/3 - 5/9) /
    // (1 - 5/9) = -0.5, which is why the page points to the overall figure.
    expect(
      report.agreement.items.map((f: { percentAgreement: number; kappa: number | null }) => [
        Number(f.percentAgreement.toFixed(4)),
        f.kappa === null ? null : Number(f.kappa.toFixed(4)),
      ]),
    ).toEqual([
      [1, null],
      [0.3333, -0.5],
      [1, null],
      [0.3333, -0.5],
      [0.3333, -0.5],
    ]);
  });
});
