import type { Command } from 'commander';
import { evaluateCsv, TableProblem } from '../../server/services/ewis-evaluate-service.ts';

/** `ssos ewis ...`: the early-warning model. */
export function registerEwisCommand(program: Command): void {
  const ewis = program.command('ewis').description('early warning (EWIS)');
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
