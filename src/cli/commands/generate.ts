import { contextTables, type ContextTable } from '../../core/synth/context-figures.ts';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../server/services/synthetic-service.ts';
import { aggregateTables, type AggregateTable } from '../../core/aggregates/student-aggregates.ts';

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'write the synthetic Commonwealth as files: the organization directory, student CSV files, and the answer key',
    )
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--scale <scale>', 'size of the state: 1 = Massachusetts-sized (about 920,000 students)', '0.02')
    .option('--seed <seed>', 'seed: the same seed and scale always give the same state', '1')
    .action(async (opts: { out: string; scale: string; seed: string }) => {
      const scale = Number(opts.scale);
      if (!(scale > 0 && scale <= 10))
        throw new AppError('validation_failed', `--scale must be a number above 0 and at most 10, not "${opts.scale}"`);
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('validation_failed', `--seed must be a whole number, not "${opts.seed}"`);
      const started = performance.now();
      const summary = await writeSyntheticCommonwealth(opts.out, { seed: Number(opts.seed), scale }, (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  districts ${done}/${total}`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Wrote the synthetic Commonwealth (scale ${scale}, seed ${opts.seed}) to ${summary.dir} in ${seconds} s:`,
      );
      console.log(`  organizations.csv: ${summary.organizations} organizations (${summary.districts} districts)`);
      for (const [table, rows] of Object.entries(summary.rows)) console.log(`  students/${table}.csv: ${rows} rows`);
      for (const [table, rows] of Object.entries(summary.aggregateRows))
        console.log(
          `  ${syntheticLayout.aggregates}/${aggregateTables[table as AggregateTable].file}: ${rows} rows (school, district and state figures)`,
        );
      for (const [table, rows] of Object.entries(summary.contextRows))
        console.log(
          `  ${syntheticLayout.aggregates}/${contextTables[table as ContextTable].file}: ${rows} rows (staffing, spending and college-going)`,
        );
      console.log(
        `  answer-key/milestone_probabilities.csv: ${summary.answerKeyRows} rows (never imported: for checking early-warning models)`,
      );
      console.log(
        `Load it with: ssos import organizations ${summary.dir}/organizations.csv && ssos import students ${summary.dir}/students && ssos import dese ${summary.dir}/${syntheticLayout.aggregates}`,
      );
    });
}
