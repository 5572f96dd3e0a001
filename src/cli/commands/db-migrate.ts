import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';

export function registerDbMigrateCommand(parent: Command): void {
  parent
    .command('migrate')
    .description('apply the database migrations not yet applied (also done on every start)')
    .action(async () => {
      const config = loadConfig();
      const { db, applied } = await openAndMigrate(config);
      try {
        console.log(
          applied.length === 0
            ? `Database at ${db.location} is up to date.`
            : `Applied ${applied.length} migration${applied.length > 1 ? 's' : ''} to ${db.location}: ${applied.join(', ')}`,
        );
      } finally {
        await db.close();
      }
    });
}
