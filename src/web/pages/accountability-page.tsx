import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  AlertText,
  Button,
  Form,
  Label,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  TextInput,
} from '@trussworks/react-uswds';
import { gradeSpanCategories, type GradeSpanCategory } from '../../core/orgs/organization.ts';
import type { AccountabilityResultRow, AccountabilityResults } from '../../server/api/accountability.ts';
import {
  accountabilityExportUrl,
  frameworkLabels,
  levelsRunSummary,
  readFramework,
  runSummary,
  useAccountabilityFramework,
  useAccountabilityResults,
  type AccountabilityFrameworkId,
  type AccountabilityResultsParams,
  type AccountabilitySort,
} from '../api/accountability.ts';
import { useCurrentUser } from '../api/auth.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { useStudentGroups } from '../api/platform.ts';
import {
  accountabilityPath,
  formatClassification,
  formatCount,
  formatNumber,
  formatPct,
  formatPpi,
  humanizeGroupCodes,
  isLevel3OrBelow,
  NoValue,
  orgAccountabilityPath,
  requiresAssistance,
  whatIfPath,
  whatIfRoles,
} from '../components/accountability-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { gradeSpanCategoryLabels } from '../components/org-format.ts';
import { sections } from './sections.ts';

const section = sections.find((s) => s.path === accountabilityPath)!;

const pageSize = 50;

/** The filters of the results, as the URL and the form hold them ('' = any). */
interface Filters {
  framework: AccountabilityFrameworkId;
  year: string;
  level: '' | 'school' | 'district';
  classification: string;
  reason: string;
  region: string;
  district: string;
  schoolType: '' | GradeSpanCategory;
  q: string;
}

const noFilters: Filters = {
  framework: 'ma-2018',
  year: '',
  level: '',
  classification: '',
  reason: '',
  region: '',
  district: '',
  schoolType: '',
  q: '',
};

/** The sortable columns: the label on the column and the words the status line uses. */
const sortLabels: Record<AccountabilitySort, { column: string; words: string }> = {
  name: { column: 'Name', words: 'name' },
  classification: { column: 'Classification', words: 'classification' },
  percentile: { column: 'Percentile', words: 'accountability percentile' },
  annual: { column: 'Annual', words: 'annual target percentage' },
  cumulative: { column: 'Cumulative', words: 'cumulative target percentage' },
};

/** The same columns for the Level 1-5 system (2012-2017): levels, the school percentile and the PPI. */
const levelsSortLabels: Record<AccountabilitySort, { column: string; words: string }> = {
  name: { column: 'Name', words: 'name' },
  classification: { column: 'Level', words: 'level' },
  percentile: { column: 'School percentile', words: 'school percentile' },
  annual: { column: 'Annual PPI', words: 'annual PPI (all students)' },
  cumulative: { column: 'Cumulative PPI', words: 'cumulative PPI (all students)' },
};

function labelsOf(framework: AccountabilityFrameworkId) {
  return framework === 'ma-2012' ? levelsSortLabels : sortLabels;
}
function readSort(raw: string | null): AccountabilitySort {
  return raw !== null && raw in sortLabels ? (raw as AccountabilitySort) : 'name';
}

function readPage(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function readFilters(params: URLSearchParams): Filters {
  const level = params.get('level');
  const type = params.get('type');
  const year = params.get('year') ?? '';
  return {
    framework: readFramework(params.get('framework')),
    year: /^\d{4}$/.test(year) ? year : '',
    level: level === 'school' || level === 'district' ? level : '',
    classification: params.get('classification') ?? '',
    reason: params.get('reason') ?? '',
    region: params.get('region') ?? '',
    district: params.get('district') ?? '',
    schoolType: (gradeSpanCategories as readonly string[]).includes(type ?? '') ? (type as GradeSpanCategory) : '',
    q: (params.get('q') ?? '').trim(),
  };
}

/** The page's URL parameters, leaving out defaults so links stay short. */
function buildParams(filters: Filters, sort: AccountabilitySort, order: 'asc' | 'desc', page: number): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.framework !== 'ma-2018') params.set('framework', filters.framework);
  if (filters.year !== '') params.set('year', filters.year);
  if (filters.level !== '') params.set('level', filters.level);
  if (filters.classification !== '') params.set('classification', filters.classification);
  if (filters.reason !== '') params.set('reason', filters.reason);
  if (filters.region !== '') params.set('region', filters.region);
  if (filters.district !== '') params.set('district', filters.district);
  if (filters.schoolType !== '') params.set('type', filters.schoolType);
  if (filters.q !== '') params.set('q', filters.q);
  if (sort !== 'name') params.set('sort', sort);
  if (order !== 'asc') params.set('order', order);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** The API's question for the filters (empty ones left out). */
