// EWIS training and scoring at state scale: about 1,000,000 student-year rows of the synthetic Commonwealth's
// early-warning examples (all grades together), our L2 logistic regression against scikit-learn's LogisticRegression
// (Debian's python3-sklearn) on the same standardized features and penalty, in the same run; AUC of both on the same
// held-out fifth. Then scoring 1,000,000 students with their reasons. Targets (issue "EWIS"): training time at most
// 0.5x scikit-learn's, AUC within 0.002 of it, scoring with explanations in at most 2 s.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildEwisExamples, featureNames, type EwisRecords } from '../src/core/ewis/features.ts';
import { compileModel, scoreCompiled, trainGradeModel } from '../src/core/ewis/model.ts';
import { columnScales, fitLogistic, predictLogistic, standardize } from '../src/core/stats/logistic.ts';
import { auc } from '../src/core/stats/metrics.ts';
import { generateDistrict, planCommonwealth } from '../src/core/synth/index.ts';
import { figure, type Benchmark, type BenchFigure } from './bench-line.ts';

const ROWS = Number(process.env.SSOS_BENCH_EWIS_ROWS ?? 1_000_000);
const LAMBDA = 1;
const PYTHON = process.env.SSOS_PYTHON ?? '/usr/bin/python3';

function sklearnAvailable(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
  return r.status === 0 ? null : `scikit-learn not found for ${PYTHON} (apt-get install python3-sklearn)`;
}

const bench: Benchmark = {
  name: 'ewis.train',
  async run() {
    // Enough of the synthetic state for ROWS labelled examples (scale 1 has about 2.7 million after its first year).
    const plan = planCommonwealth({ seed: 'ewis-bench', scale: Math.min(1, (ROWS / 2_700_000) * 1.1) });
    const all = { students: [], studentYears: [], assessments: [], highSchoolOutcomes: [] } as {
      [K in keyof EwisRecords]: EwisRecords[K][number][];
    };
    for (const d of plan.districts) {
      const g = generateDistrict(plan, d.code);
      // One at a time: a large district's records are more arguments than a call may take.
      for (const r of g.students) all.students.push(r);
      for (const r of g.studentYears) all.studentYears.push(r);
      for (const r of g.assessments) if (r.subject !== 'science') all.assessments.push(r);
      for (const r of g.highSchoolOutcomes) all.highSchoolOutcomes.push(r);
    }
    const examples = buildEwisExamples(all, false).filter((e) => e.reached !== null && e.schoolYear > plan.firstYear);
    all.students.length = all.studentYears.length = all.assessments.length = all.highSchoolOutcomes.length = 0;
    const rows = examples.slice(0, ROWS);
    const p = featureNames(false).length;
    const n = rows.length;
    const raw = new Float64Array(n * p);
    const y = new Uint8Array(n);
    rows.forEach((e, i) => {
      raw.set(e.features, i * p);
      y[i] = e.reached!;
    });
    const scaled = standardize({ x: raw, n, p }, columnScales({ x: raw, n, p }));
    const nTrain = Math.floor(n * 0.8);
    const train = { x: scaled.x.subarray(0, nTrain * p), n: nTrain, p };
    const held = { x: scaled.x.subarray(nTrain * p), n: n - nTrain, p };

    let started = performance.now();
    const fit = fitLogistic(train, y.subarray(0, nTrain), { lambda: LAMBDA });
    const ours = (performance.now() - started) / 1000;
    const ourAuc = auc(predictLogistic(held, fit), y.subarray(nTrain))!;

    const figures: BenchFigure[] = [
      figure('ewis.rows', n, 'rows'),
      figure('ewis.features', p, 'features'),
      figure('ewis.train_seconds', ours, 's'),
      figure('ewis.train_iterations', fit.iterations, 'iterations'),
    ];
    const missing = sklearnAvailable();
    if (missing) {
      figures.push(
        { name: 'ewis.train_time_ratio_vs_sklearn', value: null, unit: 'x', status: 'unavailable', note: missing },
        { name: 'ewis.auc_diff_vs_sklearn', value: null, unit: 'auc', status: 'unavailable', note: missing },
      );
    } else {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-ewis-'));
      try {
        const base = path.join(dir, 'data');
        await writeFile(`${base}.x`, new Uint8Array(scaled.x.buffer, scaled.x.byteOffset, scaled.x.byteLength));
        await writeFile(`${base}.y`, y);
        const script = path.join(import.meta.dirname, 'support/sklearn-logistic.py');
        const r = spawnSync(PYTHON, [script, base, String(n), String(p), String(nTrain), String(1 / LAMBDA)], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        });
        if (r.status !== 0) throw new Error(`scikit-learn reference failed: ${r.stderr}`);
        const ref = JSON.parse(r.stdout) as { seconds: number; auc: number; iterations: number };
        figures.push(
          figure('ewis.sklearn_train_seconds', ref.seconds, 's'),
          figure('ewis.train_time_ratio_vs_sklearn', ours / ref.seconds, 'x', { op: '<=', value: 0.5 }),
          figure('ewis.auc_diff_vs_sklearn', Math.abs(ourAuc - ref.auc), 'auc', { op: '<=', value: 0.002 }),
          figure('ewis.auc', ourAuc, 'auc'),
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    // Scoring with explanations: one model per grade, every example scored with its reasons.
    const models = new Map(
      [...new Set(rows.map((e) => e.grade))].map((g) => [
        g,
        compileModel(trainGradeModel(rows.filter((e) => e.grade === g))),
      ]),
    );
    const scoreRows = Array.from({ length: ROWS }, (_, i) => examples[i % examples.length]!);
    started = performance.now();
    let high = 0;
    for (const e of scoreRows) if (scoreCompiled(models.get(e.grade)!, e.features).level === 'high') high++;
    const scoring = (performance.now() - started) / 1000;
    figures.push(
      figure('ewis.score_1m_seconds', (scoring * 1_000_000) / scoreRows.length, 's', { op: '<=', value: 2 }),
      figure('ewis.scored_high_share', high / scoreRows.length, 'share'),
    );
    return figures;
  },
};
export default bench;
