import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { pgliteTemplateDir, serverTemplateName, withDatabase } from './template.ts';

/**
 * Migrates one template database per backend, once per run: a fresh PGlite directory costs about 5 s, a copy of a
 * migrated one well under a second. Test files copy the template (see databases.ts).
 */
export default async function setup(): Promise<void> {
  const dir = await pgliteTemplateDir();
  if (!existsSync(dir)) {
    const building = `${dir}.building-${process.pid}`;
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    const db = await openDatabase({ dataDir: building });
    await migrate(db);
    await db.close();
    await rename(building, dir).catch(async () => rm(building, { recursive: true, force: true }));
  }

  const serverUrl = process.env.SSOS_TEST_DATABASE_URL;
  if (serverUrl) {
    const template = await serverTemplateName();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template}`);
        const db = await openDatabase({ databaseUrl: withDatabase(serverUrl, template), dataDir: '' });
        await migrate(db);
        await db.close();
      }
    } finally {
      await admin.end();
    }
  }
}