function apiParams(filters: Filters, sort: AccountabilitySort, order: 'asc' | 'desc'): AccountabilityResultsParams {
  return {
    framework: filters.framework,
    year: filters.year === '' ? undefined : Number(filters.year),
    level: filters.level === '' ? undefined : filters.level,
    classification: filters.classification || undefined,
    reason: filters.reason || undefined,
    region: filters.region || undefined,
    district: filters.district || undefined,
    schoolType: filters.schoolType === '' ? undefined : filters.schoolType,
    q: filters.q || undefined,
    sort,
    order,
  };
}

/**
 * The statewide accountability results: the run's year and counts, the distribution of percentiles with the cut
 * line, and every school and district's classification, filtered and sorted (all kept in the URL), with exports.
 */
export function AccountabilityPage() {
  useDocumentTitle(section.title);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const sort = readSort(searchParams.get('sort'));
  const order = searchParams.get('order') === 'desc' ? 'desc' : 'asc';
  const page = readPage(searchParams.get('page'));
  const labels = labelsOf(filters.framework);

  const question = apiParams(filters, sort, order);
  const results = useAccountabilityResults({ ...question, limit: pageSize, offset: (page - 1) * pageSize });
  // The previous page is kept while the next loads, but never shown as if it were the other system's results.
  const otherSystem = results.data?.run != null && readFramework(results.data.run.framework) !== filters.framework;
  const user = useCurrentUser();

  const go = (next: Filters, nextSort = sort, nextOrder: 'asc' | 'desc' = order, nextPage = 1) =>
    setSearchParams(buildParams(next, nextSort, nextOrder, nextPage));

  const onSort = (column: AccountabilitySort) => {
    const nextOrder = column === sort && order === 'asc' ? 'desc' : 'asc';
    go(filters, column, nextOrder, 1);
  };

  return (
    <>
      <h1>{section.title}</h1>
      <p className="usa-intro ssos-readable">{section.description[0]}</p>
      <FrameworkForm current={filters.framework} onApply={(framework) => go({ ...noFilters, framework })} />
      {results.isPending || otherSystem ? (
        <LoadingStatus>Loading the accountability results…</LoadingStatus>
      ) : results.isError ? (
        <ErrorAlert heading="The accountability results could not be loaded" error={results.error} />
      ) : results.data.run === null ? (
        <NoRun years={results.data.years} year={filters.year} framework={filters.framework} />
      ) : (
        <>
          {filters.framework === 'ma-2012' ? (
            <LevelsSummarySection results={results.data} />
          ) : (
            <RunSummarySection results={results.data} canRunWhatIf={user !== null && whatIfRoles.includes(user.role)} />
          )}
          <PercentileChart results={results.data} framework={filters.framework} />
          <section aria-labelledby="results-heading" className="margin-top-5">
            <h2 id="results-heading">Schools and districts</h2>
            <FilterForm
              filters={filters}
              years={results.data.years}
              runYear={results.data.run.year}
              onApply={(next) => go(next)}
            />
            <div role="status" className="ssos-search-status">
              <p>
                {describeResult(results.data.total, filters)}
                {results.data.total > pageSize
                  ? ` Showing ${(page - 1) * pageSize + 1}–${Math.min(results.data.total, page * pageSize)}.`
                  : ''}{' '}
                Sorted by {labels[sort].words}, {describeOrder(sort, order)}.{results.isFetching ? ' Updating…' : ''}
              </p>
            </div>
            {results.data.items.length > 0 ? (
              <>
                <ResultsTable
                  items={results.data.items}
                  year={results.data.run.year}
                  framework={filters.framework}
                  sort={sort}
                  order={order}
                  onSort={onSort}
                  caption={`Accountability results ${results.data.run.year}${isFiltered(filters) ? ', filtered' : ''}`}
                />
                <Pager
                  page={page}
                  total={results.data.total}
                  link={(p) => `${accountabilityPath}?${buildParams(filters, sort, order, p).toString()}`}
                />
              </>
            ) : null}
            <ExportLinks params={question} total={results.data.total} />
          </section>
        </>
      )}
    </>
  );
}

