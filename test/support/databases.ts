import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/server/db/client.ts';
import { pgliteTemplateDir, serverTemplateName, withDatabase } from './template.ts';

export type Backend = 'pglite' | 'postgres';

/** The backends database tests run on: always PGlite; also the server named by SSOS_TEST_DATABASE_URL. */
export function testBackends(): Backend[] {
  return process.env.SSOS_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb extends Db {
  /** Closes the database and deletes it. */
  dispose(): Promise<void>;
  /** Where it lives, to open it again (the data directory, or the URL). */
  target: { dataDir: string; databaseUrl?: string };
}

/** A fresh, migrated database of the given backend, copied from the template. */
export async function createTestDb(backend: Backend): Promise<TestDb> {
  if (backend === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-test-'));
    await cp(await pgliteTemplateDir(), dir, { recursive: true });
    const db = await openDatabase({ dataDir: dir });
    return Object.assign(db, {
      target: { dataDir: dir },
      dispose: async () => {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    });
  }
  const serverUrl = process.env.SSOS_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('SSOS_TEST_DATABASE_URL is not set');
  const name = `ssos_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await serverTemplateName()}`);
  await admin.end();
  const databaseUrl = withDatabase(serverUrl, name);
  const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 4 });
  return Object.assign(db, {
    target: { dataDir: '', databaseUrl },
    dispose: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  });
}
