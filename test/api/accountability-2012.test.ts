import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndStore } from '../../src/server/services/accountability-service.ts';
import { systemContext } from '../../src/server/context.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/**
 * The 2012-2017 Level 1-5 system (ma-2012) run from student records over the API. The fixed demo organizations are
 * loaded (no data), and four elementary schools get students and Next-Generation MCAS results for 2024-2026:
 *
 * - A, Beaver Brook Elementary (00010003, Abington), 25 students a year, 8 of them low income (high needs):
 *   2024 and 2025: ELA 480 and math 490 for everyone; 2026 below (worked by hand).
 * - B, Belmont Street Community (03480020, Worcester): 25 students, ELA and math 520 every year, ELA SGP 60 in 2026.
 * - C, Centerville Elementary (00200010, Barnstable): 25 students, ELA 450 and math 455 every year, ELA SGP 20 in 2026.
 * - D, East Taunton Elementary (02930010, Taunton): 10 students, ELA and math 500: too small to classify.
 *
 * All four are elementary schools (ES): they are ranked in one pool (A's percentile: one of the four, C, scores lower
 * on the mean of its indicator ranks = 25).
 *
 * School A, 2026, by hand. The ssos concordance puts a Next-Generation score s on the legacy scale at
 * 200 + (s - 440) x 80 / 120, then the CPI bands give 100 (240+), 75 (230-238), 50 (220-228), 25 (210-218), 0 (200-208):
 * - ELA: 10 x 500 -> 240 (100), 5 x 490 -> 233.3 (75), 5 x 475 -> 223.3 (50), 5 x 450 -> 206.7 (0), and one student
 *   enrolled who did not take the test: CPI = (1000 + 375 + 250 + 0) / 25 = 65; participation 25 / 26 = 96.15%.
 * - Mathematics: 15 x 530 -> 260 (100, Advanced), 10 x 460 -> 213.3 (25, Warning/Failing): CPI = (1500 + 250) / 25 = 70.
 * - ELA SGPs 40, 41, ..., 64 (one per student): median 52.
 * - 2024 and 2025 CPI: ELA 480 -> 226.7 (50) = 50, math 490 -> 233.3 (75) = 75.
 * PPI (targets from the first year with a figure, 2024, halving the gap over six years):
 * - 2025: ELA 50 against a target of 50 + (25 / 6) x 1 = 54.2, 4.2 short, unchanged from 50: No Change (25); math 75
 *   against 77.08, 2.08 short (more than 2): unchanged: No Change (25). Annual PPI (25 + 25) / 2 = 25.
 * - 2026: ELA 65 against 50 + (25 / 6) x 2 = 58.3: Above Target (100); math 70 against 75 + (12.5 / 6) x 2 = 79.2 and
 *   down 5 from 75: Declined (0); growth ELA median 52: 100. Extra credit: % Advanced in math 0 -> 60%: 25.
 *   Annual PPI (100 + 0 + 100 + 25) / 3 = 75.
 * - Cumulative PPI: no 2023 or 2024 annual PPI (2024 has no prior year), so 2025 and 2026 weigh 3 and 4:
 *   (25 x 3 + 75 x 4) / 7 = 53.57, shown 54, below 75: Level 2, "Not meeting gap narrowing goals".
 */
