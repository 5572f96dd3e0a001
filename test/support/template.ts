import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadMigrations } from '../../src/server/db/migrate.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** A name that changes whenever a migration does, so templates are rebuilt only when the schema changes. */
export async function schemaFingerprint(): Promise<string> {
  const migrations = await loadMigrations();
  return createHash('sha256')
    .update(migrations.map((m) => m.checksum).join(','))
    .digest('hex')
    .slice(0, 12);
}

export async function pgliteTemplateDir(): Promise<string> {
  return path.join(projectRoot, '.cache', 'test', `pglite-template-${await schemaFingerprint()}`);
}

export async function serverTemplateName(): Promise<string> {
  return `ssos_template_${await schemaFingerprint()}`;
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
