/**
 * Inter-rater agreement for calibrated classroom observation (learning walkthroughs): percent agreement, Cohen's
 * kappa (two raters) and Fleiss' kappa (any number of raters, the same number on every subject).
 *
 * Degenerate case: when the agreement expected by chance is 1 (every rating in one and the same category), kappa
 * is 0/0. We return `kappa: null` with a reason instead of 1 or 0: the raters may agree perfectly (percent agreement
 * says so), but the data cannot show agreement beyond chance, and a number would suggest it can.
 */

/** A kappa with what it was computed from; `kappa` is null when it is undefined (see `undefinedReason`). */
export interface KappaResult {
  kappa: number | null;
  /** Observed agreement (Cohen: share of subjects rated alike; Fleiss: mean pairwise agreement P-bar). */
  observed: number;
  /** Agreement expected by chance from the category proportions. */
  expected: number;
  undefinedReason: string | null;
}

/** Tolerance under which expected agreement counts as 1 (floating sums of squared shares). */
const ONE_EPSILON = 1e-12;

/** The reason kappa is undefined when chance agreement is 1. */
export const KAPPA_UNDEFINED_REASON =
  'Kappa is undefined: every rating is in one category, so chance agreement is 1 (0/0). Percent agreement still applies.';

function kappaOf(observed: number, expected: number): KappaResult {
  if (1 - expected < ONE_EPSILON) return { kappa: null, observed, expected, undefinedReason: KAPPA_UNDEFINED_REASON };
  return { kappa: (observed - expected) / (1 - expected), observed, expected, undefinedReason: null };
}

/**
 * Cohen's kappa for two raters who each rated the same subjects (`a[i]` and `b[i]` rate subject i), with
 * categories compared for equality. Throws when the lists differ in length or are empty (a caller's bug).
 */
export function cohensKappa<T>(a: readonly T[], b: readonly T[]): KappaResult {
  if (a.length !== b.length) throw new Error('cohensKappa: both raters must rate the same subjects');
  if (a.length === 0) throw new Error('cohensKappa: no subjects');
  const n = a.length;
  const countA = new Map<T, number>();
  const countB = new Map<T, number>();
  let same = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) same++;
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1);
  }
  let expected = 0;
  for (const [category, ca] of countA) expected += (ca / n) * ((countB.get(category) ?? 0) / n);
  return kappaOf(same / n, expected);
}

/** Fleiss' kappa with the per-subject agreement P_i and the category proportions p_j behind it. */
export interface FleissResult extends KappaResult {
  /** P_i: the share of agreeing rater pairs on each subject. */
  subjectAgreement: number[];
  /** p_j: the share of all ratings in each category (column order of the counts). */
  categoryShares: number[];
  raters: number;
}

/**
 * Fleiss' kappa from a subjects x categories table of counts (`counts[i][j]` raters put subject i in category j).
 * Every subject must have the same number of raters, at least two. Throws otherwise (a caller's bug).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  if (counts.length === 0) throw new Error('fleissKappa: no subjects');
  const raters = counts[0]!.reduce((s, c) => s + c, 0);
  if (raters < 2) throw new Error('fleissKappa: at least two raters per subject');
  const k = counts[0]!.length;
  const totals = new Array<number>(k).fill(0);
  const subjectAgreement = counts.map((row, i) => {
    if (row.length !== k) throw new Error(`fleissKappa: subject ${i} has ${row.length} categories, not ${k}`);
    const n = row.reduce((s, c) => s + c, 0);
    if (n !== raters) throw new Error(`fleissKappa: subject ${i} has ${n} raters, not ${raters}`);
    let pairs = 0;
    row.forEach((c, j) => {
      pairs += c * (c - 1);
      totals[j]! += c;
    });
    return pairs / (raters * (raters - 1));
  });
  const all = counts.length * raters;
  const categoryShares = totals.map((t) => t / all);
  const observed = subjectAgreement.reduce((s, p) => s + p, 0) / counts.length;
  const expected = categoryShares.reduce((s, p) => s + p * p, 0);
  return { ...kappaOf(observed, expected), subjectAgreement, categoryShares, raters };
}

/** One rating: a rater put a subject (e.g. a lesson) on an item of an instrument at a value of its scale. */
export interface Rating {
  subject: string;
  item: string;
  rater: string;
  value: number;
}

