import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/client.ts';
import { writeBackup } from '../../server/services/backup-service.ts';

/** `ssos backup --out FILE`: writes every table of the database to a portable, gzip'd backup file. */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('write every table of the database (embedded or DATABASE_URL) to a portable gzip file')
    .requiredOption('--out <file>', 'the backup file to write (e.g. ssos-2026-11-24.backup.gz)')
    .action(async (opts: { out: string }) => {
      const config = loadConfig();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const file = path.resolve(opts.out);
        const summary = await writeBackup(db, file, (table, rows) => {
          if (process.stderr.isTTY) process.stderr.write(`  ${table}: ${rows} rows\n`);
        });
        console.log(
          `Backed up ${summary.rows} rows in ${summary.tables} tables (schema version ${summary.schemaVersion}) from ${db.location} to ${file}.`,
        );
      } finally {
        await db.close();
      }
    });
}
