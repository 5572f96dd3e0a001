import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { demoUsers } from '../../src/core/demo/fixed-commonwealth.ts';
import type { Role } from '../../src/core/access/roles.ts';
import { createTestDb, type Backend, type TestDb } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  /** The clock the app reads; tests may move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** An app on a fresh database holding the demo organizations and accounts. */
export async function createTestApp(
  backend: Backend,
  options: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await createTestDb(backend);
  if (options.demo !== false) await loadDemo(db);
  const clock = { now: new Date() };
  const config = loadConfig({ SSOS_DATA_DIR: db.target.dataDir, SSOS_WEB_DIR: 'dist/web', ...options.env });
  const app = await buildApp({ db, config, clock: () => clock.now, version: 'test' });
  await app.ready();
  return {
    app,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.dispose();
    },
  };
}

/** The demo account of a role. */
export function demoUserOf(role: Role) {
  const u = demoUsers.find((d) => d.role === role);
  if (!u) throw new Error(`no demo user for ${role}`);
  return u;
}

/** Signs in as the demo user of a role; returns the cookie header to send. */
export async function signInAs(app: FastifyInstance, role: Role): Promise<string> {
  const u = demoUserOf(role);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: u.email, password: u.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
  return cookieHeader(res);
}

/** The `cookie` request header that carries the cookies a response set. */
export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
