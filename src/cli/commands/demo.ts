import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { defaultDemo, loadDemo, loadSyntheticDemo, type DemoSummary } from '../../server/services/demo-service.ts';
import { AppError } from '../../core/errors.ts';
import { roleDefinitions, type Role } from '../../core/access/roles.ts';
import { orgLevels } from '../../core/orgs/organization.ts';

/** The demo accounts as a table to print. */
export function formatDemoLogins(summary: Pick<DemoSummary, 'users'>): string {
  const width = Math.max(...summary.users.map((u) => u.email.length));
  return summary.users
    .map((u) => `  ${u.email.padEnd(width)}  ${u.password.padEnd(20)}  ${roleDefinitions[u.role as Role].label}`)
    .join('\n');
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'load the demo: a synthetic Commonwealth (organizations, students, and the school, district and state figures computed from them), the indicator catalog, and one account per role',
    )
    .option(
      '--scale <scale>',
      `size of the synthetic Commonwealth (1 = Massachusetts-sized, for a PostgreSQL server; the default ${defaultDemo.scale} loads in under a minute)`,
      String(defaultDemo.scale),
    )
    .option(
      '--seed <seed>',
      'seed of the synthetic Commonwealth (same seed and scale, same state)',
      String(defaultDemo.seed),
    )
    .option(
      '--fixed',
      'load only a small fixed set of real Massachusetts organizations, without data (for trying the screens)',
    )
    .action(async (opts: { scale: string; seed: string; fixed?: boolean }) => {
      const scale = Number(opts.scale);
      if (!(scale > 0 && scale <= 10))
        throw new AppError('validation_failed', `--scale must be a number above 0 and at most 10, not "${opts.scale}"`);
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('validation_failed', `--seed must be a whole number, not "${opts.seed}"`);
      const config = loadConfig();
      const { db } = await openAndMigrate(config);
      try {
        // Steps start ("Loading students…"); a load that runs beside another also says when it is done.
        const onProgress = (step: string) =>
          process.stderr.write(
            step.endsWith(' imported') ? `Loaded ${step.slice(0, -' imported'.length)}.\n` : `Loading ${step}…\n`,
          );
        const summary = opts.fixed
          ? await loadDemo(db, onProgress)
          : await loadSyntheticDemo(db, {
              scale,
              seed: Number(opts.seed),
              onProgress,
              databaseUrl: config.databaseUrl,
            });
        const counts = orgLevels
          .filter((level) => summary.organizations[level])
          .map((level) => [level, summary.organizations[level]!] as const)
          .map(([level, n]) => `${n} ${level}${n === 1 ? '' : 's'}`)
          .join(', ');
        console.log(`Demo loaded into ${db.location}: ${counts}.`);
        console.log('Demo accounts (email, password, role):');
        console.log(formatDemoLogins(summary));
      } finally {
        await db.close();
      }
    });
}
