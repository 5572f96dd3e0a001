// Load: 200 concurrent connections for 60 s on loopback over a mix of signed-in read routes (a district's DART
// page, a school's accountability report and a school's early-warning roster, each as the demo district leader)
// against the platform on a PostgreSQL server holding the demo state (issue 9: 0 errors, p99 under 200 ms). The
// roster is person-level: every read of it writes an audit entry, so the mix also loads the audit log.
// SSOS_LOAD_SECONDS and SSOS_LOAD_CONNECTIONS shorten a trial run; the figures are judged only at the full settings.
import autocannon from 'autocannon';
import { demoUsers } from '../src/core/demo/fixed-commonwealth.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { defaultDemo, loadSyntheticDemo } from '../src/server/services/demo-service.ts';
import { figure, type Benchmark, type BenchFigure } from './bench-line.ts';
import { clusterUnavailable, startCluster } from './support/pg-cluster.ts';

const fullSeconds = 60;
const fullConnections = 200;

const bench: Benchmark = {
  name: 'load',
  async run() {
    const unavailable = clusterUnavailable();
    if (unavailable) {
      const na = (name: string, target: BenchFigure['target']): BenchFigure => ({
        name,
        value: null,
        unit: name.endsWith('_ms') ? 'ms' : 'errors',
        target,
        status: 'unavailable',
        note: unavailable,
      });
      return [na('load.errors', { op: '=', value: 0 }), na('load.p99_ms', { op: '<=', value: 200 })];
    }
    const seconds = Number(process.env.SSOS_LOAD_SECONDS ?? fullSeconds);
    const connections = Number(process.env.SSOS_LOAD_CONNECTIONS ?? fullConnections);
    const cluster = await startCluster();
    const databaseUrl = cluster.url();
    const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 20 });
    try {
      await migrate(db);
      await loadSyntheticDemo(db, { ...defaultDemo, databaseUrl });
      const app = await buildApp({ db, config: loadConfig({ SSOS_DATA_DIR: '', DATABASE_URL: databaseUrl }) });
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const leader = await db.kysely
        .selectFrom('users')
        .innerJoin('organizations', 'organizations.id', 'users.scope_org_id')
        .select(['users.email', 'organizations.code', 'organizations.id'])
        .where('users.role', '=', 'district_leader')
        .executeTakeFirstOrThrow();
      const school = await db.kysely
        .selectFrom('organizations')
        .select('code')
        .where('level', '=', 'school')
        .where('parent_id', '=', leader.id)
        .orderBy('code')
        .executeTakeFirstOrThrow();
      const login = await fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: address },
        body: JSON.stringify({
          email: leader.email,
          password: demoUsers.find((u) => u.role === 'district_leader')!.password,
        }),
      });
      if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const paths = [
        `/api/orgs/${leader.code}/dart`,
        `/api/orgs/${school.code}/accountability`,
        `/api/orgs/${school.code}/ewis/roster`,
      ];
      for (const p of paths) {
        const res = await fetch(`${address}${p}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${p} answers ${res.status}: ${await res.text()}`);
      }
      const requests = paths.map((p) => ({ method: 'GET' as const, path: p, headers: { cookie } }));
      // Warm-up: plans cached, pools filled.
      await autocannon({ url: address, connections: 20, duration: 5, requests });
      // The load comes from a worker thread: the clients' own work (parsing every response) does not run on the
      // server's event loop, as it would not in use.
      const result = await autocannon({ url: address, connections, duration: seconds, requests, workers: 1 });
      await app.close();
      const full = seconds >= fullSeconds && connections >= fullConnections;
      const judged = (f: BenchFigure): BenchFigure =>
        full ? f : { ...f, status: 'context', note: `trial run: ${connections} connections for ${seconds} s` };
      return [
        judged(figure('load.errors', result.errors + result.non2xx + result.timeouts, 'errors', { op: '=', value: 0 })),
        judged(figure('load.p99_ms', result.latency.p99, 'ms', { op: '<=', value: 200 })),
        figure('load.p50_ms', result.latency.p50, 'ms'),
        figure('load.requests_per_second', result.requests.average, 'req/s'),
        figure('load.requests', result.requests.total, 'requests'),
      ];
    } finally {
      await db.close();
      cluster.stop();
    }
  },
};
export default bench;
