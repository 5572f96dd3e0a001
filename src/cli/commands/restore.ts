import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { restoreBackup } from '../../server/services/backup-service.ts';

/** `ssos restore --in FILE`: loads a backup into an empty database at the same schema version, all or nothing. */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('load a backup made by `ssos backup` into an empty database, in one transaction')
    .requiredOption('--in <file>', 'the backup file to read')
    .option('--replace', 'overwrite a database that already holds data (everything in it is replaced)')
    .action(async (opts: { in: string; replace?: boolean }) => {
      const { db } = await openAndMigrate(loadConfig());
      try {
        const file = path.resolve(opts.in);
        const summary = await restoreBackup(db, file, {
          replace: opts.replace === true,
          onTable: (table, rows) => {
            if (process.stderr.isTTY) process.stderr.write(`  ${table}: ${rows} rows\n`);
          },
        });
        console.log(
          `Restored ${summary.rows} rows in ${summary.tables} tables (schema version ${summary.schemaVersion}) into ${db.location}.`,
        );
      } finally {
        await db.close();
      }
    });
}
