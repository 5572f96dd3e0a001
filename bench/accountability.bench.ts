// A full-state accountability run: about 1,850 schools and 400 districts, every group, both grade spans, five years of
// inputs (plus the earlier graduation cohorts), stored in a PostgreSQL server (or PGlite when no cluster can be
// started). Prints the compute time (target <= 1 s) next to the time spent reading the inputs from the database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { syncCatalog } from '../src/server/services/catalog-service.ts';
import { ma2018Framework } from '../src/core/accountability/framework-2018.ts';
import {
  computeRun,
  frameworkIndicatorCodes,
  readAccountabilityInputs,
} from '../src/server/services/accountability-service.ts';
import { createRandom } from '../src/core/stats/random.ts';
import { figure, type Benchmark } from './bench-line.ts';
import { clusterUnavailable, startCluster } from './support/pg-cluster.ts';

const YEAR = 2026;
const DISTRICTS = 400;
const SCHOOLS = 1850;

/** Plausible means and spreads per indicator kind (the figures' realism does not change the work). */
function draw(code: string, r: () => number): number {
  if (code.endsWith('avg_scaled_score')) return 470 + 60 * r();
  if (code.endsWith('mean_sgp')) return 30 + 40 * r();
  if (code.endsWith('participation_pct')) return 93 + 7 * r();
  if (code.startsWith('graduation_')) return 60 + 40 * r();
  if (code.includes('still_in_school') || code.includes('non_grad')) return 8 * r();
  if (code === 'annual_dropout_pct') return 6 * r();
  if (code === 'chronic_absence_pct') return 5 + 40 * r();
  return 20 + 70 * r();
}

async function seed(db: Db): Promise<number> {
  await migrate(db);
  await syncCatalog(db);
  const rng = createRandom('accountability-bench');
  const orgLines = ['00000000,Massachusetts,state,state,,,,,,'];
  const schools: { code: string; hs: boolean; nonhs: boolean }[] = [];
  const districts: string[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const dc = `${String(d + 1).padStart(4, '0')}0000`;
    districts.push(dc);
    orgLines.push(`${dc},District ${d + 1},district,local,,,00000000,,,`);
  }
  for (let s = 0; s < SCHOOLS; s++) {
    const dc = districts[s % DISTRICTS]!;
    const kind = s % 5; // ES, ES, MS, HS, K-12
    const grades = [
      ['K', '01', '02', '03', '04', '05'],
      ['K', '01', '02', '03', '04', '05'],
      ['06', '07', '08'],
      ['09', '10', '11', '12'],
      ['K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
    ][kind]!;
    const code = `${dc.slice(0, 4)}${String(5 + Math.floor(s / DISTRICTS) * 5).padStart(4, '0')}`;
    schools.push({ code, hs: kind >= 3, nonhs: kind !== 3 });
    orgLines.push(`${code},School ${s + 1},school,public,${grades.join(';')},,${dc},,,`);
  }
  // Organizations through plain SQL (parents resolved after insertion).
  await db.withConnection(async (conn) => {
    await conn.query('BEGIN');
    for (let i = 0; i < orgLines.length; i += 500) {
      const chunk = orgLines.slice(i, i + 500).map((l) => l.split(','));
      const params: unknown[] = [];
      const values = chunk.map((c) => {
        params.push(c[0], c[1], c[2], c[3], c[4] ? c[4].split(';') : []);
        const n = params.length;
        return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await conn.query(
        `INSERT INTO organizations (code, name, level, type, grades) VALUES ${values.join(', ')}`,
        params,
      );
    }
    await conn.query(
      `UPDATE organizations s SET parent_id = p.id FROM organizations p
        WHERE s.level = 'school' AND p.code = substr(s.code, 1, 4) || '0000'`,
    );
    await conn.query(
      `UPDATE organizations s SET parent_id = p.id FROM organizations p WHERE s.level = 'district' AND p.code = '00000000'`,
    );
    await conn.query('COMMIT');
  });
  const ids = new Map(
    (await db.kysely.selectFrom('organizations').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  const codes = frameworkIndicatorCodes(ma2018Framework);
  // File-derived indicators (the 5-year cohort's other outcomes) enter the catalog with the DESE import.
  for (const code of codes)
    await db.kysely
      .insertInto('indicators')
      .values({
        code,
        label: code,
        definition: 'benchmark fixture',
        unit: 'percent',
        direction: 'context',
        area: 'completion',
        source: 'benchmark',
        year_convention: 'cohort_year',
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  const groups = ['all', 'lowest_performing', ...ma2018Framework.reportingGroups];
  let rows = 0;
  await db.withConnection(async (conn) => {
    await conn.query('BEGIN');
    const copy = conn.openCopy('indicator_values', [
      'indicator_code',
      'org_id',
      'school_year',
      'student_group',
      'value',
      'n',
    ]);
    const orgs = [...schools.map((s) => ({ ...s })), ...districts.map((code) => ({ code, hs: true, nonhs: true }))];
    for (const org of orgs) {
      const effect = rng.normal() * 0.15;
      for (const code of codes) {
        const hs =
          code.includes('_g10_') || /graduation|dropout|engagement|still_in_school|non_grad|advanced/.test(code);
        if (hs ? !org.hs : !org.nonhs && !code.startsWith('chronic') && !code.startsWith('elp')) continue;
        for (let year = YEAR - 6; year <= YEAR; year++)
          for (const g of groups) {
            if (g !== 'all' && rng.next() < 0.35) continue; // small groups are not reported
            const base = draw(code, () => Math.min(1, Math.max(0, 0.5 + effect + 0.2 * rng.normal())));
            await copy.write(
              `${code},${ids.get(org.code)},${year},${g},${base.toFixed(1)},${20 + Math.floor(rng.next() * 400)}`,
            );
            rows++;
          }
      }
    }
    await copy.end();
    await conn.query('COMMIT');
  });
  return rows;
}

const bench: Benchmark = {
  name: 'accountability.full_state',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-acc-'));
    const useCluster = clusterUnavailable() === null;
    const cluster = useCluster ? await startCluster() : null;
    try {
      if (cluster) cluster.psql(['-c', 'CREATE DATABASE acc']);
      const db = await openDatabase(
        cluster ? { databaseUrl: cluster.url('acc'), dataDir: '' } : { dataDir: path.join(dir, 'pglite') },
      );
      try {
        const values = await seed(db);
        const inputs = await readAccountabilityInputs(db, YEAR, ma2018Framework);
        let compute = Infinity;
        let schools = 0;
        for (let i = 0; i < 3; i++) {
          const { run, computeMs } = computeRun(inputs, YEAR, ma2018Framework);
          compute = Math.min(compute, computeMs / 1000);
          schools = run.summary.schools;
        }
        return [
          figure('accountability.input_values', values, 'values'),
          figure('accountability.schools', schools, 'schools'),
          figure('accountability.read_inputs_seconds', inputs.readMs / 1000, 's'),
          figure('accountability.full_state_compute_seconds', compute, 's', { op: '<=', value: 1 }),
        ];
      } finally {
        await db.close();
      }
    } finally {
      cluster?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
