import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { loadDemo, type DemoSummary } from '../../server/services/demo-service.ts';
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
    .action(async () => {
      const config = loadConfig();
      const { db } = await openAndMigrate(config);
      try {
        const summary = await loadDemo(db, (step) => process.stderr.write(`Loading ${step}…\n`));
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
