import {
  ma2012Framework,
  subjects2012,
  type ExtraCreditKind,
  type Level2012,
  type LevelsFramework,
  type McasAltResult,
  type PercentileIndicator,
  type PpiIndicator,
  type PpiRating,
  type SchoolType2012,
  type Subject2012,
  type TargetIndicatorRule,
} from './framework-2012.ts';
import { roundHalfUp, type ExplanationStep } from './points.ts';

/**
 * The 2012-2017 Level 1-5 system computed from figures per school, student group and year: CPI from scaled scores,
 * PPI indicator points and extra credit, annual and cumulative PPI, school and subgroup percentiles within school
 * type, and each school's and district's level with its reasons and the steps that led to it. Pure: typed input in,
 * explained result out; the rules are read from a `LevelsFramework` (`ma2012Framework` by default).
 *
 * ## Filling the input from stored indicator values
 * The platform stores values per organization x year x student group x indicator (with the n behind each). One
 * `GroupYearFigures` is one organization, year and group; each field is one stored value of that year:
 *
 * | field                         | indicator code (year = the year the value is stored under)                         |
 * | ----------------------------- | ---------------------------------------------------------------------------------- |
 * | `n`                           | the smaller of the ELA and math `mcas_<subject>_<grades>_students_included` (legacy |
 * |                               | profiles: `dese_profile2017_mcas_g<grade>_<subject>_included`, summed over grades)  |
 * | `cpi.<subject>`               | the legacy CPI of the tested grades (`dese_profile2017_mcas_g<grade>_<subject>_cpi`,|
 * |                               | n-weighted), or `groupCpiNextGen` over the students' Next-Generation scores         |
 * | `medianSgp.<ela, math>`       | `mcas_<subject>_<grades>_median_sgp` (DESE's SGP up to 2017 is the median)          |
 * | `advancedPct`, `warningFailingPct` | legacy `dese_profile2017_mcas_g<grade>_<subject>_a_pct` and `..._wf_pct`      |
 * | `participationPct.<subject>`  | `mcas_<subject>_<grades>_participation_pct` (e.g. `mcas_ela_g38_participation_pct`) |
 * | `dropoutPct`                  | `annual_dropout_pct` (school year)                                                 |
 * | `graduation4Pct`, `graduation5Pct` | `graduation_4yr_pct`, `graduation_5yr_pct` (both under the cohort year)       |
 * | `reengagedDropouts`, `elpMedianSgp` | not in the catalog yet (DESE's accountability files)                        |
 * | `annualPpi`, `targets`, group `percentile` | DESE's published accountability and targets files, when imported      |
 *
 * Values are given under the year they are stored under; the framework's lags pick the right one (the 2013 PPI uses
 * the 2012 dropout and 4-year graduation rates and the 2011 5-year rate). Suppressed values are left out or null.
 * `src/server/services/accountability-2012-service.ts` fills the input this way, and computes from student records
 * (aggregated in the database with `nextGenCpiTable`) each figure that is not stored.
 */

// ---------------------------------------------------------------------------------------------------------------
// Input and result types

/** One group's figures for one year (see the mapping above); every field is optional. */
export interface GroupYearFigures {
  /** Students assessed in both ELA and mathematics (the smaller of the two counts). */
  n?: number | null;
  cpi?: Partial<Record<Subject2012, number | null>>;
  medianSgp?: Partial<Record<'ela' | 'math', number | null>>;
  warningFailingPct?: Partial<Record<Subject2012, number | null>>;
  advancedPct?: Partial<Record<Subject2012, number | null>>;
  participationPct?: Partial<Record<Subject2012, number | null>>;
  dropoutPct?: number | null;
  graduation4Pct?: number | null;
  graduation5Pct?: number | null;
  reengagedDropouts?: number | null;
  /** Median growth on ACCESS for ELLs (for the English language acquisition extra credit). */
  elpMedianSgp?: number | null;
  /** The annual PPI as published: when given it is used instead of being computed. */
  annualPpi?: number | null;
  /** Targets for this accountability year from the state's targets file; they replace the computed ones. */
  targets?: {
    cpi?: Partial<Record<Subject2012, number | null>>;
    dropoutPct?: number | null;
    graduation4Pct?: number | null;
    graduation5Pct?: number | null;
  };
}

/** One student group of a school: its figures by year (fy, the spring year). */
export interface GroupInput2012 {
  years: Readonly<Record<number, GroupYearFigures>>;
  /** The group's percentile (1-99) for the run's year as published; when given it is used instead of computed. */
  percentile?: number | null;
}

/** One school. */
export interface SchoolInput2012 {
  code: string;
  districtCode: string;
  schoolType: SchoolType2012;
  charter: boolean;
  /** Highest grade served (0 = kindergarten); schools ending in grade 1 or 2 are not classified. */
  highestGrade?: number | null;
  isNew?: boolean;
  reconfigured?: boolean;
  /** Level 4 or 5 designated by the state (an input, never computed). */
  designatedLevel?: 4 | 5 | null;
  /** By student group code (`all`, `high_needs`, `low_income`, ...). */
  groups: Readonly<Record<string, GroupInput2012>>;
}

/** A district designated Level 4 or 5 by the Board on its own account. */
export interface DistrictInput2012 {
  code: string;
  designatedLevel?: 4 | 5 | null;
}

/** Everything a run needs. */
export interface LevelsInput {
  fy: number;
  schools: readonly SchoolInput2012[];
  districts?: readonly DistrictInput2012[];
}

/** Points earned on one core indicator. */
export interface IndicatorPoints {
  indicator: PpiIndicator;
  rating: string;
  points: number;
  figure: number;
  prior: number | null;
  target: number | null;
  text: string;
}

/** Extra credit earned. */
export interface ExtraCreditPoints {
  kind: ExtraCreditKind;
  subject: Subject2012 | null;
  points: number;
  text: string;
}

/** One group's annual PPI for one year. */
export interface AnnualPpiResult {
  fy: number;
  annualPpi: number | null;
  source: 'given' | 'computed' | 'none';
  indicators: IndicatorPoints[];
  extraCredit: ExtraCreditPoints[];
  explanation: ExplanationStep[];
}

/** A percentile: the percent of the pool scoring lower (unrounded) and as shown (1-99). */
export interface PercentileResult {
  percentBelow: number;
  percentile: number;
  poolSize: number;
  given: boolean;
}

/** One group's result. */
export interface GroupLevelResult {
  group: string;
  /** Whether the group has the minimum N this year. */
  eligible: boolean;
  /** Annual PPIs of the four years, oldest first. */
  annual: AnnualPpiResult[];
  /** Cumulative PPI (capped), unrounded; null when it cannot be computed. */
  cumulative: number | null;
  /** The figure compared with the target (see `compareFigures`). */
  cumulativeFigure: number | null;
  meetsTarget: boolean | null;
  percentile: PercentileResult | null;
  explanation: ExplanationStep[];
}

