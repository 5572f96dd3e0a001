// The DART API for one district on the demo state (the embedded database, as `npm start` runs it) under 100
// concurrent connections on loopback, next to a static JSON response of the same size from the same server in the
// same run. Targets (issue "DART"): p99 at most 50 ms, and at most 3x the static response's p99.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.ts';
import { publicAccess } from '../src/server/auth/access.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { defaultDemo, loadSyntheticDemo } from '../src/server/services/demo-service.ts';
import { figure, type Benchmark } from './bench-line.ts';

const CONNECTIONS = 100;
const SECONDS = Number(process.env.SSOS_BENCH_DART_SECONDS ?? 10);

async function load(url: string): Promise<{ p99: number; errors: number; requests: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
  return { p99: result.latency.p99, errors: result.errors + result.non2xx, requests: result.requests.total };
}

const bench: Benchmark = {
  name: 'dart.api',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-dart-'));
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrate(db);
      // The demo `npm start` loads (its default scale).
      await loadSyntheticDemo(db, { ...defaultDemo });
      const app = await buildApp({ db, config: loadConfig({ SSOS_DATA_DIR: dir }) });
      const sample = { body: Buffer.alloc(0) };
      app.get('/bench/static', { config: { access: publicAccess() } }, async (_req, reply) =>
        reply.header('content-type', 'application/json; charset=utf-8').send(sample.body),
      );
      const district = await db.kysely
        .selectFrom('organizations')
        .select('code')
        .where('level', '=', 'district')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      const dartPath = `/api/orgs/${district.code}/dart`;
      const first = await app.inject({ method: 'GET', url: dartPath });
      if (first.statusCode !== 200) throw new Error(`${dartPath} answered ${first.statusCode}: ${first.body}`);
      sample.body = Buffer.from(first.body);
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      await load(`${address}/bench/static`); // warm-up of the server and the connections
      const api = await load(`${address}${dartPath}`);
      const reference = await load(`${address}/bench/static`);
      await app.close();
      return [
        figure('dart.api_p99_ms', api.p99, 'ms', { op: '<=', value: 50 }),
        figure('dart.api_p99_ratio_vs_static', api.p99 / Math.max(reference.p99, 1), 'x', { op: '<=', value: 3 }),
        figure('dart.static_p99_ms', reference.p99, 'ms'),
        figure('dart.response_bytes', sample.body.length, 'bytes'),
        figure('dart.api_errors', api.errors, 'errors', { op: '=', value: 0 }),
        figure('dart.api_requests', api.requests, 'requests'),
      ];
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
