import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { systemContext } from '../../server/context.ts';
import { openAndMigrate } from '../../server/main.ts';
import { evaluateCsv, TableProblem } from '../../server/services/ewis-evaluate-service.ts';
import { runEwis } from '../../server/services/ewis-service.ts';

/** `ssos ewis ...`: the early-warning model. */
export function registerEwisCommand(program: Command): void {
  const ewis = program.command('ewis').description('early warning (EWIS)');
  ewis
    .command('run')
    .description(
      'train one model per grade on the students whose milestones are known, and score every student of a school year (stored with the models and their validation)',
    )
    .option('--year <year>', 'the school year to score, named by its spring (default: the latest with records)')
    .action(async (opts: { year?: string }) => {
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year))
        throw new AppError('validation_failed', `--year must be a year such as 2026, not "${opts.year}"`);
      const { db } = await openAndMigrate(loadConfig());
      try {
        const r = await runEwis(systemContext(db), { year: opts.year === undefined ? undefined : Number(opts.year) });
        console.log(
          `Early warning ${r.schoolYear}: run ${r.runId}, trained on ${r.trainingYears.join(', ') || 'no year'}, ${r.scored} students scored in ${(r.computeMs / 1000).toFixed(1)} s`,
        );
        console.log(
          `  high risk ${r.levels.high}, moderate ${r.levels.moderate}, low ${r.levels.low}, N/A ${r.levels.notAvailable}`,
        );
        for (const m of r.models)
          console.log(
            `  grade ${String(m.grade).padStart(2)} (${m.milestone}): ${m.n} students, AUC ${m.auc === null ? 'n/a' : m.auc.toFixed(3)}, calibration error ${m.calibrationError.toFixed(3)}`,
          );
        for (const s of r.skippedGrades) console.log(`  grade ${String(s.grade).padStart(2)}: no model: ${s.reason}`);
      } finally {
        await db.close();
      }
    });
  ewis
    .command('evaluate')
    .description(
      'fit the early-warning model (L2 logistic regression, standardized numbers, one-hot text) on any CSV and print its 5-fold stratified cross-validated AUC',
    )
    .requiredOption('--csv <file>', 'the table: a header row, then one row per case')
    .requiredOption('--outcome <column>', 'the column to predict')
    .requiredOption('--positive <value>', 'the outcome value counted as positive')
    .option('--sep <char>', 'the separator (default: guessed from the header: comma, semicolon or tab)')
    .option('--exclude <columns>', 'comma-separated columns not to predict from (identifiers, leaks)')
    .option('--folds <k>', 'folds of the cross-validation', '5')
    .action(
      async (opts: {
        csv: string;
        outcome: string;
        positive: string;
        sep?: string;
        exclude?: string;
        folds: string;
      }) => {
        const folds = Number(opts.folds);
        if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
          console.error('ssos: --folds must be a whole number from 2 to 20');
          process.exitCode = 2;
          return;
        }
        try {
          const result = await evaluateCsv(opts.csv, {
            outcome: opts.outcome,
            positive: opts.positive,
            separator: opts.sep,
            exclude: opts.exclude
              ? opts.exclude
                  .split(',')
                  .map((c) => c.trim())
                  .filter((c) => c !== '')
              : [],
            folds,
          });
          for (const c of result.columns)
            if (c.kind === 'skipped' && c.reason !== 'excluded')
              console.error(`note: column "${c.name}" left out: ${c.reason}`);
          if (result.droppedRows > 0)
            console.error(`note: ${result.droppedRows} rows left out: their outcome is blank`);
          console.log(`n=${result.n}`);
          console.log(`positives=${result.positives}`);
          console.log(`auc=${result.auc.toFixed(4)}`);
          console.log(`auc_pooled=${result.pooledAuc.toFixed(4)}`);
          console.log(`folds=${folds}`);
          console.log(`features=${result.features}`);
        } catch (err) {
          if (!(err instanceof TableProblem)) throw err;
          console.error(`ssos: ${err.message}`);
          process.exitCode = 1;
        }
      },
    );
}
