import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { loadDemo, loadSyntheticDemo, type DemoSummary } from '../../server/services/demo-service.ts';
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
    .description('load the demo data: organizations, the indicator catalog, and one account per role')
    .option(
      '--scale <scale>',
      'load the synthetic Commonwealth at this scale instead (1 = Massachusetts-sized; 0.02 loads in well under a minute)',
    )
    .option('--seed <seed>', 'seed of the synthetic Commonwealth (same seed and scale, same state)', '1')
    .action(async (opts: { scale?: string; seed: string }) => {
      const scale = opts.scale === undefined ? undefined : Number(opts.scale);
      if (scale !== undefined && !(scale > 0 && scale <= 10))
        throw new AppError('validation_failed', `--scale must be a number above 0 and at most 10, not "${opts.scale}"`);
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('validation_failed', `--seed must be a whole number, not "${opts.seed}"`);
      const config = loadConfig();
      const { db } = await openAndMigrate(config);
      try {
        const onProgress = (step: string) => process.stderr.write(`Loading ${step}…\n`);
        const summary =
          scale === undefined
            ? await loadDemo(db, onProgress)
            : await loadSyntheticDemo(db, { scale, seed: Number(opts.seed), onProgress });
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
