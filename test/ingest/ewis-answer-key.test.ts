import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEwisExamples } from '../../src/core/ewis/features.ts';
import { auc, calibration } from '../../src/core/stats/metrics.ts';
import { systemContext } from '../../src/server/context.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { importStudentFolder } from '../../src/server/ingest/student-csv.ts';
import { syncCatalog } from '../../src/server/services/catalog-service.ts';
import { ewisValidation, readEwisRecords, runEwis } from '../../src/server/services/ewis-service.ts';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import { createTestDb, type TestDb } from '../support/databases.ts';

/**
 * The early-warning models against the truth: on a synthetic Commonwealth, a run scores the students of a year whose
 * outcomes the later records tell; its AUC per grade is compared with the Bayes-optimal AUC, that of the generator's
 * answer-key probabilities (P(milestone | what was known before the year)) on the same students. PGlite only: the
 * models are the same on either database.
 */
describe('early-warning models against the answer key', () => {
  let dir: string;
  let db: TestDb;
  let validation: Awaited<ReturnType<typeof ewisValidation>>;
  const rows: { grade: number; model: number; truth: number; reached: number; level: string }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-ewis-key-'));
    await writeSyntheticCommonwealth(dir, { seed: 11, scale: 0.05 });
    db = await createTestDb('pglite');
    await syncCatalog(db);
    await importOrganizationDirectory(db, path.join(dir, syntheticLayout.organizations));
    await importStudentFolder(db, path.join(dir, syntheticLayout.students));
    const records = await readEwisRecords(db);
    const years = [...new Set(records.studentYears.map((y) => y.schoolYear))].sort((a, b) => a - b);
    // Two years before the last: most of its students' milestones are decided in the records by now.
    const year = years[years.length - 3]!;
    const run = await runEwis(systemContext(db), { year });
    validation = await ewisValidation(db, year);
    const scores = await db.kysely
      .selectFrom('ewis_scores')
      .select(['student_id', 'probability', 'risk_level'])
      .where('run_id', '=', run.runId)
      .where('probability', 'is not', null)
      .execute();
    const model = new Map(scores.map((s) => [s.student_id, Number(s.probability)]));
    const level = new Map(scores.map((s) => [s.student_id, s.risk_level as string]));
    const truth = new Map<string, number>();
    const key = await readFile(path.join(dir, syntheticLayout.answerKey), 'utf8');
    for (const line of key.split('\n').slice(1)) {
      const [student, schoolYear, , , probability] = line.split(',');
      if (Number(schoolYear) === year) truth.set(student!, Number(probability));
    }
    for (const e of buildEwisExamples(records, false)) {
      if (e.schoolYear !== year || e.reached === null) continue;
      const m = model.get(e.studentId);
      const t = truth.get(e.studentId);
      if (m !== undefined && t !== undefined)
        rows.push({ grade: e.grade, model: m, truth: t, reached: e.reached, level: level.get(e.studentId)! });
    }
  }, 600_000);
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  // The target: within 0.01 of the Bayes-optimal AUC. At scale 0.05 (74 schools, 2,000-3,000 students a
  // grade, two training years) the models are 0.009 short on average with seed 11 (0.004-0.013 by grade); at 0.02 the
  // training years are too few for the school-level features and the mean gap is 0.014. What is left is mostly what
  // the answer key knows and the records do not show: gender (a setting, off by default), the latent engagement behind
  // rounded attendance, and the high school a middle-school student will attend.
  it('ranks students within 0.01 of the Bayes-optimal AUC, grade by grade on average', () => {
    const gaps: number[] = [];
    const report: string[] = [];
    for (let grade = 1; grade <= 12; grade++) {
      const g = rows.filter((r) => r.grade === grade);
      if (g.length < 300) continue;
      const labels = g.map((r) => r.reached);
      const ours = auc(
        g.map((r) => r.model),
        labels,
      )!;
      const best = auc(
        g.map((r) => r.truth),
        labels,
      )!;
      gaps.push(best - ours);
      report.push(`grade ${grade}: n=${g.length} model ${ours.toFixed(3)} answer key ${best.toFixed(3)}`);
      // No grade far off (at this scale a grade's gap carries a sampling error of about 0.005).
      expect(best - ours, report.at(-1)).toBeLessThan(0.02);
    }
    console.log(report.join('\n'));
    expect(gaps.length).toBeGreaterThanOrEqual(8);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean, report.join('\n')).toBeLessThanOrEqual(0.01);
  });

  it('is calibrated on the students it scored, and its levels reach the milestone at about their target rates', () => {
    const cal = calibration(
      rows.map((r) => r.model),
      rows.map((r) => r.reached),
      10,
    );
    const rate = (l: string) => {
      const g = rows.filter((r) => r.level === l);
      return g.reduce((a, r) => a + r.reached, 0) / g.length;
    };
    const report = `calibration error ${cal.error.toFixed(3)}; reached: high ${rate('high').toFixed(3)}, moderate ${rate('moderate').toFixed(3)}, low ${rate('low').toFixed(3)}`;
    console.log(report);
    expect(cal.error, report).toBeLessThanOrEqual(0.02);
    // The levels' rates as the validation page shows them (out-of-fold on the training years, all grades): within 5
    // points of 25/60/90. On the scored year itself the high level lands a little lower (0.20 with seed 11).
    const pooled = { high: [0, 0], moderate: [0, 0], low: [0, 0] } as Record<string, [number, number]>;
    for (const m of validation.models) {
      const levels = m.validation.levels as Record<string, { n: number; reached: number }>;
      for (const l of Object.keys(pooled)) {
        pooled[l]![0] += levels[l]!.reached;
        pooled[l]![1] += levels[l]!.n;
      }
    }
    const shown = (l: string) => pooled[l]![0] / pooled[l]![1];
    const page = `validation page: high ${shown('high').toFixed(3)}, moderate ${shown('moderate').toFixed(3)}, low ${shown('low').toFixed(3)}`;
    console.log(page);
    expect(Math.abs(shown('high') - 0.25), page).toBeLessThanOrEqual(0.05);
    expect(Math.abs(shown('moderate') - 0.6), page).toBeLessThanOrEqual(0.05);
    expect(Math.abs(shown('low') - 0.9), page).toBeLessThanOrEqual(0.05);
    // And on the scored year, not far from them.
    expect(Math.abs(rate('high') - 0.25), report).toBeLessThanOrEqual(0.08);
    expect(Math.abs(rate('moderate') - 0.6), report).toBeLessThanOrEqual(0.05);
    expect(Math.abs(rate('low') - 0.9), report).toBeLessThanOrEqual(0.05);
  });
});