describe.each(testBackends())('ma-2012 (Level 1-5) over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let runId: number;
  const A = '00010003';
  const B = '03480020';
  const C = '00200010';
  const D = '02930010';

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await signInAs(t.app, 'state_admin');
    await seedStudents(t);
    const run = await runAndStore(systemContext(t.db), { year: 2026, framework: 'ma-2012' });
    runId = run.id;
  }, 240_000);
  afterAll(async () => t?.close());

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('stores the run with framework ma-2012, its version and a data version that depends only on the data', async () => {
    const run = await t.db.kysely
      .selectFrom('accountability_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      framework: 'ma-2012',
      framework_version: '2012.2',
      school_year: 2026,
      kind: 'official',
    });
    const again = await runAndStore(systemContext(t.db), { year: 2026, framework: 'ma-2012', kind: 'what_if' });
    expect(again.dataVersion).toBe(run.data_version);
    const results = await t.db.kysely
      .selectFrom('accountability_results')
      .select(['level', 'classification'])
      .where('run_id', '=', runId)
      .execute();
    // Every open school and district of the fixed demo has a result.
    expect(results.length).toBeGreaterThan(20);
    expect(results.every((r) => /^([1-5]|unclassified)$/.test(r.level ?? ''))).toBe(true);
  });

  it('serves the results with framework=ma-2012; the default stays ma-2018', async () => {
    const res = await get('/api/accountability/results?framework=ma-2012&level=school&limit=5000');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.run).toMatchObject({ id: runId, framework: 'ma-2012', frameworkVersion: '2012.2', year: 2026 });
    expect(body.years).toEqual([2026]);
    expect(body.cutLines).toEqual([{ percentile: 19, label: 'Lowest 20% of schools of the same type (Level 3)' }]);
    const row = (code: string) => body.items.find((i: { code: string }) => i.code === code);
    expect(row(A)).toMatchObject({
      classification: 'Level 2',
      reason: 'Not meeting gap narrowing goals (all 54 below 75)',
      percentile: 25,
      annualPct: 75,
    });
    expect(row(A).cumulativePct).toBeCloseTo(375 / 7, 9);
    expect(row(B)).toMatchObject({
      classification: 'Level 1',
      category: 'Commendation School (high progress)',
      reason: 'Meeting gap narrowing goals',
      cumulativePct: 100,
    });
    expect(row(C)).toMatchObject({ classification: 'Level 3', percentile: 1 });
    expect(row(C).reason).toContain('Among lowest performing 20% of schools');
    expect(row(D)).toMatchObject({
      classification: 'Unclassified',
      reason: 'Insufficient data; fewer than 20 students assessed (small school)',
    });
    const level3 = (
      await get(`/api/accountability/results?framework=ma-2012&classification=${encodeURIComponent('Level 3')}`)
    ).json();
    expect(level3.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([C, '00200000']));
    // Districts take their lowest school's level.
    const districts = (await get('/api/accountability/results?framework=ma-2012&level=district')).json().items;
    const district = (code: string) => districts.find((d: { code: string }) => d.code === code);
    // Abington's only classified school is A: the district takes its level and reasons.
    expect(district('00010000')).toMatchObject({ classification: 'Level 2', reason: row(A).reason });
    expect(district('03480000')).toMatchObject({ classification: 'Level 1', reason: 'Meeting gap narrowing goals' });
    expect(district('00200000')).toMatchObject({ classification: 'Level 3' });
    expect(district('02930000')).toMatchObject({ classification: 'Unclassified', reason: 'Insufficient data' });

    const csv = await get('/api/accountability/results?framework=ma-2012&level=school&format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="accountability-levels-2026.csv"');
    expect(csv.body.split('\r\n')[0]).toBe(
      'sy,org_code,org_name,org_type,school_type,dist_code,dist_name,region,accntblty_level,accntblty_reason,commendation,school_pctle,annual_ppi_all,cumulative_ppi_all',
    );
    expect(csv.body).toContain(`2026,${A},Beaver Brook Elementary School,School,ES,00010000,Abington,`);

    // Nothing changes for the 2018+ system: no ma-2018 run exists here.
    const plain = (await get('/api/accountability/results')).json();
    expect(plain).toMatchObject({ run: null, years: [], items: [] });
  });

  it("gives a school's report: CPI from the students' scores through the concordance, PPIs and the steps", async () => {
    const res = await get(`/api/orgs/${A}/accountability?framework=ma-2012`, admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.run.framework).toBe('ma-2012');
    expect(body.result).toMatchObject({ code: A, classification: 'Level 2' });
    const report = body.report;
    expect(report).toMatchObject({ framework: 'ma-2012', frameworkVersion: '2012.2', year: 2026, level: 'school' });
    const y2026 = report.inputs.all['2026'];
    expect(y2026.figures).toMatchObject({
      n: 25,
      cpi: { ela: 65, math: 70 },
      medianSgp: { ela: 52 },
      participationPct: { ela: 96.1538, math: 100 },
      warningFailingPct: { ela: 20, math: 40 },
      advancedPct: { ela: 0, math: 60 },
    });
    expect(y2026.from).toMatchObject({ n: 'students', 'cpi.ela': 'students', 'cpi.math': 'students' });
    expect(report.inputs.all['2025'].figures.cpi).toEqual({ ela: 50, math: 75 });
    const all = report.result.groups.find((g: { group: string }) => g.group === 'all');
    expect(all.annual.map((a: { fy: number; annualPpi: number | null }) => [a.fy, a.annualPpi])).toEqual([
      [2023, null],
      [2024, null],
      [2025, 25],
      [2026, 75],
    ]);
    const a2026 = all.annual[3];
    expect(a2026.indicators.map((i: { indicator: string; points: number }) => [i.indicator, i.points])).toEqual([
      ['cpiEla', 100],
      ['cpiMath', 0],
      ['growthEla', 100],
    ]);
    expect(a2026.extraCredit).toEqual([
      expect.objectContaining({ kind: 'advancedIncrease', subject: 'math', points: 25 }),
    ]);
    expect(all.cumulative).toBeCloseTo(53.5714, 4);
    expect(all.cumulativeFigure).toBe(54);
    // The concordance is named as an ssos choice in the first step, with the setting it relies on.
    const first = report.result.explanation[0];
    expect(first.step).toBe('figures from student records');
    expect(first.text).toContain(
      'ssos concordance (linear, 440 -> 200 and 560 -> 280 (an ssos choice, not a DESE rule)',
    );
    expect(first.settings).toContain('cpi.nextGenConcordance');
    expect(report.settingsUsed).toContain('cpi.nextGenConcordance');
    expect(report.result.explanation.at(-1)).toMatchObject({ step: 'level', value: 2 });
    // High needs (8 low-income students) is too small for a PPI; signed in its figures are listed.
    expect(report.inputs.high_needs['2026'].figures.n).toBe(8);

    // Signed out, figures of fewer students than the reporting minimum are withheld.
    const pub = (await get(`/api/orgs/${A}/accountability?framework=ma-2012`)).json();
    expect(pub.report.inputs.high_needs['2026']).toEqual({ figures: {}, from: {}, suppressed: true });
    expect(pub.report.inputs.all['2026'].figures.cpi.ela).toBe(65);

    const district = (await get('/api/orgs/00010000/accountability?framework=ma-2012')).json();
    expect(district.report.level).toBe('district');
    expect(district.report.result.lowestSchools).toEqual([A]);
    const districtAll = district.report.groups.find((g: { group: string }) => g.group === 'all');
    expect(districtAll.annual.at(-1).fy).toBe(2026);

    // The ma-2018 report of the same school: no run.
    const plain = (await get(`/api/orgs/${A}/accountability`)).json();
    expect(plain).toMatchObject({ run: null, report: null });
  });

  it('lists the ma-2012 framework values and settings', async () => {
    const res = (await get('/api/accountability/framework?framework=ma-2012')).json();
    expect(res).toMatchObject({ id: 'ma-2012', version: '2012.2' });
    expect(res.values).toContainEqual({ path: 'cpi.nextGenConcordance.fromMin', value: 440 });
    expect(res.settings['cpi.nextGenConcordance'].note).toMatch(/^An ssos choice, not a DESE rule/);
    expect((await get('/api/accountability/framework')).json().id).toBe('ma-2018');
  });

  it('refuses an unknown framework with 400', async () => {
    for (const url of [
      '/api/accountability/results?framework=ma-2030',
      `/api/orgs/${A}/accountability?framework=ma-2030`,
      '/api/accountability/framework?framework=ma-2030',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('runs a what-if with another concordance, and refuses a path the framework does not have', async () => {
    // Shifting the line up (440 -> 210) gives school C's 450s 25 points instead of 0: its ELA CPI rises.
    const run = await runAndStore(systemContext(t.db), {
      year: 2026,
      framework: 'ma-2012',
      kind: 'what_if',
      changes: [{ path: 'cpi.nextGenConcordance.toMin', value: 210 }],
    });
    const stored = await t.db.kysely
      .selectFrom('accountability_runs')
      .select(['kind', 'overrides'])
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(stored.kind).toBe('what_if');
    expect(stored.overrides).toEqual({ 'cpi.nextGenConcordance.toMin': 210 });
    await expect(
      runAndStore(systemContext(t.db), {
        year: 2026,
        framework: 'ma-2012',
        changes: [{ path: 'cpi.nope', value: 1 }],
      }),
    ).rejects.toThrow('cpi.nope: is not a path of the framework');
    // The official results still come from the official run.
    expect((await get('/api/accountability/results?framework=ma-2012')).json().run.id).toBe(runId);
  });

  it('says when a year has nothing to compute', async () => {
    await expect(runAndStore(systemContext(t.db), { year: 2020, framework: 'ma-2012' })).rejects.toThrow(
      'no MCAS figures or student assessments the ma-2012 framework reads are stored for 2020',
    );
  });
});

/** Students and Next-Generation MCAS results of the four schools (see the comment at the top). */
async function seedStudents(t: TestApp): Promise<void> {
  const db = t.db.kysely;
  const ids = new Map(
    (await db.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  type Result = { score: number | null; sgp?: number | null };
  /** ELA and math results of each student of a school in a year. */
  const plans: Record<
    string,
    { students: number; lowIncome: number; results: (year: number, i: number) => { ela: Result; math: Result } }
  > = {
    '00010003': {
      students: 25,
      lowIncome: 8,
      results: (year, i) =>
        year < 2026
          ? { ela: { score: 480 }, math: { score: 490 } }
          : {
              ela: { score: i < 10 ? 500 : i < 15 ? 490 : i < 20 ? 475 : 450, sgp: 40 + i },
              math: { score: i < 15 ? 530 : 460 },
            },
    },
    '03480020': {
      students: 25,
      lowIncome: 0,
      results: (year) => ({ ela: { score: 520, sgp: year === 2026 ? 60 : null }, math: { score: 520 } }),
    },
    '00200010': {
      students: 25,
      lowIncome: 0,
      results: (year) => ({ ela: { score: 450, sgp: year === 2026 ? 20 : null }, math: { score: 455 } }),
    },
    '02930010': { students: 10, lowIncome: 0, results: () => ({ ela: { score: 500 }, math: { score: 500 } }) },
  };
  for (const [code, plan] of Object.entries(plans)) {
    const schoolId = ids.get(code)!;
    const students = Array.from({ length: plan.students }, (_, i) => `S${code}-${i}`);
    // One more ELA student in school A is enrolled in 2026 but does not take the test.
    const absent = code === '00010003' ? `S${code}-absent` : null;
    await db
      .insertInto('students')
      .values(
        [...students, ...(absent ? [absent] : [])].map((id) => ({
          student_id: id,
          birth_year: 2016,
          gender: 'female',
          race_ethnicity: 'white',
        })),
      )
      .execute();
    for (const year of [2024, 2025, 2026]) {
      await db
        .insertInto('student_years')
        .values(
          students.map((id, i) => ({
            student_id: id,
            school_year: year,
            school_id: schoolId,
            grade: '04',
            low_income: i < plan.lowIncome,
            english_learner: false,
            former_english_learner: false,
            disability: false,
            days_in_membership: 180,
            days_attended: 175,
            entered_late: false,
            school_changes: 0,
            retained: false,
            in_school_suspension_days: 0,
            out_of_school_suspension_days: 0,
          })),
        )
        .execute();
      const rows = students.flatMap((id, i) => {
        const r = plan.results(year, i);
        return (['ela', 'math'] as const).map((subject) => ({
          student_id: id,
          school_year: year,
          subject,
          school_id: schoolId,
          grade: '04',
          participated: true,
          scaled_score: r[subject].score,
          achievement_level: null,
          sgp: r[subject].sgp ?? null,
        }));
      });
      if (absent && year === 2026)
        rows.push({
          student_id: absent,
          school_year: year,
          subject: 'ela',
          school_id: schoolId,
          grade: '04',
          participated: false,
          scaled_score: null,
          achievement_level: null,
          sgp: null,
        });
      await db.insertInto('assessments').values(rows).execute();
    }
  }
}