/** A school's level: 1-5, or unclassified. */
export type SchoolLevel = Level2012 | 'unclassified';

/** A commendation. */
export type Commendation = 'high-performance' | 'high-progress' | 'narrowing-gaps';

/** One school's result. */
export interface SchoolLevelResult {
  code: string;
  districtCode: string;
  schoolType: SchoolType2012;
  charter: boolean;
  level: SchoolLevel;
  /** Why the school is at its level (for `unclassified`, why it is not classified). */
  reasons: string[];
  /** The school percentile within its type (all students), or null. */
  percentile: PercentileResult | null;
  groups: GroupLevelResult[];
  commendations: Commendation[];
  explanation: ExplanationStep[];
}

/** One district's result. */
export interface DistrictLevelResult {
  code: string;
  level: SchoolLevel;
  reasons: string[];
  /** Codes of the schools at the district's level (the lowest ones). */
  lowestSchools: string[];
  explanation: ExplanationStep[];
}

/** A run's result: schools and districts ordered by code, whatever the input order. */
export interface LevelsResult {
  fy: number;
  frameworkId: string;
  frameworkVersion: string;
  schools: SchoolLevelResult[];
  districts: DistrictLevelResult[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function fmt(x: number): string {
  return String(Number(x.toFixed(3)));
}

/** Removes binary noise from a difference (89.333 - 86.8) before it is compared with a band. */
function clean(x: number): number {
  return Number(x.toFixed(9));
}

function num(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** The settings among `keys` that are not published: the ones an explanation must name. */
function flagged(framework: LevelsFramework, keys: readonly string[]): string[] | undefined {
  const out = keys.filter((k) => framework.settings[k] && framework.settings[k].status !== 'published');
  return out.length > 0 ? out : undefined;
}

function step(
  framework: LevelsFramework,
  name: string,
  text: string,
  value: number | null,
  settings: readonly string[] = [],
): ExplanationStep {
  const s = flagged(framework, settings);
  return s ? { step: name, text, value, settings: s } : { step: name, text, value };
}

function compareFigure(x: number, framework: LevelsFramework): number {
  return framework.compareFigures === 'whole-number' ? roundHalfUp(x) : x;
}

const subjectLabels: Record<Subject2012, string> = { ela: 'ELA', math: 'mathematics', science: 'science' };

// ---------------------------------------------------------------------------------------------------------------
// CPI

/** CPI points of one student's result: a legacy MCAS scaled score (200-280) or an MCAS-Alt result; null if unscored. */
export function cpiOfScore(
  result: number | McasAltResult,
  framework: LevelsFramework = ma2012Framework,
): number | null {
  if (typeof result === 'string') return framework.cpi.alt[result] ?? null;
  const bands = framework.cpi.scaledScoreBands;
  const top = Math.max(...bands.map((b) => b.max));
  if (!Number.isFinite(result) || result > top) return null;
  // An odd score (MCAS reports even ones) falls in the band whose minimum it reaches: 239 -> 75.
  let chosen: { min: number; points: number } | null = null;
  for (const band of bands) if (result >= band.min && (!chosen || band.min > chosen.min)) chosen = band;
  return chosen?.points ?? null;
}

/** A group's CPI: the mean of its students' CPI points (results that cannot be scored are counted apart). */
export function groupCpi(
  results: readonly (number | McasAltResult)[],
  framework: LevelsFramework = ma2012Framework,
): { cpi: number | null; scored: number; notScored: number } {
  let sum = 0;
  let scored = 0;
  for (const r of results) {
    const p = cpiOfScore(r, framework);
    if (p === null) continue;
    sum += p;
    scored++;
  }
  return { cpi: scored > 0 ? sum / scored : null, scored, notScored: results.length - scored };
}

/**
 * A Next-Generation MCAS scaled score (440-560) on the legacy scale (200-280), by the framework's concordance (an ssos
 * choice, not a DESE rule): a straight line, 440 -> 200 and 560 -> 280 by default. Null outside the Next-Generation range.
 */
export function legacyScaleScore(score: number, framework: LevelsFramework = ma2012Framework): number | null {
  const c = framework.cpi.nextGenConcordance;
  if (!Number.isFinite(score) || score < c.fromMin || score > c.fromMax || c.fromMax <= c.fromMin) return null;
  // Multiply before dividing so the anchor scores land exactly (470 -> 220, not 219.99999).
  return c.toMin + ((score - c.fromMin) * (c.toMax - c.toMin)) / (c.fromMax - c.fromMin);
}

/** A group's CPI from its students' Next-Generation scaled scores: `groupCpi` over the scores put on the legacy scale. */
export function groupCpiNextGen(
  scores: readonly number[],
  framework: LevelsFramework = ma2012Framework,
): { cpi: number | null; scored: number; notScored: number } {
  const legacy = scores.map((s) => legacyScaleScore(s, framework) ?? Number.NaN);
  return groupCpi(legacy, framework);
}

/** One whole Next-Generation scaled score with its legacy score, CPI points and legacy level (for aggregating). */
export interface NextGenScorePoints {
  score: number;
  legacy: number;
  points: number;
  warningFailing: boolean;
  advanced: boolean;
}

/**
 * The CPI points of every whole Next-Generation scaled score the concordance covers (440-560 by default). A database
 * joins student scores to this table and sums the points: the same mean `groupCpiNextGen` computes, without reading
 * every student into memory.
 */
export function nextGenCpiTable(framework: LevelsFramework = ma2012Framework): NextGenScorePoints[] {
  const c = framework.cpi.nextGenConcordance;
  const levels = framework.cpi.legacyLevels;
  const out: NextGenScorePoints[] = [];
  for (let score = Math.ceil(c.fromMin); score <= c.fromMax; score++) {
    const legacy = legacyScaleScore(score, framework);
    const points = legacy === null ? null : cpiOfScore(legacy, framework);
    if (legacy === null || points === null) continue;
    out.push({
      score,
      legacy,
      points,
      warningFailing: legacy < levels.warningFailingBelow,
      advanced: legacy >= levels.advancedMin,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// PPI indicators

/** The target path of an indicator: goal, annual step, and the target for an accountability year. */
export function indicatorTarget(
  rule: TargetIndicatorRule,
  baseline: number,
  baselineYear: number,
  fy: number,
): { goal: number; annualStep: number; target: number; yearsElapsed: number } {
  const goal = baseline + rule.gapShare * (rule.ideal - baseline);
  const annualStep = (goal - baseline) / rule.goalYears;
  const yearsElapsed = Math.max(0, Math.min(rule.goalYears, fy - rule.lagYears - baselineYear));
  return { goal, annualStep, target: baseline + annualStep * yearsElapsed, yearsElapsed };
}

/**
 * The rating of a target indicator: at or better than target = above target; short of it by at most the on-target
 * band = on target; otherwise by the change from the prior figure: better = improved below target, worse by at most
 * the no-change band = no change, worse by more = declined.
 */
export function rateTargetIndicator(
  rule: TargetIndicatorRule,
  figure: number,
  prior: number,
  target: number,
): PpiRating {
  const sign = rule.direction === 'higher' ? 1 : -1;
  const shortfall = clean(sign * (target - figure));
  if (shortfall <= 0) return 'aboveTarget';
  if (shortfall <= rule.onTargetBand) return 'onTarget';
  const change = clean(sign * (figure - prior));
  if (change > 0) return 'improvedBelowTarget';
  if (change >= -rule.noChangeBand) return 'noChange';
  return 'declined';
}

/** Points for a median SGP: the first cut (from the highest) it reaches. */
export function growthPoints(
  sgp: number,
  framework: LevelsFramework = ma2012Framework,
): { points: number; label: string } {
  const cuts = [...framework.ppi.growth].sort((a, b) => b.min - a.min);
  const cut = cuts.find((c) => sgp >= c.min) ?? cuts[cuts.length - 1];
  return cut ? { points: cut.points, label: cut.label } : { points: 0, label: '' };
}

/** Annual PPI: (core points + extra credit) / number of core indicators; may exceed 100. Null without indicators. */
export function annualPpi(corePoints: readonly number[], extraCredit: readonly number[] = []): number | null {
  if (corePoints.length === 0) return null;
  const total = corePoints.reduce((a, b) => a + b, 0) + extraCredit.reduce((a, b) => a + b, 0);
  return total / corePoints.length;
}

/**
 * Cumulative PPI from the annual PPIs, oldest first (Y1..Y4 weighted 1-2-3-4 / 10 in ma-2012), capped as the
 * framework says. Missing years (null) renormalise the weights of the others, when allowed; null when too few.
 */
export function cumulativePpi(
  annuals: readonly (number | null)[],
  framework: LevelsFramework = ma2012Framework,
): number | null {
  return cumulativeDetail(annuals, framework).value;
}

function cumulativeDetail(
  annuals: readonly (number | null)[],
  framework: LevelsFramework,
): { value: number | null; raw: number | null; text: string } {
  const { weights, cap, minYears, whenYearMissing } = framework.cumulative;
  // Align the last annual with the last weight (the current year).
  const offset = weights.length - annuals.length;
  let sum = 0;
  let weightSum = 0;
  let present = 0;
  const parts: string[] = [];
  annuals.forEach((a, i) => {
    const w = weights[i + offset];
    if (w === undefined || a === null) return;
    sum += a * w;
    weightSum += w;
    present++;
    parts.push(`${fmt(a)} x ${w}`);
  });
  const current = annuals[annuals.length - 1];
  if (current === null || current === undefined)
    return { value: null, raw: null, text: 'no annual PPI this year: no cumulative PPI' };
  if (present < Math.max(1, minYears))
    return { value: null, raw: null, text: `${present} annual PPI(s), fewer than ${minYears}: no cumulative PPI` };
  if (present < weights.length && whenYearMissing === 'none')
    return { value: null, raw: null, text: `only ${present} of ${weights.length} annual PPIs: no cumulative PPI` };
  const raw = sum / weightSum;
  const value = cap !== null ? Math.min(cap, raw) : raw;
  const capped = cap !== null && raw > cap ? `, capped at ${cap}` : '';
  return { value, raw, text: `(${parts.join(' + ')}) / ${weightSum} = ${fmt(raw)}${capped}` };
}

// ---------------------------------------------------------------------------------------------------------------
// A group's annual PPI from its figures

type Years = Readonly<Record<number, GroupYearFigures>>;

function minNFor(group: string, framework: LevelsFramework): number {
  return group === framework.groups.all ? framework.minN.school : framework.minN.subgroup;
}

/** Whether a group has the minimum N in `fy` and in one of the two prior years. */
export function groupEligible(years: Years, fy: number, minN: number): boolean {
  const ok = (y: number) => (num(years[y]?.n) ?? -1) >= minN;
  return ok(fy) && (ok(fy - 1) || ok(fy - 2));
}

/** Whether a group is rated in `fy`: it has the minimum N, or a published annual PPI is given for the year. */
function groupRated(years: Years, fy: number, minN: number): boolean {
  return groupEligible(years, fy, minN) || num(years[fy]?.annualPpi) !== null;
}

/** The figure of a year and the prior one (the year before, or the one before that when allowed). */
function figureAndPrior(
  get: (y: number) => number | null,
  dataYear: number,
  framework: LevelsFramework,
): { figure: number | null; prior: number | null; priorYear: number | null } {
  const figure = get(dataYear);
  let prior = get(dataYear - 1);
  let priorYear: number | null = prior !== null ? dataYear - 1 : null;
  if (prior === null && framework.ppi.priorYear === 'prior-or-one-before') {
    prior = get(dataYear - 2);
    priorYear = prior !== null ? dataYear - 2 : null;
  }
  return { figure, prior, priorYear };
}

/** The baseline: the rule's baseline year, or the earliest year with a figure before the data year. */
function baselineOf(
  get: (y: number) => number | null,
  years: Years,
  rule: TargetIndicatorRule,
  dataYear: number,
): { baseline: number; year: number; fallback: boolean } | null {
  const at = get(rule.baselineYear);
  if (at !== null) return { baseline: at, year: rule.baselineYear, fallback: false };
  const candidates = Object.keys(years)
    .map(Number)
    .filter((y) => y < dataYear && get(y) !== null)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return null;
  return { baseline: get(first)!, year: first, fallback: true };
}

function rateOne(
  indicator: PpiIndicator,
  rule: TargetIndicatorRule,
  get: (y: number) => number | null,
  givenTarget: number | null,
  years: Years,
  fy: number,
  settingKeys: string[],
  framework: LevelsFramework,
): { points: IndicatorPoints | null; step: ExplanationStep | null } {
  const dataYear = fy - rule.lagYears;
  const { figure, prior, priorYear } = figureAndPrior(get, dataYear, framework);
  if (figure === null) return { points: null, step: null };
  const name = `${fy} ${rule.label}`;
  if (prior === null)
    return {
      points: null,
      step: step(
        framework,
        name,
        `${fmt(figure)} in ${dataYear} but no figure in the two years before: not rated`,
        null,
      ),
    };
  let target: number;
  let targetText: string;
  const keys = [...settingKeys];
  if (givenTarget !== null) {
    target = givenTarget;
    targetText = `target ${fmt(target)} (given)`;
  } else {
    const base = baselineOf(get, years, rule, dataYear);
    if (!base) return { points: null, step: null };
    const t = indicatorTarget(rule, base.baseline, base.year, fy);
    target = t.target;
    targetText = `target ${fmt(target)} (baseline ${fmt(base.baseline)} in ${base.year}${base.fallback ? ', the first year with a figure' : ''}, goal ${fmt(t.goal)}, ${t.yearsElapsed} of ${rule.goalYears} annual steps of ${fmt(t.annualStep)})`;
    if (base.fallback) keys.push('ppi.baselineFallback');
  }
  const rating = rateTargetIndicator(rule, figure, prior, target);
  const points = framework.ppi.ratingPoints[rating];
  const label = framework.ppi.ratingLabels[rating];
  const text = `${fmt(figure)} in ${dataYear} (prior ${fmt(prior)} in ${priorYear}), ${targetText}: ${label}, ${points} points`;
  return {
    points: { indicator, rating: label, points, figure, prior, target, text },
    step: step(framework, name, text, points, keys),
  };
}

/** A group's annual PPI for one year, from the published figure or from its indicator figures. */
export function groupAnnualPpi(
  group: string,
  years: Years,
  fy: number,
  framework: LevelsFramework = ma2012Framework,
): AnnualPpiResult {
  const own = years[fy];
  const given = num(own?.annualPpi);
  if (given !== null)
    return {
      fy,
      annualPpi: given,
      source: 'given',
      indicators: [],
      extraCredit: [],
      explanation: [step(framework, `${fy} annual PPI`, `${group}: annual PPI ${fmt(given)} as given`, given)],
    };
  const minN = minNFor(group, framework);
  if (!groupEligible(years, fy, minN))
    return {
      fy,
      annualPpi: null,
      source: 'none',
      indicators: [],
      extraCredit: [],
      explanation: [
        step(
          framework,
          `${fy} annual PPI`,
          `${group}: fewer than ${minN} students assessed in ${fy} or in both of the two prior years: no annual PPI`,
          null,
          ['minN'],
        ),
      ],
    };
  const p = framework.ppi;
  const indicators: IndicatorPoints[] = [];
  const explanation: ExplanationStep[] = [];
  const push = (r: { points: IndicatorPoints | null; step: ExplanationStep | null }) => {
    if (r.points) indicators.push(r.points);
    if (r.step) explanation.push(r.step);
  };
  const cpiIndicator: Record<Subject2012, PpiIndicator> = { ela: 'cpiEla', math: 'cpiMath', science: 'cpiScience' };
  for (const s of subjects2012) {
    const rule = { ...p.cpi, label: `${p.cpi.label}, ${subjectLabels[s]}` };
    const get = (y: number) => num(years[y]?.cpi?.[s]);
    push(
      rateOne(
        cpiIndicator[s],
        rule,
        get,
        num(own?.targets?.cpi?.[s]),
        years,
        fy,
        ['ppi.cpi.onTargetBand', 'ppi.cpi.noChangeBand'],
        framework,
      ),
    );
  }
  for (const s of ['ela', 'math'] as const) {
    const sgp = num(own?.medianSgp?.[s]);
    if (sgp === null) continue;
    const g = growthPoints(sgp, framework);
    const text = `median SGP ${fmt(sgp)}: ${g.label}, ${g.points} points`;
    indicators.push({
      indicator: s === 'ela' ? 'growthEla' : 'growthMath',
      rating: g.label,
      points: g.points,
      figure: sgp,
      prior: null,
      target: null,
      text,
    });
    explanation.push(step(framework, `${fy} growth, ${subjectLabels[s]}`, text, g.points, ['ppi.growth']));
  }
  push(
    rateOne(
      'dropout',
      p.dropout,
      (y) => num(years[y]?.dropoutPct),
      num(own?.targets?.dropoutPct),
      years,
      fy,
      ['ppi.dropout'],
      framework,
    ),
  );
  const g4 = rateOne(
    'graduation',
    p.graduation4,
    (y) => num(years[y]?.graduation4Pct),
    num(own?.targets?.graduation4Pct),
    years,
    fy,
    ['ppi.graduation'],
    framework,
  );
  const g5 =
    p.graduationCombine === 'best'
      ? rateOne(
          'graduation',
          p.graduation5,
          (y) => num(years[y]?.graduation5Pct),
          num(own?.targets?.graduation5Pct),
          years,
          fy,
          ['ppi.graduation'],
          framework,
        )
      : { points: null, step: null };
  if (g4.step) explanation.push(g4.step);
  if (g5.step) explanation.push(g5.step);
  const grad = [g4.points, g5.points]
    .filter((x): x is IndicatorPoints => x !== null)
    .sort((a, b) => b.points - a.points)[0];
  if (grad) {
    indicators.push(grad);
    if (g4.points && g5.points)
      explanation.push(
        step(
          framework,
          `${fy} graduation`,
          `the better of the 4-year and 5-year ratings counts: ${grad.points} points`,
          grad.points,
          ['ppi.graduation'],
        ),
      );
  }
  const extraCredit = extraCreditFor(years, fy, framework);
  for (const e of extraCredit)
    explanation.push(
      step(framework, `${fy} extra credit`, e.text, e.points, ['ppi.extraCredit', 'ppi.extraCredit.change']),
    );
  const value = annualPpi(
    indicators.map((i) => i.points),
    extraCredit.map((e) => e.points),
  );
  const core = indicators.reduce((a, i) => a + i.points, 0);
  const extra = extraCredit.reduce((a, e) => a + e.points, 0);
  explanation.push(
    step(
      framework,
      `${fy} annual PPI`,
      value === null
        ? `${group}: no indicator could be rated: no annual PPI`
        : `${group}: (${core} core + ${extra} extra credit) / ${indicators.length} indicators = ${fmt(value)}`,
      value,
      ['annualPpi'],
    ),
  );
  return { fy, annualPpi: value, source: value === null ? 'none' : 'computed', indicators, extraCredit, explanation };
}

function extraCreditFor(years: Years, fy: number, framework: LevelsFramework): ExtraCreditPoints[] {
  const ec = framework.ppi.extraCredit;
  const out: ExtraCreditPoints[] = [];
  const relative = ec.change === 'relative';
  const unit = relative ? '%' : ' points';
  for (const s of subjects2012) {
    const wf = figureAndPrior((y) => num(years[y]?.warningFailingPct?.[s]), fy, framework);
    if (wf.figure !== null && wf.prior !== null && wf.prior > 0) {
      const drop = relative ? (100 * (wf.prior - wf.figure)) / wf.prior : wf.prior - wf.figure;
      if (clean(drop) >= ec.warningFailingDecrease)
        out.push({
          kind: 'warningFailingDecrease',
          subject: s,
          points: ec.points,
          text: `${subjectLabels[s]} % Warning/Failing ${fmt(wf.prior)} -> ${fmt(wf.figure)} (down ${fmt(drop)}${unit}, at least ${ec.warningFailingDecrease}${unit}): ${ec.points}`,
        });
    }
    const adv = figureAndPrior((y) => num(years[y]?.advancedPct?.[s]), fy, framework);
    if (adv.figure !== null && adv.prior !== null) {
      const rise = relative
        ? adv.prior > 0
          ? (100 * (adv.figure - adv.prior)) / adv.prior
          : adv.figure > 0
            ? Infinity
            : 0
        : adv.figure - adv.prior;
      if (clean(rise) >= ec.advancedIncrease)
        out.push({
          kind: 'advancedIncrease',
          subject: s,
          points: ec.points,
          text: `${subjectLabels[s]} % Advanced ${fmt(adv.prior)} -> ${fmt(adv.figure)} (up ${Number.isFinite(rise) ? fmt(rise) : 'from 0'}${Number.isFinite(rise) ? unit : ''}, at least ${ec.advancedIncrease}${unit}): ${ec.points}`,
        });
    }
  }
  const reengaged = num(years[fy - ec.reengagedLagYears]?.reengagedDropouts);
  if (reengaged !== null && reengaged >= ec.reengagedMin)
    out.push({
      kind: 'dropoutReengagement',
      subject: null,
      points: ec.points,
      text: `${reengaged} dropouts re-engaged in ${fy - ec.reengagedLagYears} (at least ${ec.reengagedMin}): ${ec.points}`,
    });
  const elp = num(years[fy]?.elpMedianSgp);
  if (fy >= ec.elpFromYear && elp !== null && elp >= ec.elpSgpMin)
    out.push({
      kind: 'elpGrowth',
      subject: null,
      points: ec.points,
      text: `median ACCESS growth ${fmt(elp)} (at least ${ec.elpSgpMin}): ${ec.points}`,
    });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Percentiles

/** One entry to rank: a school (or a school's subgroup) with its score. */
export interface PercentileEntry {
  key: string;
  schoolType: SchoolType2012;
  charter: boolean;
  score: number | null;
}

/**
 * Percentiles within school type: each entry's percent of the pool (the non-charter entries of its type with a score)
 * scoring strictly lower, and as shown (rounded down, 1-99). Ties share a percentile. Charter schools are never in the
 * pool; they are placed against it or get none (`percentile.charters`). Entries without a score get null.
 */
export function schoolPercentiles(
  entries: readonly PercentileEntry[],
  framework: LevelsFramework = ma2012Framework,
): Map<string, PercentileResult | null> {
  const pools = new Map<SchoolType2012, number[]>();
  for (const e of entries) {
    if (e.charter || e.score === null || !Number.isFinite(e.score)) continue;
    const pool = pools.get(e.schoolType) ?? [];
    pool.push(e.score);
    pools.set(e.schoolType, pool);
  }
  for (const pool of pools.values()) pool.sort((a, b) => a - b);
  const out = new Map<string, PercentileResult | null>();
  for (const e of entries) {
    const pool = pools.get(e.schoolType);
    if (e.score === null || !pool || pool.length === 0 || (e.charter && framework.percentile.charters === 'none')) {
      out.set(e.key, null);
      continue;
    }
    const below = countBelow(pool, e.score);
    const percentBelow = (100 * below) / pool.length;
    out.set(e.key, { percentBelow, percentile: shownPercentile(percentBelow), poolSize: pool.length, given: false });
  }
  return out;
}

function shownPercentile(percentBelow: number): number {
  return Math.max(1, Math.min(99, Math.floor(clean(percentBelow))));
}

/** How many of the sorted values are strictly below x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A group's multi-year (weighted) value of a percentile indicator; higher is better except dropout. */
function percentileIndicatorValue(
  indicator: PercentileIndicator,
  years: Years,
  fy: number,
  framework: LevelsFramework,
): number | null {
  const weights = framework.percentile.yearWeights;
  const getters: Record<PercentileIndicator, (y: number) => number | null> = {
    cpiEla: (y) => num(years[y]?.cpi?.ela),
    cpiMath: (y) => num(years[y]?.cpi?.math),
    cpiScience: (y) => num(years[y]?.cpi?.science),
    growthEla: (y) => num(years[y]?.medianSgp?.ela),
    growthMath: (y) => num(years[y]?.medianSgp?.math),
    graduation4: (y) => num(years[y - framework.ppi.graduation4.lagYears]?.graduation4Pct),
    dropout: (y) => num(years[y - framework.ppi.dropout.lagYears]?.dropoutPct),
  };
  const get = getters[indicator];
  let sum = 0;
  let weightSum = 0;
  weights.forEach((w, i) => {
    const v = get(fy - (weights.length - 1 - i));
    if (v === null) return;
    sum += v * w;
    weightSum += w;
  });
  return weightSum > 0 ? sum / weightSum : null;
}

interface ScoreEntry {
  key: string;
  schoolType: SchoolType2012;
  charter: boolean;
  values: Partial<Record<PercentileIndicator, number>>;
}

/**
 * Scores by the `indicator-rank-average` method: each indicator is ranked within the pool of its school type (percent
 * of non-charter entries lower, or higher for dropout), and the score is the mean of the entry's ranks.
 */
function rankAverageScores(entries: readonly ScoreEntry[], framework: LevelsFramework): Map<string, number | null> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const indicator of framework.percentile.indicators) {
    const sign = indicator === 'dropout' ? -1 : 1;
    const ranked = schoolPercentiles(
      entries.map((e) => {
        const v = e.values[indicator];
        return { key: e.key, schoolType: e.schoolType, charter: e.charter, score: v === undefined ? null : sign * v };
      }),
      { ...framework, percentile: { ...framework.percentile, charters: 'placed' } },
    );
    for (const [key, r] of ranked) {
      if (!r) continue;
      const acc = sums.get(key) ?? { sum: 0, count: 0 };
      acc.sum += r.percentBelow;
      acc.count++;
      sums.set(key, acc);
    }
  }
  const out = new Map<string, number | null>();
  for (const e of entries) {
    const acc = sums.get(e.key);
    out.set(e.key, acc && acc.count > 0 ? acc.sum / acc.count : null);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Levels

function groupOrder(framework: LevelsFramework) {
  return (a: string, b: string) => {
    const rank = (g: string) => (g === framework.groups.all ? 0 : g === framework.groups.highNeeds ? 1 : 2);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  };
}

function sortedGroups(school: SchoolInput2012, framework: LevelsFramework): string[] {
  return Object.keys(school.groups).sort(groupOrder(framework));
}

/**
 * One group's annual PPIs (the four years ending in `fy`), cumulative PPI and target check, on its own: a district's
 * groups, which the level rules do not rate (a district takes its lowest school's level).
 */
export function groupLevels(
  group: string,
  input: GroupInput2012,
  fy: number,
  framework: LevelsFramework = ma2012Framework,
): GroupLevelResult {
  return groupResultFor(group, input, fy, framework);
}

function groupResultFor(
  group: string,
  input: GroupInput2012,
  fy: number,
  framework: LevelsFramework,
): GroupLevelResult {
  const span = framework.cumulative.weights.length;
  const annual: AnnualPpiResult[] = [];
  for (let y = fy - span + 1; y <= fy; y++) annual.push(groupAnnualPpi(group, input.years, y, framework));
  const detail = cumulativeDetail(
    annual.map((a) => a.annualPpi),
    framework,
  );
  const cumulativeFigure = detail.value === null ? null : compareFigure(detail.value, framework);
  const meetsTarget = cumulativeFigure === null ? null : cumulativeFigure >= framework.target;
  const explanation = annual.flatMap((a) => a.explanation);
  explanation.push(
    step(framework, `${group}: cumulative PPI`, detail.text, detail.value, [
      'cumulative.weights',
      'cumulative.cap',
      'cumulative.whenYearMissing',
    ]),
  );
  if (cumulativeFigure !== null)
    explanation.push(
      step(
        framework,
        `${group}: target`,
        `cumulative PPI ${fmt(cumulativeFigure)}${framework.compareFigures === 'whole-number' ? ' (as published, a whole number)' : ''} ${meetsTarget ? 'meets' : 'is below'} the target of ${framework.target}`,
        cumulativeFigure,
        ['compareFigures'],
      ),
    );
  return {
    group,
    eligible: groupRated(input.years, fy, minNFor(group, framework)),
    annual,
    cumulative: detail.value,
    cumulativeFigure,
    meetsTarget,
    percentile: null,
    explanation,
  };
}

/** Participation for the Level 2 and Level 3 rules: the lowest rate of any rated group and subject. */
function participationFindings(
  school: SchoolInput2012,
  fy: number,
  framework: LevelsFramework,
): { level3: string[]; level2: string[]; steps: ExplanationStep[] } {
  const pr = framework.participation;
  const level3: string[] = [];
  const level2: string[] = [];
  const steps: ExplanationStep[] = [];
  for (const group of sortedGroups(school, framework)) {
    const years = school.groups[group]!.years;
    const rated = (num(years[fy]?.n) ?? -1) >= minNFor(group, framework) || num(years[fy]?.annualPpi) !== null;
    if (!rated) continue;
    for (const s of pr.subjects) {
      const rate = num(years[fy]?.participationPct?.[s]);
      if (rate === null) continue;
      let used = rate;
      let text = `${group}, ${subjectLabels[s]}: participation ${fmt(rate)}%`;
      const prior = num(years[fy - 1]?.participationPct?.[s]);
      if (
        pr.twoYearAverageFromYear !== null &&
        fy >= pr.twoYearAverageFromYear &&
        rate < pr.level2Below &&
        prior !== null
      ) {
        const avg = (rate + prior) / 2;
        if (avg > rate) {
          used = avg;
          text += `, two-year average ${fmt(avg)}% is higher and is used`;
        }
      }
      const figure = compareFigure(used, framework);
      if (figure < pr.level3Below) {
        level3.push(`${group} ${subjectLabels[s]} ${fmt(figure)}%`);
        steps.push(
          step(framework, 'participation', `${text}: below ${pr.level3Below}% (Level 3)`, figure, ['compareFigures']),
        );
      } else if (figure < pr.level2Below) {
        level2.push(`${group} ${subjectLabels[s]} ${fmt(figure)}%`);
        steps.push(
          step(framework, 'participation', `${text}: ${pr.level3Below}-${pr.level2Below - 1}% (Level 2)`, figure, [
            'compareFigures',
          ]),
        );
      }
    }
  }
  return { level3, level2, steps };
}

/** Groups with persistently low graduation rates (the most recent 4-year and the recent 5-year rates below the cuts). */
function graduationFindings(
  school: SchoolInput2012,
  fy: number,
  framework: LevelsFramework,
): { groups: string[]; steps: ExplanationStep[] } {
  const g = framework.level3.graduation;
  const lag4 = framework.ppi.graduation4.lagYears;
  const lag5 = framework.ppi.graduation5.lagYears;
  const groups: string[] = [];
  const steps: ExplanationStep[] = [];
  for (const group of sortedGroups(school, framework)) {
    const years = school.groups[group]!.years;
    if (!groupRated(years, fy, minNFor(group, framework))) continue;
    const four = Array.from({ length: g.fourYearYears }, (_, i) => fy - lag4 - i).map((y) => ({
      y,
      v: num(years[y]?.graduation4Pct),
    }));
    const five = Array.from({ length: g.fiveYearYears }, (_, i) => fy - lag5 - i).map((y) => ({
      y,
      v: num(years[y]?.graduation5Pct),
    }));
    if (four.every((x) => x.v === null) && five.every((x) => x.v === null)) continue;
    const fourLow = four.every((x) => x.v !== null && x.v < g.fourYearBelow);
    const fiveLow = five.every((x) => x.v !== null && x.v < g.fiveYearBelow);
    const show = (xs: { y: number; v: number | null }[]) =>
      xs.map((x) => `${x.y}: ${x.v === null ? 'none' : `${fmt(x.v)}%`}`).join(', ');
    const text = `${group}: 4-year rate (${show(four)}) ${fourLow ? 'all' : 'not all'} below ${g.fourYearBelow}%; 5-year rate (${show(five)}) ${fiveLow ? 'all' : 'not all'} below ${g.fiveYearBelow}%`;
    if (fourLow && fiveLow) {
      groups.push(group);
      steps.push(step(framework, 'graduation', `${text}: persistently low (Level 3)`, null, ['level3.graduation']));
    } else {
      steps.push(step(framework, 'graduation', `${text}: not persistently low`, null, ['level3.graduation']));
    }
  }
  return { groups, steps };
}

/**
 * Levels of every school and district for one year. Each school is, in order: designated Level 4/5 (input);
 * unclassified (new, reconfigured, ending in grade 1 or 2, or no cumulative PPI for all students); Level 3 (lowest 20%
 * of its school type, a subgroup in the lowest 20% of subgroups of its type, persistently low graduation, or
 * participation below 90%); Level 2 (participation 90-94%, or a cumulative PPI below 75 for all students or high
 * needs); otherwise Level 1. A district takes its lowest school's level (or its own designation when worse).
 */
export function classifyLevels(input: LevelsInput, framework: LevelsFramework = ma2012Framework): LevelsResult {
  const fy = input.fy;
  const warnings: string[] = [];
  if (fy < framework.firstYear || fy > framework.lastYear)
    warnings.push(
      `${fy} is outside the years ${framework.id} applies to (${framework.firstYear}-${framework.lastYear})`,
    );
  const schools = [...input.schools].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  // Groups' PPIs.
  const groupResults = new Map<string, GroupLevelResult[]>();
  for (const school of schools)
    groupResults.set(
      school.code,
      sortedGroups(school, framework).map((g) => groupResultFor(g, school.groups[g]!, fy, framework)),
    );

  // Percentiles: schools (all students) among their type; subgroups among all subgroups of their type.
  const allGroup = framework.groups.all;
  const schoolScoreEntries: ScoreEntry[] = [];
  const subgroupScoreEntries: ScoreEntry[] = [];
  const valuesOf = (years: Years) => {
    const values: Partial<Record<PercentileIndicator, number>> = {};
    for (const ind of framework.percentile.indicators) {
      const v = percentileIndicatorValue(ind, years, fy, framework);
      if (v !== null) values[ind] = v;
    }
    return values;
  };
  const key = (school: string, group: string) => `${school}\u0000${group}`;
  for (const school of schools) {
    for (const group of sortedGroups(school, framework)) {
      const g = school.groups[group]!;
      const entry = {
        key: key(school.code, group),
        schoolType: school.schoolType,
        charter: school.charter,
        values: valuesOf(g.years),
      };
      if (group === allGroup) schoolScoreEntries.push(entry);
      else if (groupRated(g.years, fy, minNFor(group, framework))) subgroupScoreEntries.push(entry);
    }
  }
  const percentiles = new Map<string, PercentileResult | null>();
  for (const entries of [schoolScoreEntries, subgroupScoreEntries]) {
    const scores = rankAverageScores(entries, framework);
    const ranked = schoolPercentiles(
      entries.map((e) => ({
        key: e.key,
        schoolType: e.schoolType,
        charter: e.charter,
        score: scores.get(e.key) ?? null,
      })),
      framework,
    );
    for (const [k, v] of ranked) percentiles.set(k, v);
  }
  for (const school of schools) {
    for (const r of groupResults.get(school.code)!) {
      const given = num(school.groups[r.group]?.percentile);
      if (given !== null && !(school.charter && framework.percentile.charters === 'none')) {
        r.percentile = { percentBelow: given, percentile: given, poolSize: 0, given: true };
      } else {
        r.percentile = percentiles.get(key(school.code, r.group)) ?? null;
      }
    }
  }

  const results: SchoolLevelResult[] = schools.map((school) =>
    classifySchool(school, groupResults.get(school.code)!, fy, framework),
  );

  // Designations: at most a share of classified schools.
  const classified = results.filter((r) => r.level !== 'unclassified').length;
  const designated = results.filter((r) => r.level === 4 || r.level === 5).length;
  if (classified > 0 && (100 * designated) / classified > framework.designation.maxSharePct)
    warnings.push(
      `${designated} of ${classified} classified schools (${fmt((100 * designated) / classified)}%) are designated Level 4 or 5, more than ${framework.designation.maxSharePct}%`,
    );
  for (const r of results) {
    const note = r.explanation.find((e) => e.step === 'designation' && e.text.includes('not Level 3'));
    if (note) warnings.push(`${r.code}: ${note.text}`);
  }

  return {
    fy,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    schools: results,
    districts: classifyDistricts(results, input.districts ?? [], framework),
    warnings,
  };
}

function classifySchool(
  school: SchoolInput2012,
  groups: GroupLevelResult[],
  fy: number,
  framework: LevelsFramework,
): SchoolLevelResult {
  const reasonsText = framework.reasons;
  const explanation: ExplanationStep[] = groups.flatMap((g) => g.explanation);
  const all = groups.find((g) => g.group === framework.groups.all) ?? null;
  const percentile = all?.percentile ?? null;
  const base = {
    code: school.code,
    districtCode: school.districtCode,
    schoolType: school.schoolType,
    charter: school.charter,
    percentile,
    groups,
  };

  // Level 3 findings are computed for every school: a designated school's explanation shows them too.
  const l3: string[] = [];
  const lowest = framework.level3.lowestPct;
  if (percentile) {
    const text = `school percentile ${percentile.percentile}${percentile.given ? ' (given)' : ` (${fmt(percentile.percentBelow)}% of ${percentile.poolSize} ${school.schoolType} schools lower${school.charter ? '; a charter school, placed against non-charter schools' : ''})`}`;
    if (percentile.percentBelow < lowest) {
      l3.push(reasonsText.lowestSchools);
      explanation.push(
        step(
          framework,
          'lowest 20% of schools',
          `${text}: among the lowest ${lowest}% (Level 3)`,
          percentile.percentile,
          ['level3.lowestPct', 'percentile.method', 'percentile.charters'],
        ),
      );
    } else {
      explanation.push(
        step(framework, 'lowest 20% of schools', `${text}: not among the lowest ${lowest}%`, percentile.percentile, [
          'level3.lowestPct',
          'percentile.method',
          'percentile.charters',
        ]),
      );
    }
  } else {
    explanation.push(
      step(framework, 'lowest 20% of schools', 'no school percentile', null, [
        'percentile.method',
        'percentile.charters',
      ]),
    );
  }
  const lowSubgroups = groups.filter(
    (g) =>
      g.group !== framework.groups.all && g.eligible && g.percentile !== null && g.percentile.percentBelow < lowest,
  );
  for (const g of groups)
    if (g.group !== framework.groups.all && g.percentile)
      explanation.push(
        step(
          framework,
          'lowest 20% of subgroups',
          `${g.group}: percentile ${g.percentile.percentile} among subgroups of ${school.schoolType} schools${g.percentile.percentBelow < lowest && g.eligible ? `: among the lowest ${lowest}% (Level 3)` : ''}`,
          g.percentile.percentile,
          ['level3.lowestPct', 'percentile.method'],
        ),
      );
  if (lowSubgroups.length > 0)
    l3.push(`${reasonsText.lowestSubgroups} (${lowSubgroups.map((g) => g.group).join(', ')})`);
  const grad = graduationFindings(school, fy, framework);
  explanation.push(...grad.steps);
  if (grad.groups.length > 0) l3.push(`${reasonsText.lowGraduation} (${grad.groups.join(', ')})`);
  const part = participationFindings(school, fy, framework);
  explanation.push(...part.steps);
  if (part.level3.length > 0) l3.push(`${reasonsText.veryLowParticipation} (${part.level3.join('; ')})`);

  // Designated Level 4 or 5: kept whatever the rules say.
  const designated = school.designatedLevel ?? null;
  if (designated !== null && framework.designation.levels.includes(designated)) {
    explanation.push(
      step(
        framework,
        'designation',
        `designated Level ${designated} by the state${l3.length === 0 ? ' although not Level 3 by the rules this year' : ''}`,
        designated,
      ),
    );
    return { ...base, level: designated, reasons: [reasonsText.designated], commendations: [], explanation };
  }

  // Unclassified.
  const unclassified: string[] = [];
  if (school.isNew) unclassified.push('new school');
  if (school.reconfigured) unclassified.push('substantially reconfigured');
  const top = num(school.highestGrade);
  if (top !== null && top <= framework.unclassified.highestGradeAtMost) unclassified.push(`ends in grade ${top}`);
  if (!all || all.cumulative === null)
    unclassified.push(
      all && !all.eligible
        ? `fewer than ${framework.minN.school} students assessed (small school)`
        : 'no cumulative PPI for all students',
    );
  if (unclassified.length > 0) {
    explanation.push(step(framework, 'level', `not classified: ${unclassified.join('; ')}`, null, ['unclassified']));
    return {
      ...base,
      level: 'unclassified',
      reasons: [reasonsText.insufficientData, ...unclassified],
      commendations: [],
      explanation,
    };
  }

  if (l3.length > 0) {
    explanation.push(step(framework, 'level', `Level 3: ${l3.join('; ')}`, 3));
    return { ...base, level: 3, reasons: l3, commendations: [], explanation };
  }

  // Level 2: cumulative PPIs below target, or low participation.
  const l2: string[] = [];
  const missed: string[] = [];
  for (const code of framework.level1.groups) {
    const g = groups.find((x) => x.group === code);
    if (!g || g.cumulativeFigure === null) {
      if (framework.level1.whenGroupNotRated === 'fail') missed.push(`${code} not rated`);
      else
        explanation.push(
          step(framework, 'level 1 check', `${code} has no cumulative PPI: the other groups decide`, null, [
            'level1.whenGroupNotRated',
          ]),
        );
      continue;
    }
    if (!g.meetsTarget) missed.push(`${code} ${fmt(g.cumulativeFigure)}`);
  }
  if (missed.length > 0) l2.push(`${reasonsText.notMeetingGoals} (${missed.join(', ')} below ${framework.target})`);
  if (part.level2.length > 0) l2.push(`${reasonsText.lowParticipation} (${part.level2.join('; ')})`);
  if (l2.length > 0) {
    explanation.push(step(framework, 'level', `Level 2: ${l2.join('; ')}`, 2));
    return { ...base, level: 2, reasons: l2, commendations: [], explanation };
  }

  explanation.push(
    step(
      framework,
      'level',
      `Level 1: cumulative PPI at least ${framework.target} for ${framework.level1.groups.join(' and ')}`,
      1,
    ),
  );
  const commendations = commendationsFor(groups, percentile, framework);
  if (commendations.length > 0)
    explanation.push(step(framework, 'commendation', `commended: ${commendations.join(', ')}`, null, ['commendation']));
  return { ...base, level: 1, reasons: [reasonsText.level1], commendations, explanation };
}

function commendationsFor(
  groups: GroupLevelResult[],
  percentile: PercentileResult | null,
  framework: LevelsFramework,
): Commendation[] {
  const c = framework.commendation;
  const out: Commendation[] = [];
  const all = groups.find((g) => g.group === framework.groups.all);
  const hn = groups.find((g) => g.group === framework.groups.highNeeds);
  if (c.highPerformancePercentileMin !== null && percentile && percentile.percentile >= c.highPerformancePercentileMin)
    out.push('high-performance');
  if (
    c.highProgressCumulativePpiMin !== null &&
    all?.cumulativeFigure != null &&
    all.cumulativeFigure >= c.highProgressCumulativePpiMin
  )
    out.push('high-progress');
  if (
    c.narrowingGapsHighNeedsPpiMin !== null &&
    hn?.cumulativeFigure != null &&
    hn.cumulativeFigure >= c.narrowingGapsHighNeedsPpiMin
  )
    out.push('narrowing-gaps');
  return out;
}

/** Districts: the level of the lowest (highest-numbered) classified school, or the district's own designation. */
function classifyDistricts(
  schools: readonly SchoolLevelResult[],
  inputs: readonly DistrictInput2012[],
  framework: LevelsFramework,
): DistrictLevelResult[] {
  const codes = new Set<string>([...schools.map((s) => s.districtCode), ...inputs.map((d) => d.code)]);
  const designations = new Map(inputs.map((d) => [d.code, d.designatedLevel ?? null]));
  return [...codes].sort().map((code) => {
    const own = schools.filter((s) => s.districtCode === code);
    const classified = own.filter((s): s is SchoolLevelResult & { level: Level2012 } => s.level !== 'unclassified');
    const worst = classified.reduce<Level2012 | null>((m, s) => (m === null || s.level > m ? s.level : m), null);
    const designated = designations.get(code) ?? null;
    const explanation: ExplanationStep[] = [];
    if (designated !== null && (worst === null || designated > worst)) {
      explanation.push(
        step(
          framework,
          'district level',
          `designated Level ${designated}${worst !== null ? `; its lowest school is Level ${worst}` : ''}`,
          designated,
          ['district'],
        ),
      );
      return { code, level: designated, reasons: [framework.reasons.designated], lowestSchools: [], explanation };
    }
    if (worst === null) {
      explanation.push(
        step(framework, 'district level', `no classified school (${own.length} school(s))`, null, ['district']),
      );
      return {
        code,
        level: 'unclassified',
        reasons: [framework.reasons.insufficientData],
        lowestSchools: [],
        explanation,
      };
    }
    const lowestSchools = classified.filter((s) => s.level === worst).map((s) => s.code);
    const reasons =
      classified.length === 1
        ? classified[0]!.reasons
        : worst === 1
          ? [framework.reasons.level1]
          : [`${framework.reasons.district} ${worst}`];
    explanation.push(
      step(
        framework,
        'district level',
        `lowest of ${classified.length} classified school(s): Level ${worst} (${lowestSchools.join(', ')})`,
        worst,
        ['district'],
      ),
    );
    return { code, level: worst, reasons, lowestSchools, explanation };
  });
}
