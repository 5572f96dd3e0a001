import { fitLogistic, predictLogistic, type Design } from '../stats/logistic.ts';
import { auc, stratifiedFolds } from '../stats/metrics.ts';
import { createRandom } from '../stats/random.ts';

/**
 * The early-warning model on any table (`ssos ewis evaluate`): so the model can be checked on cohorts from elsewhere.
 * Numeric columns are standardized (a blank or NA is imputed with the training mean and flagged in a missing-value
 * column), text columns are one-hot encoded (a blank is its own category; a category unseen in training adds
 * nothing), and the same L2-regularized logistic regression is fitted (lambda 1, scikit-learn's C = 1). Encoders and
 * scales are fitted on the training folds only.
 */

/** A table of text cells: a header and rows of the same length. */
export interface TextTable {
  header: string[];
  rows: string[][];
}

export interface TabularOptions {
  outcome: string;
  positive: string;
  exclude?: readonly string[];
  folds?: number;
  seed?: number | string;
  lambda?: number;
  /** Text columns keep at most this many categories (the most frequent in training); the rest share one. */
  maxCategories?: number;
}

/** Cells read as missing in any column. */
const missingWords = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '.']);

export function isMissingCell(cell: string): boolean {
  return missingWords.has(cell.trim().toLowerCase());
}