/** No official run for the year asked (or none at all): say so, and offer the years that have one. */
function NoRun({
  years,
  year,
  framework,
}: {
  years: readonly number[];
  year: string;
  framework: AccountabilityFrameworkId;
}) {
  const system = framework === 'ma-2012' ? ' of the Level 1-5 system (2012-2017)' : '';
  return (
    <div className="ssos-readable">
      <p>{section.description[1]}</p>
      <Alert type="info" slim>
        <AlertText>
          {year !== ''
            ? `No official accountability run${system} exists for ${year}.`
            : `No results${system} have been computed in this installation yet.`}
          {framework === 'ma-2012'
            ? ' State staff compute them with `ssos accountability run --year YEAR --framework ma-2012`.'
            : ''}
        </AlertText>
      </Alert>
      {years.length > 0 ? (
        <p>
          Results exist for{' '}
          {years.map((y, i) => (
            <span key={y}>
              {i > 0 ? ', ' : ''}
              <Link
                className="usa-link"
                to={`${accountabilityPath}?${buildParams({ ...noFilters, framework, year: String(y) }, 'name', 'asc', 1).toString()}`}
              >
                {y}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : null}
    </div>
  );
}

function describeOrder(sort: AccountabilitySort, order: 'asc' | 'desc'): string {
  if (sort === 'name' || sort === 'classification') return order === 'asc' ? 'A to Z' : 'Z to A';
  return order === 'asc' ? 'lowest first' : 'highest first';
}

/** Whether any filter other than the framework and the year is set. */
function isFiltered(filters: Filters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== 'year' && key !== 'framework' && value !== '');
}

/**
 * Which accountability system's results to show: the 2018+ classification (the default) or the 2012-2017 Levels 1-5.
 * Applied with its button (a select that navigates on change would move people who only browse the options).
 */
function FrameworkForm({
  current,
  onApply,
}: {
  current: AccountabilityFrameworkId;
  onApply: (framework: AccountabilityFrameworkId) => void;
}) {
  const [choice, setChoice] = useState<AccountabilityFrameworkId>(current);
  useEffect(() => setChoice(current), [current]);
  return (
    <Form
      className="ssos-year-form ssos-system-form"
      aria-label="Choose the accountability system"
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onApply(choice);
      }}
    >
      <Label htmlFor="acc-framework">Accountability system</Label>
      <div className="ssos-search-row">
        <Select
          id="acc-framework"
          name="framework"
          value={choice}
          onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
            setChoice(event.target.value as AccountabilityFrameworkId)
          }
        >
          {(Object.keys(frameworkLabels) as AccountabilityFrameworkId[]).map((f) => (
            <option key={f} value={f}>
              {frameworkLabels[f]}
            </option>
          ))}
        </Select>
        <Button type="submit" outline disabled={choice === current}>
          Show results
        </Button>
      </div>
    </Form>
  );
}

/** The counts of a Level 1-5 run: schools by level, commendations, districts by level, and how it was computed. */
function LevelsSummarySection({ results }: { results: AccountabilityResults }) {
  const run = results.run!;
  const s = levelsRunSummary(run);
  const levels = (by: Record<string, number>, what: string) =>
    ['1', '2', '3', '4', '5']
      .map((l) => `Level ${l}: ${formatCount(by[l] ?? 0)}`)
      .concat(`unclassified: ${formatCount(by.unclassified ?? 0)} ${what}`)
      .join(', ');
  return (
    <section aria-labelledby="run-heading" className="margin-top-4">
      <SummaryBox className="ssos-org-summary">
        <SummaryBoxHeading headingLevel="h2" id="run-heading">
          {run.year} at a glance: Levels 1-5
        </SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <Fact term="Schools classified">
              {formatCount(s.schoolsClassified)} of {formatCount(s.schools)} schools
            </Fact>
            <Fact term="Schools by level">
              <strong>{levels(s.schoolsByLevel, 'schools')}</strong>
              {s.byReason['Insufficient data'] ? (
                <span className="ssos-fact-detail">
                  Unclassified schools are too small, new, or end in grade 1 or 2; each result says why.
                </span>
              ) : null}
            </Fact>
            <Fact term="Commendation Schools">{formatCount(s.commendationSchools)}</Fact>
            <Fact term="Districts by level">{levels(s.districtsByLevel, 'districts')}</Fact>
            <Fact term="How computed">
              Framework {run.framework} version {run.frameworkVersion}, official run of{' '}
              {new Date(run.createdAt).toLocaleDateString('en-US', { dateStyle: 'long' })}
              {s.groupYearsFromStudents > 0 ? (
                <span className="ssos-fact-detail">
                  CPIs computed from student records put Next-Generation MCAS scores on the legacy scale:{' '}
                  {s.concordance}.
                </span>
              ) : null}
              {s.warnings.map((w) => (
                <span key={w} className="ssos-fact-detail">
                  Note: {w}.
                </span>
              ))}
            </Fact>
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
    </section>
  );
}

