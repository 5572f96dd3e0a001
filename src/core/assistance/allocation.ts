/**
 * Grant allocation by formula: each eligible recipient's formula amount is a base plus a per-pupil amount; the
 * amounts are scaled by one common factor so they use the whole budget, with a minimum and a maximum per recipient.
 *
 * Caps: a recipient whose scaled amount falls below the minimum gets the minimum, above the maximum the maximum;
 * capped recipients are fixed and the rest of the budget is re-spread over the others with a new factor, until
 * nothing changes. This is computed directly: the total `sum(clamp(s x formula_i, min_i, max_i))` grows
 * continuously with the factor s, so the stable factor is the one where the total equals the budget, found exactly
 * between the breakpoints `min_i / formula_i` and `max_i / formula_i`.
 *
 * Rounding to the cent (largest remainder): every uncapped amount is rounded down to the cent, then the cents left
 * over go one each to the largest fractional remainders, ties broken by organization code (ascending). Caps are
 * whole cents, so capped amounts need no rounding. The allocations therefore sum exactly to the budget in cents.
 */

/** A value a recipient attribute can have, for eligibility rules. */
export type AttributeValue = string | number | boolean | null;

/** One condition of an eligibility rule, on a named attribute of the recipient. */
export type EligibilityCondition =
  | { field: string; op: 'eq'; value: AttributeValue }
  | { field: string; op: 'in'; values: AttributeValue[] }
  | { field: string; op: 'gte' | 'lte'; value: number };

/** An eligibility rule as data: every condition must hold (an empty list admits everyone). */
export interface EligibilityRule {
  all: EligibilityCondition[];
}

/** A possible recipient: a district (or school) with its enrollment and the attributes rules read. */
export interface AllocationCandidate {
  orgCode: string;
  name: string;
  enrollment: number;
  attributes: Record<string, AttributeValue>;
}

/** The formula, in cents. Per-pupil may hold fractions of a cent; caps are whole cents or null (no cap). */
export interface AllocationFormula {
  baseCents: number;
  perPupilCents: number;
  minCents: number | null;
  maxCents: number | null;
}

/** How one eligible recipient's amount came about. */
export interface AllocationLine {
  orgCode: string;
  name: string;
  enrollment: number;
  baseCents: number;
  perPupilPartCents: number;
  formulaCents: number;
  scalingFactor: number;
  /** Before caps and rounding: formula x factor. */
  scaledCents: number;
  cap: 'minimum' | 'maximum' | null;
  /** Whether the cent left over by rounding down went to this recipient. */
  roundedUp: boolean;
  amountCents: number;
  explanation: string;
}

/** An organization the rule left out, and the condition it failed. */
export interface IneligibleCandidate {
  orgCode: string;
  name: string;
  reason: string;
}

/** The outcome of an allocation: lines that sum to the budget, or the reason the budget cannot be met. */
export type AllocationResult =
  | {
      ok: true;
      budgetCents: number;
      scalingFactor: number;
      lines: AllocationLine[];
      ineligible: IneligibleCandidate[];
    }
  | { ok: false; budgetCents: number; reason: string; ineligible: IneligibleCandidate[] };

function describeCondition(c: EligibilityCondition): string {
  if (c.op === 'in') return `${c.field} is one of ${c.values.map((v) => JSON.stringify(v)).join(', ')}`;
  const op = c.op === 'eq' ? 'is' : c.op === 'gte' ? 'is at least' : 'is at most';
  return `${c.field} ${op} ${JSON.stringify(c.value)}`;
}