function parseNumber(cell: string): number | null {
  const s = cell.trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** How a column enters the model. */
export type ColumnUse =
  | { name: string; index: number; kind: 'numeric'; hasMissing: boolean }
  | { name: string; index: number; kind: 'text' }
  | { name: string; index: number; kind: 'skipped'; reason: string };

/** Decides each column's use from the whole table: numeric when every present cell is a number, else text. */
export function classifyColumns(table: TextTable, outcomeIndex: number, exclude: ReadonlySet<string>): ColumnUse[] {
  const uses: ColumnUse[] = [];
  table.header.forEach((name, index) => {
    if (index === outcomeIndex) return;
    if (exclude.has(name)) {
      uses.push({ name, index, kind: 'skipped', reason: 'excluded' });
      return;
    }
    let numeric = true;
    let present = 0;
    let hasMissing = false;
    const distinct = new Set<string>();
    for (const row of table.rows) {
      const cell = row[index]!;
      if (isMissingCell(cell)) {
        hasMissing = true;
        continue;
      }
      present++;
      distinct.add(cell.trim());
      if (numeric && parseNumber(cell) === null) numeric = false;
    }
    if (present === 0) uses.push({ name, index, kind: 'skipped', reason: 'every cell is blank' });
    else if (numeric) uses.push({ name, index, kind: 'numeric', hasMissing });
    else if (distinct.size === present && present > 20)
      uses.push({ name, index, kind: 'skipped', reason: 'an identifier: every value differs' });
    else uses.push({ name, index, kind: 'text' });
  });
  return uses;
}

/** An encoder fitted on training rows, applied to any rows. */
interface Encoder {
  width: number;
  encode(row: string[], out: Float64Array, offset: number): void;
}

function fitEncoders(table: TextTable, uses: readonly ColumnUse[], train: readonly number[], maxCategories: number) {
  const encoders: Encoder[] = [];
  for (const use of uses) {
    if (use.kind === 'skipped') continue;
    const i = use.index;
    if (use.kind === 'numeric') {
      let sum = 0;
      let count = 0;
      for (const r of train) {
        const v = isMissingCell(table.rows[r]![i]!) ? null : parseNumber(table.rows[r]![i]!);
        if (v !== null) {
          sum += v;
          count++;
        }
      }
      const mean = count > 0 ? sum / count : 0;
      let squares = 0;
      let missing = 0;
      for (const r of train) {
        const v = isMissingCell(table.rows[r]![i]!) ? null : parseNumber(table.rows[r]![i]!);
        squares += ((v ?? mean) - mean) ** 2;
        if (v === null) missing++;
      }
      const sd = Math.sqrt(squares / Math.max(1, train.length)) || 1;
      const missMean = missing / Math.max(1, train.length);
      const missSd = Math.sqrt(missMean * (1 - missMean)) || 1;
      const flag = use.hasMissing;
      encoders.push({
        width: flag ? 2 : 1,
        encode(row, out, offset) {
          const v = isMissingCell(row[i]!) ? null : parseNumber(row[i]!);
          out[offset] = ((v ?? mean) - mean) / sd;
          if (flag) out[offset + 1] = ((v === null ? 1 : 0) - missMean) / missSd;
        },
      });
    } else {
      const counts = new Map<string, number>();
      for (const r of train) {
        const c = categoryOf(table.rows[r]![i]!);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const kept = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, maxCategories)
        .map(([c]) => c);
      const other = counts.size > kept.length;
      const position = new Map(kept.map((c, k) => [c, k]));
      const width = kept.length + (other ? 1 : 0);
      encoders.push({
        width,
        encode(row, out, offset) {
          for (let k = 0; k < width; k++) out[offset + k] = 0;
          const k = position.get(categoryOf(row[i]!));
          if (k !== undefined) out[offset + k] = 1;
          else if (other && counts.has(categoryOf(row[i]!))) out[offset + kept.length] = 1;
        },
      });
    }
  }
  const width = encoders.reduce((s, e) => s + e.width, 0);
  const design = (rows: readonly number[]): Design => {
    const x = new Float64Array(rows.length * width);
    rows.forEach((r, k) => {
      let offset = k * width;
      for (const e of encoders) {
        e.encode(table.rows[r]!, x, offset);
        offset += e.width;
      }
    });
    return { x, n: rows.length, p: width };
  };
  return { width, design };
}

function categoryOf(cell: string): string {
  return isMissingCell(cell) ? '(missing)' : cell.trim();
}

/** Whether an outcome cell is the positive value (text equal after trimming, or the same number). */
export function isPositive(cell: string, positive: string): boolean {
  const a = cell.trim();
  const b = positive.trim();
  if (a === b) return true;
  const x = parseNumber(a);
  const y = parseNumber(b);
  return x !== null && y !== null && x === y;
}

export interface TabularEvaluation {
  n: number;
  positives: number;
  /** Mean of the folds' AUCs (as scikit-learn's cross_val_score reports it). */
  auc: number;
  foldAucs: number[];
  /** AUC of all out-of-fold predictions together. */
  pooledAuc: number;
  features: number;
  columns: ColumnUse[];
  /** Rows left out because their outcome cell is blank. */
  droppedRows: number;
}

/** Fits and cross-validates the model on a table; a problem with the table is thrown as an Error with a message. */
export function evaluateTable(table: TextTable, options: TabularOptions): TabularEvaluation {
  const outcomeIndex = table.header.indexOf(options.outcome);
  if (outcomeIndex < 0)
    throw new Error(`the outcome column "${options.outcome}" is not in the header (${table.header.join(', ')})`);
  const k = options.folds ?? 5;
  const kept: number[] = [];
  for (let r = 0; r < table.rows.length; r++) if (!isMissingCell(table.rows[r]![outcomeIndex]!)) kept.push(r);
  const labels = Uint8Array.from(kept, (r) => (isPositive(table.rows[r]![outcomeIndex]!, options.positive) ? 1 : 0));
  const positives = labels.reduce((s, v) => s + v, 0);
  if (positives === 0) throw new Error(`no row has the outcome "${options.outcome}" equal to "${options.positive}"`);
  if (positives === labels.length)
    throw new Error(`every row has the outcome "${options.outcome}" equal to "${options.positive}"`);
  if (Math.min(positives, labels.length - positives) < k)
    throw new Error(
      `too few rows of one outcome for ${k}-fold cross-validation (${Math.min(positives, labels.length - positives)})`,
    );
  const subset: TextTable = { header: table.header, rows: kept.map((r) => table.rows[r]!) };
  const columns = classifyColumns(subset, outcomeIndex, new Set(options.exclude ?? []));
  if (!columns.some((c) => c.kind !== 'skipped')) throw new Error('no column is left to predict from');
  const folds = stratifiedFolds(labels, k, createRandom(options.seed ?? 'ssos-ewis-evaluate'));
  const foldAucs: number[] = [];
  const pooled = new Float64Array(labels.length);
  let features = 0;
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < labels.length; r++) (folds[r] === f ? test : train).push(r);
    const { width, design } = fitEncoders(subset, columns, train, options.maxCategories ?? 1000);
    features = Math.max(features, width);
    const fit = fitLogistic(
      design(train),
      Float64Array.from(train, (r) => labels[r]!),
      { lambda: options.lambda ?? 1 },
    );
    const p = predictLogistic(design(test), fit);
    test.forEach((r, i) => (pooled[r] = p[i]!));
    foldAucs.push(
      auc(
        p,
        Uint8Array.from(test, (r) => labels[r]!),
      ) ?? 0.5,
    );
  }
  return {
    n: labels.length,
    positives,
    auc: foldAucs.reduce((s, v) => s + v, 0) / k,
    foldAucs,
    pooledAuc: auc(pooled, labels) ?? 0.5,
    features,
    columns,
    droppedRows: table.rows.length - kept.length,
  };
}
