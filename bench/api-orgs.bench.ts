// The organization search API on the embedded database (PGlite: one connection, WebAssembly) under 50 concurrent
// connections on loopback, next to a static JSON response of the same size from the same app in the same run. The
// foundation sets no speed target for it: the figures are context for later targets (DART, load), and the run
// must have no errors.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { publicAccess } from '../src/server/auth/access.ts';
import { loadDemo } from '../src/server/services/demo-service.ts';
import { figure, type Benchmark } from './bench-line.ts';

async function load(url: string): Promise<{ p99: number; errors: number; requests: number }> {
  const result = await autocannon({ url, connections: 50, duration: 5, pipelining: 1 });
  return { p99: result.latency.p99, errors: result.errors + result.non2xx, requests: result.requests.total };
}

const bench: Benchmark = {
  name: 'api.org_search',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-bench-'));
    const db = await openDatabase({ dataDir: dir });
    try {
      await migrate(db);
      await loadDemo(db);
      const app = await buildApp({ db, config: loadConfig({ SSOS_DATA_DIR: dir }) });
      const searchPath = '/api/orgs?q=abington';
      const sample = { body: '' };
      app.get('/bench/static', { config: { access: publicAccess() } }, async (_req, reply) =>
        reply.type('application/json').send(sample.body),
      );
      sample.body = (await app.inject({ method: 'GET', url: searchPath })).body;
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      await load(`${address}${searchPath}`); // warm-up
      const api = await load(`${address}${searchPath}`);
      const reference = await load(`${address}/bench/static`);
      await app.close();
      return [
        figure('api.org_search_pglite_p99_ms', api.p99, 'ms'),
        figure('api.org_search_pglite_p99_ratio_vs_static', api.p99 / Math.max(reference.p99, 1), 'x'),
        figure('api.static_p99_ms', reference.p99, 'ms'),
        figure('api.org_search_errors', api.errors, 'errors', { op: '=', value: 0 }),
        figure('api.org_search_requests', api.requests, 'requests'),
      ];
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