function describeResult(total: number, filters: Filters): string {
  const what =
    filters.level === 'school'
      ? ['school', 'schools']
      : filters.level === 'district'
        ? ['district', 'districts']
        : ['school or district', 'schools and districts'];
  const filtered = isFiltered(filters);
  if (total === 0) return `No ${what[1]} match these filters.`;
  const count = total === 1 ? `1 ${what[0]}` : `${formatCount(total)} ${what[1]}`;
  return filtered ? `${count} ${total === 1 ? 'matches' : 'match'} these filters.` : `${count}.`;
}

/** The run's year, counts and the share requiring assistance beside the share DESE expects. */
function RunSummarySection({ results, canRunWhatIf }: { results: AccountabilityResults; canRunWhatIf: boolean }) {
  const run = results.run!;
  const s = runSummary(run);
  const share = s.sharePct === null ? null : formatNumber(s.sharePct, 1);
  return (
    <section aria-labelledby="run-heading" className="margin-top-4">
      <SummaryBox className="ssos-org-summary">
        <SummaryBoxHeading headingLevel="h2" id="run-heading">
          {run.year} at a glance
        </SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <Fact term="Schools classified">
              {formatCount(s.schoolsClassified)} of {formatCount(s.schools)} schools
              {s.schools > s.schoolsClassified
                ? ` (${formatCount(s.schools - s.schoolsClassified)} with insufficient data)`
                : ''}
            </Fact>
            <Fact term="Requiring assistance or intervention">
              <strong>{formatCount(s.schoolsRequiringAssistance)} schools</strong>
              {share !== null ? `, ${share}% of the schools classified` : ''} (about {s.expectedSharePct}% expected)
              <span className="ssos-fact-detail">
                Focused/targeted support: {formatCount(s.focused)}; broad/comprehensive support: {formatCount(s.broad)}
              </span>
            </Fact>
            <Fact term="Schools of recognition">{formatCount(s.schoolsOfRecognition)}</Fact>
            <Fact term="Districts requiring assistance">
              {formatCount(s.districtsRequiringAssistance)} of {formatCount(s.districts)} districts
            </Fact>
            <Fact term="How computed">
              Framework {run.framework} version {run.frameworkVersion}, official run of{' '}
              {new Date(run.createdAt).toLocaleDateString('en-US', { dateStyle: 'long' })}
            </Fact>
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
      {canRunWhatIf ? (
        <p className="margin-top-2">
          <Link to={`${whatIfPath}?year=${run.year}`} className="usa-link">
            What if the rules changed? Run a what-if on {run.year}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="ssos-facts__row ssos-facts__row--wide">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// ---- the distribution chart ----

const binWidth = 10;

/** Percentiles 1-99 in bins of ten: 1-10, 11-20, ..., 91-99. */
function binPercentiles(percentiles: readonly number[]): { from: number; to: number; count: number }[] {
  const bins = Array.from({ length: 100 / binWidth }, (_, i) => ({
    from: i * binWidth + 1,
    to: Math.min(99, (i + 1) * binWidth),
    count: 0,
  }));
  for (const p of percentiles) {
    const i = Math.min(bins.length - 1, Math.max(0, Math.ceil(p / binWidth) - 1));
    bins[i]!.count++;
  }
  return bins;
}

/**
 * A histogram of every school's accountability percentile in the run, with the classification's cut lines; the same
 * figures follow as a table for screen readers and for anyone who wants the numbers.
 */
function PercentileChart({
  results,
  framework,
}: {
  results: AccountabilityResults;
  framework: AccountabilityFrameworkId;
}) {
  const levels = framework === 'ma-2012';
  const what = levels ? 'school percentile' : 'accountability percentile';
  const id = useId();
  const bins = binPercentiles(results.percentiles);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const year = results.run!.year;
  // Drawing units: 0-100 across (the percentile scale), bars below a top margin for the cut-line labels.
  const width = 640;
  const height = 260;
  const left = 44;
  const right = 16;
  const top = 34;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (p: number) => left + (p / 100) * plotW;
  const step = max <= 5 ? 1 : max <= 12 ? 2 : Math.ceil(max / 6);
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  const yMax = Math.max(max, ticks.at(-1)!);
  const y = (count: number) => top + plotH - (count / yMax) * plotH;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const cutText = results.cutLines.map((c) => `${c.label} (percentile ${c.percentile} or below)`).join('; ');
  const below = results.cutLines.map(
    (c) => `${formatCount(results.percentiles.filter((p) => p <= c.percentile).length)} at or below ${c.percentile}`,
  );

  return (
    <section aria-labelledby="distribution-heading" className="margin-top-5">
      <h2 id="distribution-heading">{levels ? 'School percentiles' : 'Accountability percentiles'}</h2>
      <p className="ssos-readable">
        {levels
          ? 'Each school’s percentile (1 to 99) ranks it among schools of the same type (elementary, middle, high, ...; charter schools are placed against the others). The line marks the lowest 20%, one of the reasons a school is in Level 3.'
          : 'Each school’s accountability percentile (1 to 99) ranks it among schools serving similar grades. The line marks where schools become among the lowest performing, one of the reasons a school requires assistance.'}
      </p>
      <figure className="ssos-chart">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className="ssos-chart__svg"
        >
          <title id={titleId}>
            Distribution of the {what}s of {formatCount(results.percentiles.length)} schools, {year}
          </title>
          <desc id={descId}>
            {bins.map((b) => `${b.from} to ${b.to}: ${b.count}`).join('; ')}. Cut line: {cutText}; {below.join('; ')}{' '}
            schools.
          </desc>
          {ticks.map((t) => (
            <g key={t} aria-hidden="true">
              <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} className="ssos-chart__grid" />
              <text x={left - 8} y={y(t) + 4} textAnchor="end" className="ssos-chart__tick">
                {t}
              </text>
            </g>
          ))}
          {bins.map((b, i) => {
            const x0 = x(i * binWidth) + 2;
            const w = (plotW * binWidth) / 100 - 4;
            const lowest = results.cutLines.some((c) => b.to <= c.percentile);
            return (
              <g key={b.from} aria-hidden="true">
                <rect
                  x={x0}
                  y={y(b.count)}
                  width={w}
                  height={Math.max(0, top + plotH - y(b.count))}
                  className={lowest ? 'ssos-chart__bar ssos-chart__bar--low' : 'ssos-chart__bar'}
                />
                {b.count > 0 ? (
                  <text x={x0 + w / 2} y={y(b.count) - 4} textAnchor="middle" className="ssos-chart__value">
                    {b.count}
                  </text>
                ) : null}
                <text x={x0 + w / 2} y={top + plotH + 16} textAnchor="middle" className="ssos-chart__tick">
                  {b.from}–{b.to}
                </text>
              </g>
            );
          })}
          <line x1={left} x2={width - right} y1={top + plotH} y2={top + plotH} className="ssos-chart__axis" />
          <text
            x={left + plotW / 2}
            y={height - 4}
            textAnchor="middle"
            className="ssos-chart__label"
            aria-hidden="true"
          >
            Accountability percentile
          </text>
          <text
            transform={`translate(12 ${top + plotH / 2}) rotate(-90)`}
            textAnchor="middle"
            className="ssos-chart__label"
            aria-hidden="true"
          >
            Schools
          </text>
          {results.cutLines.map((c) => (
            <g key={c.percentile} aria-hidden="true">
              <line
                x1={x(c.percentile)}
                x2={x(c.percentile)}
                y1={top - 8}
                y2={top + plotH}
                className="ssos-chart__cut"
              />
              <text x={x(c.percentile) + 6} y={top - 14} className="ssos-chart__cut-label">
                {c.label} (≤ {c.percentile})
              </text>
            </g>
          ))}
        </svg>
        <figcaption className="ssos-chart__caption">
          {formatCount(results.percentiles.length)} schools with a percentile in {year}; {below.join('; ')}. Districts
          have no percentile.
        </figcaption>
      </figure>
      <details className="ssos-details">
        <summary>The chart’s figures as a table</summary>
        <Table compact caption={`Schools by ${what}, ${year}`}>
          <thead>
            <tr>
              <th scope="col">Percentile</th>
              <th scope="col">Schools</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <th scope="row">
                  {b.from}–{b.to}
                  {results.cutLines.some((c) => b.to <= c.percentile) ? ' (lowest performing)' : ''}
                </th>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </section>
  );
}

// ---- filters ----

function FilterForm({
  filters,
  years,
  runYear,
  onApply,
}: {
  filters: Filters;
  years: readonly number[];
  runYear: number;
  onApply: (next: Filters) => void;
}) {
  const [draft, setDraft] = useState<Filters>(filters);
  // Back and forward change the URL: show what it says in the form.
  useEffect(() => setDraft(filters), [filters]);
  const levels = filters.framework === 'ma-2012';
  const framework = useAccountabilityFramework(filters.framework);
  const regions = useOrgSearch({ level: 'region', limit: 50 });
  const districts = useOrgSearch({ level: 'district', limit: 200 });
  const reasons = useMemo(
    () =>
      levels ? levelsReasonOptions(framework.data?.values ?? []) : reasonOptions(framework.data?.values ?? [], runYear),
    [framework.data, runYear, levels],
  );
  const classifications = useMemo(
    () => (levels ? levelsClassifications : classificationOptions(framework.data?.values ?? [])),
    [framework.data, levels],
  );

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const select = (key: keyof Filters) => (event: React.ChangeEvent<HTMLSelectElement>) =>
    set(key, event.target.value as never);
  const districtsComplete = districts.data !== undefined && districts.data.total <= districts.data.items.length;

  return (
    <Form
      className="ssos-filter-form"
      aria-label="Filter the results"
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onApply({ ...draft, q: draft.q.trim() });
      }}
    >
      <div className="ssos-filter-grid">
        <div>
          <Label htmlFor="acc-year">Year</Label>
          <Select id="acc-year" name="year" value={draft.year || String(runYear)} onChange={select('year')}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="acc-level">Show</Label>
          <Select id="acc-level" name="level" value={draft.level} onChange={select('level')}>
            <option value="">Schools and districts</option>
            <option value="school">Schools</option>
            <option value="district">Districts</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="acc-classification">{levels ? 'Level' : 'Classification'}</Label>
          <Select
            id="acc-classification"
            name="classification"
            value={draft.classification}
            onChange={select('classification')}
          >
            <option value="">{levels ? 'Any level' : 'Any classification'}</option>
            {withCurrent(classifications, draft.classification).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="acc-reason">Reason</Label>
          <Select id="acc-reason" name="reason" value={draft.reason} onChange={select('reason')}>
            <option value="">Any reason</option>
            {withCurrent(reasons, draft.reason).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="acc-region">Region</Label>
          <Select id="acc-region" name="region" value={draft.region} onChange={select('region')}>
            <option value="">All regions</option>
            {(regions.data?.items ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
            {draft.region !== '' && !(regions.data?.items ?? []).some((r) => r.code === draft.region) ? (
              <option value={draft.region}>{draft.region}</option>
            ) : null}
          </Select>
        </div>
        <div>
          {districtsComplete ? (
            <>
              <Label htmlFor="acc-district">District</Label>
              <Select id="acc-district" name="district" value={draft.district} onChange={select('district')}>
                <option value="">All districts</option>
                {[...districts.data.items]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                {draft.district !== '' && !districts.data.items.some((d) => d.code === draft.district) ? (
                  <option value={draft.district}>{draft.district}</option>
                ) : null}
              </Select>
            </>
          ) : (
            <>
              <Label htmlFor="acc-district">District code</Label>
              <TextInput
                id="acc-district"
                name="district"
                type="text"
                inputMode="numeric"
                maxLength={12}
                value={draft.district}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('district', event.target.value.trim())}
              />
            </>
          )}
        </div>
        <div>
          <Label htmlFor="acc-type">School type</Label>
          <Select id="acc-type" name="type" value={draft.schoolType} onChange={select('schoolType')}>
            <option value="">Any grades</option>
            {gradeSpanCategories.map((c) => (
              <option key={c} value={c}>
                {c} ({gradeSpanCategoryLabels[c]})
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="acc-q">Name or code</Label>
          <TextInput
            id="acc-q"
            name="q"
            type="text"
            autoComplete="off"
            maxLength={100}
            value={draft.q}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('q', event.target.value)}
          />
        </div>
      </div>
      <div className="ssos-filter-actions">
        <Button type="submit">Apply filters</Button>
        <Button
          type="button"
          outline
          onClick={() => onApply({ ...noFilters, framework: filters.framework, year: draft.year })}
          disabled={!isFiltered(filters)}
        >
          Clear filters
        </Button>
      </div>
    </Form>
  );
}

/** The options with the current value added when it is not one of them (a URL typed by hand). */
function withCurrent(options: readonly string[], current: string): readonly string[] {
  return current === '' || options.includes(current) ? options : [...options, current];
}

type FrameworkValue = { path: string; value: string | number | boolean };

/** The levels of the Level 1-5 system, as results name them. */
const levelsClassifications = ['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5', 'Unclassified'];

/** The reasons of the Level 1-5 system, worded as the framework words them (the district sentence left out). */
function levelsReasonOptions(values: readonly FrameworkValue[]): string[] {
  return values
    .filter((v) => /^reasons\./.test(v.path) && v.path !== 'reasons.district' && typeof v.value === 'string')
    .map((v) => v.value as string);
}

/** The classifications, worded as the framework words them. */
function classificationOptions(values: readonly FrameworkValue[]): string[] {
  const byPath = new Map(values.map((v) => [v.path, v.value]));
  return ['labels.requiring', 'labels.notRequiring', 'labels.insufficientData']
    .map((p) => byPath.get(p))
    .filter((v): v is string => typeof v === 'string');
}

/**
 * The reasons a result can carry in a year, worded as the framework words them: designations, the focused/targeted
 * support reasons, schools of recognition, then the progress bands in force that year (highest first).
 */
function reasonOptions(values: readonly FrameworkValue[], year: number): string[] {
  const strings = (prefix: RegExp) =>
    values.filter((v) => prefix.test(v.path) && typeof v.value === 'string').map((v) => v.value as string);
  const bandSets = new Map<number, { fromYear: number; bands: { min: number; reason: string }[] }>();
  for (const v of values) {
    const m = /^bands\.(\d+)\.(?:fromYear|bands\.(\d+)\.(min|reason))$/.exec(v.path);
    if (!m) continue;
    const set = bandSets.get(Number(m[1])) ?? { fromYear: 0, bands: [] };
    bandSets.set(Number(m[1]), set);
    if (m[2] === undefined) set.fromYear = Number(v.value);
    else {
      const band = (set.bands[Number(m[2])] ??= { min: 0, reason: '' });
      if (m[3] === 'min') band.min = Number(v.value);
      else band.reason = String(v.value);
    }
  }
  const inForce = [...bandSets.values()].filter((s) => s.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear)[0];
  const bands = inForce ? [...inForce.bands].sort((a, b) => b.min - a.min).map((b) => b.reason) : [];
  const all = [
    ...strings(/^labels\.designations\./),
    ...strings(/^labels\.focusedReasons\./),
    ...strings(/^labels\.schoolOfRecognition$/),
    ...bands,
  ];
  return [...new Set(all)];
}

// ---- the table ----

function SortableHeader({
  column,
  sort,
  order,
  onSort,
  labels,
  className,
}: {
  column: AccountabilitySort;
  sort: AccountabilitySort;
  order: 'asc' | 'desc';
  onSort: (column: AccountabilitySort) => void;
  labels: Record<AccountabilitySort, { column: string; words: string }>;
  className?: string;
}) {
  const active = column === sort;
  return (
    <th
      scope="col"
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
      className={className}
    >
      <button type="button" className="ssos-sort-button" onClick={() => onSort(column)}>
        {labels[column].column}
        <SortIcon state={active ? order : 'none'} />
      </button>
    </th>
  );
}

/** The USWDS table-sort arrows: up (ascending), down (descending), or both (not sorted). */
function SortIcon({ state }: { state: 'asc' | 'desc' | 'none' }) {
  return (
    <svg className="ssos-sort-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {state === 'none' ? (
        <polygon points="15.17 15 13 17.17 13 6.83 15.17 9 16.58 7.59 12 3 7.41 7.59 8.83 9 11 6.83 11 17.17 8.83 15 7.42 16.41 12 21 16.59 16.41 15.17 15" />
      ) : (
        <path
          transform={state === 'asc' ? 'rotate(180, 12, 12)' : undefined}
          d="M17 17L15.59 15.59L12.9999 18.17V2H10.9999V18.17L8.41 15.58L7 17L11.9999 22L17 17Z"
        />
      )}
    </svg>
  );
}

function ResultsTable({
  items,
  year,
  framework,
  sort,
  order,
  onSort,
  caption,
}: {
  items: readonly AccountabilityResultRow[];
  year: number;
  framework: AccountabilityFrameworkId;
  sort: AccountabilitySort;
  order: 'asc' | 'desc';
  onSort: (column: AccountabilitySort) => void;
  caption: string;
}) {
  const levels = framework === 'ma-2012';
  const labels = labelsOf(framework);
  const header = { sort, order, onSort, labels };
  const groups = useStudentGroups();
  const groupNames = useMemo(() => new Map((groups.data?.items ?? []).map((g) => [g.code, g.label])), [groups.data]);
  return (
    <Table
      fullWidth
      striped
      stackedStyle="headers"
      className="ssos-results-table"
      caption={
        <span className="usa-sr-only">
          {caption}. Buttons in the column headers sort the table; the reason for each classification follows it.
        </span>
      }
    >
      <thead>
        <tr>
          <SortableHeader column="name" {...header} />
          <SortableHeader column="classification" {...header} />
          <SortableHeader column="percentile" className="ssos-num" {...header} />
          <SortableHeader column="annual" className="ssos-num" {...header} />
          <SortableHeader column="cumulative" className="ssos-num" {...header} />
        </tr>
      </thead>
      <tbody>
        {items.map((row) => (
          <tr key={row.code}>
            <th scope="row" data-label="Name">
              <Link to={orgAccountabilityPath(row.code, year, framework)} className="usa-link">
                {row.name}
              </Link>
              <span className="ssos-row-detail">{describeOrg(row)}</span>
            </th>
            <td data-label={labels.classification.column}>
              {levels ? (
                <>
                  <span className={isLevel3OrBelow(row.classification) ? 'ssos-requiring' : undefined}>
                    {row.classification ?? 'Not classified'}
                  </span>
                  {row.category !== null ? <span className="ssos-row-detail">{row.category}</span> : null}
                </>
              ) : (
                <span className={requiresAssistance(row.classification) ? 'ssos-requiring' : undefined}>
                  {formatClassification(row.classification, row.category)}
                </span>
              )}
              {row.reason !== null ? (
                <span className="ssos-row-detail">
                  {levels ? humanizeGroupCodes(row.reason, groupNames) : row.reason}
                </span>
              ) : null}
            </td>
            <td data-label={labels.percentile.column} className="ssos-num">
              {row.percentile ?? <NoValue label={row.level === 'district' ? 'not computed for districts' : 'none'} />}
            </td>
            <td data-label={labels.annual.column} className="ssos-num">
              {(levels ? formatPpi(row.annualPct) : formatPct(row.annualPct)) ?? <NoValue />}
            </td>
            <td data-label={labels.cumulative.column} className="ssos-num">
              {(levels ? formatPpi(row.cumulativePct) : formatPct(row.cumulativePct)) ?? <NoValue />}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A school's grades and district, or `District`: `ES school, Caldland`. */
function describeOrg(row: AccountabilityResultRow): string {
  if (row.level === 'district') return 'District';
  const type = row.gradeSpanCategory !== null ? `${row.gradeSpanCategory} school` : 'School';
  return row.district !== null ? `${type}, ${row.district.name}` : type;
}

function Pager({ page, total, link }: { page: number; total: number; link: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Result pages" className="ssos-pager">
      {page > 1 ? (
        <Link className="usa-link" to={link(page - 1)}>
          Previous {pageSize}
        </Link>
      ) : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="usa-link" to={link(page + 1)}>
          Next {Math.min(pageSize, total - page * pageSize)}
        </Link>
      ) : null}
    </nav>
  );
}

function ExportLinks({ params, total }: { params: AccountabilityResultsParams; total: number }) {
  if (total === 0) return null;
  return (
    <p className="ssos-export">
      Download {total === 1 ? 'this result' : `these ${formatCount(total)} results`} with the state’s open-data columns:{' '}
      <a href={accountabilityExportUrl(params, 'csv')} download className="usa-link">
        CSV
      </a>{' '}
      or{' '}
      <a href={accountabilityExportUrl(params, 'xlsx')} download className="usa-link">
        Excel (XLSX)
      </a>
    </p>
  );
}
