import { Command, CommanderError } from 'commander';
import { AppError } from '../core/errors.ts';
import { StartupError } from '../server/errors.ts';
import { platformVersion } from '../server/main.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerDbMigrateCommand } from './commands/db-migrate.ts';
import { registerUserAddCommand } from './commands/user-add.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerAccountabilityCommand } from './commands/accountability.ts';
import { registerEwisCommand } from './commands/ewis.ts';
import { registerAuditVerifyCommand } from './commands/audit-verify.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerRestoreCommand } from './commands/restore.ts';

const program = new Command();
program
  .name('ssos')
  .description(
    'ssos: the Statewide System of Support platform.\n\n' +
      'With no DATABASE_URL the data live in an embedded database in SSOS_DATA_DIR (default ./data/ssos);\n' +
      'set DATABASE_URL=postgres://user:password@host:5432/db to use a PostgreSQL server.',
  )
  .version(platformVersion())
  .showHelpAfterError('(run ssos --help for the commands)')
  .exitOverride();

registerServeCommand(program);
registerDemoCommand(program);
registerImportCommand(program);
registerGenerateCommand(program);
registerAccountabilityCommand(program);
registerEwisCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);
const db = program.command('db').description('database maintenance');
registerDbMigrateCommand(db);
const user = program.command('user').description('user accounts');
registerUserAddCommand(user);
const audit = program.command('audit').description('the audit log');
registerAuditVerifyCommand(audit);

program.addHelpText(
  'after',
  `
Examples:
  ssos serve --demo          run the platform with the demo data (loaded on first start)
  ssos demo                  load the demo data into the database
  ssos demo --scale 0.02     load a synthetic Commonwealth instead (scale 1 = Massachusetts-sized)
  ssos generate --out DIR    write the synthetic Commonwealth as files (with its answer key)
  ssos db migrate            bring the database schema up to date
  ssos import students DIR   import student-level CSV files (docs/student-csv-format.md)
  ssos accountability from-points --points P.csv --orgs O.csv
                             accountability percentages and reason from points DESE awarded (docs/accountability.md)
  ssos ewis evaluate --csv cohort.csv --outcome graduated --positive yes
                             cross-validated AUC of the early-warning model on any table
  ssos user add --email ana@example.org --name "Ana Lopez" --role district_leader --scope 00010000
  ssos backup --out FILE     write every table to a portable file (ssos restore --in FILE reads it back)
  ssos audit verify          check that no audit-log entry was changed or deleted (exit code 2 if one was)

Environment: DATABASE_URL, SSOS_DATA_DIR (./data/ssos), PORT (3000), HOST (127.0.0.1). See README.md.`,
);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof StartupError || err instanceof AppError) {
    console.error(`ssos: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error(`ssos: ${(err as Error)?.message ?? String(err)}`);
    if (process.env.SSOS_DEBUG) console.error(err);
    else console.error('(set SSOS_DEBUG=1 to see the details)');
    process.exitCode = 1;
  }
}
