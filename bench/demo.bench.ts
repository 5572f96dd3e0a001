// The whole synthetic Commonwealth at scale 1, generated and imported into a PostgreSQL server (a throwaway cluster):
// organizations, student records, and the school, district and state figures through the DESE importer, as
// `ssos demo --scale 1` does. Target: under 5 minutes on a 2-core machine.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadSyntheticDemo } from '../src/server/services/demo-service.ts';
import { figure, type Benchmark } from './bench-line.ts';
import { clusterUnavailable, startCluster } from './support/pg-cluster.ts';

const SCALE = Number(process.env.SSOS_BENCH_DEMO_SCALE ?? 1);

const bench: Benchmark = {
  name: 'demo.scale1',
  async run() {
    const unavailable = clusterUnavailable();
    if (unavailable)
      return [
        {
          name: 'demo.scale1_generate_import_seconds',
          value: null,
          unit: 's',
          status: 'unavailable',
          note: unavailable,
        },
      ];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-demo-'));
    const cluster = await startCluster();
    try {
      cluster.psql(['-c', 'CREATE DATABASE demo']);
      const db = await openDatabase({ databaseUrl: cluster.url('demo'), dataDir: '' });
      try {
        await migrate(db);
        // Time each step as the demo reports it.
        const steps: { step: string; at: number }[] = [];
        const started = performance.now();
        const summary = await loadSyntheticDemo(db, {
          scale: SCALE,
          seed: 1,
          filesDir: path.join(dir, 'files'),
          databaseUrl: cluster.url('demo'),
          onProgress: (step) => {
            steps.push({ step, at: performance.now() });
            console.error(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${step}`);
          },
        });
        const total = (performance.now() - started) / 1000;
        const between = (from: string, to: string | null) => {
          const a = steps.find((s) => s.step.startsWith(from))?.at ?? started;
          const b = to === null ? started + total * 1000 : (steps.find((s) => s.step.startsWith(to))?.at ?? a);
          return (b - a) / 1000;
        };
        return [
          figure('demo.scale1_generate_seconds', between('generating', 'catalog'), 's'),
          // On a server the student records and the figures load at the same time: each is timed from the start of
          // the imports, and the two together are one line.
          figure('demo.scale1_students_import_seconds', between('students', 'students imported'), 's'),
          figure(
            'demo.scale1_figures_import_seconds',
            between('students', 'school, district and state figures imported'),
            's',
          ),
          figure('demo.scale1_import_seconds', between('students', 'accounts'), 's'),
          figure('demo.scale1_student_years', summary.generated.rows.student_years, 'rows'),
          figure('demo.scale1_generate_import_seconds', total, 's', { op: '<=', value: 300 }),
        ];
      } finally {
        await db.close();
      }
    } finally {
      cluster.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