/** Agreement on one item (over the subjects), or over all items (subjects = subject x item pairs). */
export interface AgreementFigures {
  /** How many subjects (or subject x item pairs) every rater rated; only these count. */
  subjects: number;
  /** Subjects left out because not every rater rated them. */
  incomplete: number;
  /** Share of rater pairs that gave the same value (two raters: share of subjects rated alike). */
  percentAgreement: number | null;
  /** Cohen's kappa for two raters, Fleiss' kappa for more; null when undefined or nothing to compare. */
  kappa: number | null;
  method: 'cohen' | 'fleiss' | null;
  /** Why kappa is null, when it is. */
  note: string | null;
}

/** The agreement report of a calibration session: per item and overall. */
export interface AgreementReport {
  raters: string[];
  items: ({ item: string } & AgreementFigures)[];
  overall: AgreementFigures;
}

function figuresFor(units: Map<string, Map<string, number>>, raters: readonly string[]): AgreementFigures {
  const complete = [...units.values()].filter((byRater) => raters.every((r) => byRater.has(r)));
  const incomplete = units.size - complete.length;
  const none = (note: string): AgreementFigures => ({
    subjects: complete.length,
    incomplete,
    percentAgreement: null,
    kappa: null,
    method: null,
    note,
  });
  if (raters.length < 2) return none('Agreement needs at least two raters.');
  if (complete.length === 0) return none('No subject was rated by every rater.');
  if (raters.length === 2) {
    const a = complete.map((m) => m.get(raters[0]!)!);
    const b = complete.map((m) => m.get(raters[1]!)!);
    const r = cohensKappa(a, b);
    return {
      subjects: complete.length,
      incomplete,
      percentAgreement: r.observed,
      kappa: r.kappa,
      method: 'cohen',
      note: r.undefinedReason,
    };
  }
  const categories = [...new Set(complete.flatMap((m) => [...m.values()]))].sort((x, y) => x - y);
  const index = new Map(categories.map((c, j) => [c, j]));
  const counts = complete.map((m) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const r of raters) row[index.get(m.get(r)!)!]! += 1;
    return row;
  });
  const f = fleissKappa(counts);
  return {
    subjects: complete.length,
    incomplete,
    percentAgreement: f.observed,
    kappa: f.kappa,
    method: 'fleiss',
    note: f.undefinedReason,
  };
}

/**
 * Percent agreement and kappa per item (the subjects are the lessons rated) and overall (the subjects are the
 * lesson x item pairs). Raters are everyone who rated anything; a subject counts only when every rater rated it
 * (Fleiss needs the same raters on each), and the ones left out are counted in `incomplete`. With a single
 * lesson, an item's kappa rests on one subject: read the item's percent agreement and the overall kappa instead.
 */
export function agreementReport(ratings: readonly Rating[]): AgreementReport {
  const raters = [...new Set(ratings.map((r) => r.rater))].sort();
  const items = [...new Set(ratings.map((r) => r.item))];
  const byItem = new Map<string, Map<string, Map<string, number>>>();
  const overall = new Map<string, Map<string, number>>();
  for (const r of ratings) {
    const perItem = byItem.get(r.item) ?? new Map<string, Map<string, number>>();
    byItem.set(r.item, perItem);
    const unit = perItem.get(r.subject) ?? new Map<string, number>();
    perItem.set(r.subject, unit);
    unit.set(r.rater, r.value);
    const key = JSON.stringify([r.subject, r.item]);
    const all = overall.get(key) ?? new Map<string, number>();
    overall.set(key, all);
    all.set(r.rater, r.value);
  }
  return {
    raters,
    items: items.map((item) => ({ item, ...figuresFor(byItem.get(item)!, raters) })),
    overall: figuresFor(overall, raters),
  };
}