/** The first condition of the rule a candidate fails, or null when it is eligible. */
export function failedCondition(rule: EligibilityRule, attributes: Record<string, AttributeValue>): string | null {
  for (const c of rule.all) {
    const v = attributes[c.field] ?? null;
    const holds =
      c.op === 'eq'
        ? v === c.value
        : c.op === 'in'
          ? c.values.includes(v)
          : typeof v === 'number' && (c.op === 'gte' ? v >= c.value : v <= c.value);
    if (!holds) return `not eligible: ${describeCondition(c)} (it is ${JSON.stringify(v)})`;
  }
  return null;
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
// Per-pupil amounts may hold fractions of a cent: shown to a hundredth of a cent rather than rounded away.
const finerDollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
/** Cents as dollars for people: `$1,234.56`. */
export function formatCents(n: number): string {
  return dollars.format(n / 100);
}
const cents = formatCents;

/**
 * Allocates a budget (whole cents) to the eligible candidates by the formula, with caps, summing exactly to the
 * budget. Returns `ok: false` with a reason when the budget is below the sum of the minimums, above the sum of the
 * maximums, or there is no one (or nothing) to spread it over.
 */
export function allocateGrant(
  candidates: readonly AllocationCandidate[],
  rule: EligibilityRule,
  formula: AllocationFormula,
  budgetCents: number,
): AllocationResult {
  const ineligible: IneligibleCandidate[] = [];
  const eligible: AllocationCandidate[] = [];
  for (const c of [...candidates].sort((a, b) => (a.orgCode < b.orgCode ? -1 : a.orgCode > b.orgCode ? 1 : 0))) {
    const failed = failedCondition(rule, c.attributes);
    if (failed) ineligible.push({ orgCode: c.orgCode, name: c.name, reason: failed });
    else eligible.push(c);
  }
  const fail = (reason: string): AllocationResult => ({ ok: false, budgetCents, reason, ineligible });
  if (eligible.length === 0) return fail('No organization meets the eligibility rule.');
  const lo = formula.minCents ?? 0;
  const hi = formula.maxCents ?? Number.POSITIVE_INFINITY;
  const raw = eligible.map((c) => formula.baseCents + formula.perPupilCents * c.enrollment);
  if (lo * eligible.length > budgetCents)
    return fail(
      `The budget ${cents(budgetCents)} is less than the minimum ${cents(lo)} for each of the ${eligible.length} eligible recipients.`,
    );
  if (hi * eligible.length < budgetCents)
    return fail(
      `The budget ${cents(budgetCents)} is more than the maximum ${cents(hi)} for each of the ${eligible.length} eligible recipients.`,
    );

  const total = (s: number) => raw.reduce((sum, r) => sum + Math.min(hi, Math.max(lo, s * r)), 0);
  // Recipients with a formula amount of 0 cannot be scaled: they get the minimum, so the rest must carry the budget.
  if (raw.every((r) => r <= 0) && lo * eligible.length !== budgetCents)
    return fail('Every formula amount is zero: there is nothing to scale the budget by.');
  const breakpoints = [
    ...new Set(raw.flatMap((r) => (r > 0 ? [lo / r, ...(Number.isFinite(hi) ? [hi / r] : [])] : []))),
  ].sort((a, b) => a - b);
  // Find the segment between breakpoints where the total reaches the budget; the total is linear within it.
  let left = 0;
  for (const b of breakpoints) {
    if (total(b) >= budgetCents) break;
    left = b;
  }
  const next = breakpoints.find((b) => b > left) ?? left + 1;
  const mid = (left + next) / 2;
  let fixed = 0;
  let slope = 0;
  for (const r of raw) {
    const v = mid * r;
    if (r <= 0 || v <= lo) fixed += lo;
    else if (v >= hi) fixed += hi;
    else slope += r;
  }
  const factor = slope > 0 ? (budgetCents - fixed) / slope : left;

  const ideal = raw.map((r) => factor * r);
  const lines = eligible.map((c, i) => {
    const scaled = ideal[i]!;
    // A tolerance of a millionth of a cent keeps floating noise from moving an amount across a cap or a cent.
    const cap: AllocationLine['cap'] =
      raw[i]! <= 0 || scaled <= lo + 1e-6 ? 'minimum' : scaled >= hi - 1e-6 ? 'maximum' : null;
    const exact = cap === 'minimum' ? lo : cap === 'maximum' ? hi : scaled;
    return { c, i, scaled, cap, exact, floor: cap ? exact : Math.floor(exact + 1e-6) };
  });
  const leftover = budgetCents - lines.reduce((s, l) => s + l.floor, 0);
  const uncapped = lines.filter((l) => l.cap === null);
  if (leftover < 0 || leftover > uncapped.length)
    return fail('The amounts could not be rounded to the budget (the formula figures are out of range).');
  const byRemainder = [...uncapped].sort((a, b) => {
    const d = b.exact - b.floor - (a.exact - a.floor);
    if (Math.abs(d) > 1e-9) return d;
    return a.c.orgCode < b.c.orgCode ? -1 : 1;
  });
  const up = new Set(byRemainder.slice(0, leftover).map((l) => l.c.orgCode));

  return {
    ok: true,
    budgetCents,
    scalingFactor: factor,
    ineligible,
    lines: lines.map((l) => {
      const perPupilPartCents = formula.perPupilCents * l.c.enrollment;
      const roundedUp = up.has(l.c.orgCode);
      const amountCents = l.floor + (roundedUp ? 1 : 0);
      const formulaCents = raw[l.i]!;
      const capText =
        l.cap === 'minimum'
          ? `, raised to the minimum ${cents(lo)}`
          : l.cap === 'maximum'
            ? `, lowered to the maximum ${cents(hi)}`
            : roundedUp
              ? ', rounded up a cent (largest remainder)'
              : ', rounded down to the cent';
      return {
        orgCode: l.c.orgCode,
        name: l.c.name,
        enrollment: l.c.enrollment,
        baseCents: formula.baseCents,
        perPupilPartCents,
        formulaCents,
        scalingFactor: factor,
        scaledCents: l.scaled,
        cap: l.cap,
        roundedUp,
        amountCents,
        explanation: `Base ${cents(formula.baseCents)} + ${l.c.enrollment} pupils x ${finerDollars.format(formula.perPupilCents / 100)} = ${cents(formulaCents)}; x ${factor.toFixed(6)} = ${cents(l.scaled)}${capText}: ${cents(amountCents)}.`,
      };
    }),
  };
}
