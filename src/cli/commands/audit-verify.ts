import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { verifyAuditLog } from '../../server/services/audit-service.ts';

/** `ssos audit verify`: checks the audit log's hash chain; exit code 0 when intact, 2 at the first broken entry. */
export function registerAuditVerifyCommand(parent: Command): void {
  parent
    .command('verify')
    .description("check the audit log's hash chain: exit code 0 when no entry was changed or deleted, 2 otherwise")
    .action(async () => {
      const { db } = await openAndMigrate(loadConfig());
      try {
        const r = await verifyAuditLog(db);
        if (r.intact) {
          console.log(
            `Audit log intact: ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'}, newest ${r.lastId ?? '(none)'}, chain head ${r.headHash ?? '(empty)'}.`,
          );
        } else {
          console.error(`ssos: audit log broken at entry ${r.broken!.entryId ?? '(none)'}: ${r.broken!.problem}`);
          console.error(`(${r.entries} entries before it are intact)`);
          process.exitCode = 2;
        }
      } finally {
        await db.close();
      }
    });
}
