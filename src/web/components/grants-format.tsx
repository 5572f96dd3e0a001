import { Table } from '@trussworks/react-uswds';
import { formatCents } from '../../core/assistance/allocation.ts';
import type { ApplicationStatus } from '../../core/assistance/grants.ts';
import type { GrantProgram, SpendingFigures } from '../api/grants.ts';
import { ToneTag } from './assistance-format.tsx';
import { ScrollRegion } from './ewis-scroll-region.tsx';

export { formatCents };

/** What each application status is called. */
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  awarded: 'Awarded',
  declined: 'Declined',
};

const statusTones: Record<ApplicationStatus, 'positive' | 'waiting' | 'neutral' | 'alert'> = {
  draft: 'neutral',
  submitted: 'waiting',
  awarded: 'positive',
  declined: 'alert',
};

/** An application's status as a tag whose words carry the meaning. */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <ToneTag tone={statusTones[status]}>{applicationStatusLabels[status]}</ToneTag>;
}

/** A percent with one decimal ("53.3%"), or a dash when there is none. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}%`;
}

/**
 * Dollars as a person types them ("12,500", "$1,234.5", "0.99") as whole cents; null when it is not an amount of
 * dollars with at most two decimals.
 */
export function parseDollars(text: string): number | null {
  const plain = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d{1,12}(\.\d{0,2})?$/.test(plain)) return null;
  const [whole, fraction = ''] = plain.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents as a person would type them back: "12500.00". */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The five spent-vs-awarded figures as table cells, in the order of `figureHeaders`. */
export function FigureCells({ figures }: { figures: SpendingFigures }) {
  return (
    <>
      <td className="ssos-num">{formatCents(figures.awardedCents)}</td>
      <td className="ssos-num">{formatCents(figures.budgetedCents)}</td>
      <td className="ssos-num">{formatCents(figures.spentCents)}</td>
      <td className="ssos-num">{formatCents(figures.remainingCents)}</td>
      <td className="ssos-num">{formatPercent(figures.percentSpent)}</td>
    </>
  );
}

/** The column headers matching `FigureCells`. */
export const figureHeaders = ['Awarded', 'Budgeted', 'Spent', 'Remaining', 'Spent (%)'] as const;

/**
 * A spent-vs-awarded table: one row per item (its first cell a header naming it) and a totals row; the percent of
 * the totals is of the summed amounts.
 */
export function SpendingTable<T>({
  caption,
  label,
  items,
  rowHeader,
  figuresOf,
  extra,
  totals,
}: {
  caption: string;
  label: string;
  items: readonly T[];
  rowHeader: (item: T) => React.ReactNode;
  figuresOf: (item: T) => SpendingFigures;
  extra?: { header: string; cell: (item: T) => React.ReactNode; numeric?: boolean };
  totals: SpendingFigures;
}) {
  return (
    <ScrollRegion label={label}>
      <Table bordered fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {extra ? (
              <th scope="col" className={extra.numeric ? 'ssos-num' : undefined}>
                {extra.header}
              </th>
            ) : null}
            {figureHeaders.map((h) => (
              <th key={h} scope="col" className="ssos-num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <tr key={i}>
              <th scope="row">{rowHeader(item)}</th>
              {extra ? <td className={extra.numeric ? 'ssos-num' : undefined}>{extra.cell(item)}</td> : null}
              <FigureCells figures={figuresOf(item)} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {extra ? <td /> : null}
            <FigureCells figures={totals} />
          </tr>
        </tfoot>
      </Table>
    </ScrollRegion>
  );
}

/** One condition of an eligibility rule as the API sends it. */
type Condition = GrantProgram['eligibility']['all'][number];

const fieldWords: Record<string, string> = {
  requiringAssistance: 'requiring assistance',
  classification: 'classification',
  category: 'support category',
  percentile: 'accountability percentile',
  enrollment: 'enrollment',
  orgType: 'organization type',
};

function describeCondition(c: Condition): string {
  const field = fieldWords[c.field] ?? c.field;
  if (c.op === 'eq' && c.field === 'requiringAssistance')
    return c.value === true ? 'requiring assistance' : 'not requiring assistance';
  if (c.op === 'eq') return `${field} is ${String(c.value)}`;
  if (c.op === 'in') return `${field} is one of ${c.values.map(String).join(', ')}`;
  return `${field} ${c.op === 'gte' ? 'at least' : 'at most'} ${c.value.toLocaleString('en-US')}`;
}

/** A program's eligibility rule in words: "Districts requiring assistance, enrollment at least 1,000". */
export function describeEligibility(program: Pick<GrantProgram, 'eligibility' | 'recipientLevel'>): string {
  const who = program.recipientLevel === 'district' ? 'Every district' : 'Every school';
  const conditions = program.eligibility.all.map(describeCondition);
  return conditions.length === 0 ? `${who} (open)` : `${who}: ${conditions.join('; ')}`;
}

/** A program's formula in words: "$50,000.00 + $10.00 per pupil, at least $60,000.00, at most $200,000.00". */
export function describeFormula(formula: GrantProgram['formula']): string {
  const parts = [`${formatCents(formula.baseCents)} + ${formatCents(formula.perPupilCents)} per pupil`];
  if (formula.minCents !== null) parts.push(`at least ${formatCents(formula.minCents)}`);
  if (formula.maxCents !== null) parts.push(`at most ${formatCents(formula.maxCents)}`);
  return parts.join(', ');
}

/** Today as YYYY-MM-DD in the reader's time zone (a date input's default). */
export function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
