import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import {
  BreadcrumbBar,
  Breadcrumb,
  BreadcrumbLink,
  Button,
  Form,
  Label,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
} from '@trussworks/react-uswds';
import type { AccountabilityCategory, GradeSpan, RatedGroup } from '../../core/accountability/framework-2018.ts';
import type { ExplanationStep } from '../../core/accountability/points.ts';
import type { FrameworkValues } from '../../server/api/accountability.ts';
import {
  frameworkLabels,
  readFramework,
  useAccountabilityFramework,
  useOrgAccountability,
  type AccountabilityFrameworkId,
  type LevelsReport,
  type OrgAccountability,
  type ReportedIndicator,
  type ReportedOrgAccountability,
} from '../api/accountability.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { useStudentGroups } from '../api/platform.ts';
import {
  accountabilityPath,
  formatClassification,
  formatCount,
  formatNumber,
  formatPct,
  groupLabels,
  NoValue,
  requiresAssistance,
  spanLabels,
} from '../components/accountability-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { gradeSpanCategoryLabels, orgPath } from '../components/org-format.ts';
import { LevelsReportView } from './levels-report.tsx';

type Column = ReportedOrgAccountability['columns'][number];

/** Categories in the order DESE's reports list them. */
const categoryOrder: readonly AccountabilityCategory[] = ['achievement', 'growth', 'hsCompletion', 'elp', 'additional'];

const fallbackCategoryLabels: Record<AccountabilityCategory, string> = {
  achievement: 'Achievement',
  growth: 'Growth',
  hsCompletion: 'High school completion',
  elp: 'English language proficiency',
  additional: 'Additional indicators',
};

/** The anchor of an indicator's explanation: `indicator-<span>-<group>-<indicator>`. */
export function indicatorAnchor(span: GradeSpan, group: RatedGroup, indicator: string): string {
  return `indicator-${span}-${group}-${indicator}`;
}

function settingAnchor(key: string): string {
  return `setting-${key.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;
}

function readYear(raw: string | null): number | undefined {
  return raw !== null && /^\d{4}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * A school's or district's accountability report, laid out like DESE's: the classification and the sentence saying
 * why, each grade span's indicators with value, target and points for all students and the lowest performing
 * students, the weighted totals and percentages, the annual and cumulative figures, and an explanation of each point.
 */
export function OrgAccountabilityPage() {
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const year = readYear(searchParams.get('year'));
  const framework = readFramework(searchParams.get('framework'));
  const report = useOrgAccountability(code, year, framework);
  const notFound = isApiError(report.error, 'not_found', 'route_not_found', 'validation_failed');
  const data = report.data;
  const heading =
    data !== undefined
      ? `${data.org.name}: accountability${data.run !== null ? ` ${data.run.year}` : ''}`
      : notFound
        ? 'Accountability report not found'
        : 'Accountability report';
  useDocumentTitle(heading);

  // One h1 element whatever the state, so focus placed on it after a navigation survives the data arriving.
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={accountabilityPath}>
            <span>Accountability</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={orgPath(data.org.code)}>
              <span>{data.org.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Accountability report</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {report.isPending || (data?.run != null && readFramework(data.run.framework) !== framework) ? (
        <LoadingStatus>Loading the accountability report…</LoadingStatus>
      ) : report.isError ? (
        notFound ? (
          <>
            <p className="usa-intro">{report.error.message}</p>
            <p>
              <Link to={accountabilityPath} className="usa-link">
                See the statewide accountability results
              </Link>
            </p>
          </>
        ) : (
          <ErrorAlert heading="The accountability report could not be loaded" error={report.error} />
        )
      ) : (
        <ReportView
          data={data!}
          framework={framework}
          updating={report.isFetching && report.isPlaceholderData}
          onChoose={(y, f) =>
            setSearchParams({
              ...(f === 'ma-2012' ? { framework: f } : {}),
              ...(y === undefined ? {} : { year: String(y) }),
            })
          }
        />
      )}
    </>
  );
}

function ReportView({
  data,
  framework: frameworkId,
  updating,
  onChoose,
}: {
  data: OrgAccountability;
  framework: AccountabilityFrameworkId;
  updating: boolean;
  onChoose: (year: number | undefined, framework: AccountabilityFrameworkId) => void;
}) {
  const user = useCurrentUser();
  const framework = useAccountabilityFramework();
  const groups = useStudentGroups();
  const groupNames = useMemo(() => new Map((groups.data?.items ?? []).map((g) => [g.code, g.label])), [groups.data]);
  const settings = useMemo(() => frameworkFacts(framework.data), [framework.data]);
  const { org, run, result, report } = data;
  useScrollToHash(report !== null);

  const links = (
    <p className="ssos-report-links">
      <Link to={orgPath(org.code)} className="usa-link">
        About {org.name}
      </Link>
      <Link
        to={`${accountabilityPath}?${new URLSearchParams({ ...(frameworkId === 'ma-2012' ? { framework: frameworkId } : {}), ...(run ? { year: String(run.year) } : {}) }).toString()}`.replace(
          /\?$/,
          '',
        )}
        className="usa-link"
      >
        All statewide results{run ? ` for ${run.year}` : ''}
      </Link>
      {org.level === 'district' ? (
        <Link
          to={`${accountabilityPath}?${new URLSearchParams({ ...(frameworkId === 'ma-2012' ? { framework: frameworkId } : {}), ...(run ? { year: String(run.year) } : {}), district: org.code, level: 'school' }).toString()}`}
          className="usa-link"
        >
          Results of the schools in {org.name}
        </Link>
      ) : null}
    </p>
  );

  if (run === null || report === null) {
    return (
      <>
        {links}
        <p className="usa-intro">
          {run === null
            ? 'No official accountability run has been computed for this year.'
            : `${org.name} has no result in the ${run.year} run: it was not open that year, or is not a school or district the framework classifies.`}
        </p>
        <YearForm years={data.years} current={run?.year ?? null} framework={frameworkId} onChoose={onChoose} />
      </>
    );
  }

  if (frameworkId === 'ma-2012') {
    const levels = report as unknown as LevelsReport;
    const kicker = [
      org.level === 'school' ? 'School' : 'District',
      levels.level === 'school'
        ? `${levels.result.schoolType} school${levels.result.charter ? ' (charter)' : ''}`
        : null,
      result?.district ? `${result.district.name} district` : null,
      result?.region?.name ?? null,
    ].filter(Boolean);
    return (
      <>
        <p className="ssos-h1-kicker">{kicker.join(' · ')}</p>
        {links}
        <YearForm years={data.years} current={run.year} framework={frameworkId} onChoose={onChoose} />
        {updating ? <LoadingStatus>Loading {run.year}…</LoadingStatus> : null}
        <LevelsReportView
          report={levels}
          result={result}
          runCreatedAt={run.createdAt}
          suppressedBelow={data.suppressedBelow}
          signedIn={user !== null}
          groupNames={groupNames}
        />
      </>
    );
  }

  const kicker = [
    org.level === 'school' ? 'School' : 'District',
    result?.gradeSpanCategory
      ? `${result.gradeSpanCategory} (${gradeSpanCategoryLabels[result.gradeSpanCategory]})`
      : null,
    result?.district ? `${result.district.name} district` : null,
    result?.region?.name ?? null,
  ].filter(Boolean);

  return (
    <>
      <p className="ssos-h1-kicker">{kicker.join(' · ')}</p>
      {links}
      <YearForm years={data.years} current={run.year} framework={frameworkId} onChoose={onChoose} />
      {updating ? <LoadingStatus>Loading {run.year}…</LoadingStatus> : null}
      <ClassificationSummary
        data={data}
        report={report}
        groupNames={groupNames}
        groupPercentileMax={settings.groupPercentileMax}
      />
      {user === null ? (
        <p className="usa-hint ssos-readable">
          Values from fewer than {data.suppressedBelow} students are not shown to the public; they read “Fewer than{' '}
          {data.suppressedBelow} students”.
        </p>
      ) : null}
      {report.spans.map((span) => (
        <SpanSection
          key={span}
          span={span}
          report={report}
          suppressedBelow={data.suppressedBelow}
          categoryLabels={settings.categoryLabels}
          minimumN={settings.minimumN}
        />
      ))}
      <AnnualSection report={report} />
      <ExplanationSection
        report={report}
        settings={settings}
        groupNames={groupNames}
        suppressedBelow={data.suppressedBelow}
      />
    </>
  );
}

/**
 * Goes to the part of the page the address names (an indicator's explanation): after a link on the page, and after
 * the report arrives when the page was opened at that address. Focus moves there too, once per navigation.
 */
function useScrollToHash(ready: boolean) {
  const location = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || location.hash === '' || done.current === location.key) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target === null) return;
    done.current = location.key;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }, [ready, location.hash, location.key]);
}

/** The year and the accountability system of the report, applied with one button. */
function YearForm({
  years,
  current,
  framework,
  onChoose,
}: {
  years: readonly number[];
  current: number | null;
  framework: AccountabilityFrameworkId;
  onChoose: (year: number | undefined, framework: AccountabilityFrameworkId) => void;
}) {
  const [choice, setChoice] = useState(current === null ? String(years[0] ?? '') : String(current));
  const [system, setSystem] = useState<AccountabilityFrameworkId>(framework);
  useEffect(() => {
    if (current !== null) setChoice(String(current));
  }, [current]);
  useEffect(() => setSystem(framework), [framework]);
  const switching = system !== framework;
  return (
    <Form
      className="ssos-year-form ssos-system-form"
      aria-label="Choose the year and the accountability system"
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        // Another system has its own years: show its latest.
        if (switching) return onChoose(undefined, system);
        const y = Number(choice);
        onChoose(y === years[0] ? undefined : y, framework);
      }}
    >
      <div className="ssos-search-row">
        <div>
          <Label htmlFor="report-framework">Accountability system</Label>
          <Select
            id="report-framework"
            name="framework"
            value={system}
            onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
              setSystem(event.target.value as AccountabilityFrameworkId)
            }
          >
            {(Object.keys(frameworkLabels) as AccountabilityFrameworkId[]).map((f) => (
              <option key={f} value={f}>
                {frameworkLabels[f]}
              </option>
            ))}
          </Select>
        </div>
        {years.length > 0 ? (
          <div>
            <Label htmlFor="report-year">Accountability year</Label>
            <Select
              id="report-year"
              name="year"
              value={choice}
              disabled={switching}
              onChange={(event: React.ChangeEvent<HTMLSelectElement>) => setChoice(event.target.value)}
            >
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Button type="submit" outline disabled={!switching && choice === String(current)}>
          Show
        </Button>
      </div>
    </Form>
  );
}

/** The classification, the sentence saying why, and the headline figures. */
function ClassificationSummary({
  data,
  report,
  groupNames,
  groupPercentileMax,
}: {
  data: OrgAccountability;
  report: ReportedOrgAccountability;
  groupNames: ReadonlyMap<string, string>;
  groupPercentileMax: number | null;
}) {
  const c = report.classification;
  const sentence = `${formatClassification(c.overall, c.support)}${c.reason ? `: ${c.reason}` : ''}`;
  const pct = report.percentile;
  const lowGroups =
    c.focusedRules.includes('lowGroup') && groupPercentileMax !== null
      ? report.groupPercentiles.filter((g) => g.value <= groupPercentileMax)
      : [];
  return (
    <SummaryBox className="ssos-org-summary margin-top-3">
      <SummaryBoxHeading headingLevel="h2">Classification</SummaryBoxHeading>
      <SummaryBoxContent>
        <p className={requiresAssistance(c.overall) ? 'ssos-verdict ssos-verdict--requiring' : 'ssos-verdict'}>
          {sentence}
        </p>
        <dl className="ssos-facts">
          <Fact term="Accountability percentile">
            {pct !== null ? (
              <>
                <strong>{pct.value}</strong> (among {formatCount(pct.comparedWith)} school
                {pct.comparedWith === 1 ? '' : 's'} {describeComparison(pct.comparison)})
              </>
            ) : report.level === 'district' ? (
              'Not computed for districts'
            ) : (
              'None (too little data to rank the school)'
            )}
          </Fact>
          <Fact term="Cumulative criterion-referenced target percentage">
            {formatPct(report.progress.cumulative) ?? 'None (no prior-year figure)'}
          </Fact>
          <Fact term="Annual criterion-referenced target percentage">
            {formatPct(report.annual.percentage) ?? 'None (no grade span rated)'}
          </Fact>
          {report.graduationRate !== null ? (
            <Fact term="4-year graduation rate">
              {formatNumber(report.graduationRate.value)}% (class of {report.graduationRate.dataYear})
            </Fact>
          ) : null}
          {lowGroups.length > 0 ? (
            <Fact term="Low performing student groups">
              {lowGroups.map((g) => `${groupNames.get(g.group) ?? g.group} (percentile ${g.value})`).join(', ')}
            </Fact>
          ) : null}
          {report.lowParticipation.length > 0 ? (
            <Fact term="Low participation">
              {report.lowParticipation
                .map(
                  (f) =>
                    `${groupNames.get(f.group) ?? f.group}, ${describeParticipation(f.indicator)}: ${f.rates
                      .map((r) => `${formatNumber(r.value)}% in ${r.year}`)
                      .join(', ')}`,
                )
                .join('; ')}
            </Fact>
          ) : null}
          {data.run ? (
            <Fact term="Computed">
              Official run of {new Date(data.run.createdAt).toLocaleDateString('en-US', { dateStyle: 'long' })},
              framework {data.run.framework} version {data.run.frameworkVersion}
            </Fact>
          ) : null}
        </dl>
      </SummaryBoxContent>
    </SummaryBox>
  );
}

function describeComparison(comparison: string): string {
  switch (comparison) {
    case 'nonhs':
      return 'serving non-high school grades only';
    case 'hs':
      return 'serving high school grades only';
    case 'nonhs+hs':
      return 'serving both non-high school and high school grades';
    default:
      return 'statewide';
  }
}

/** `mcas_ela_g38_participation_pct` -> `ELA participation, grades 3-8`. */
function describeParticipation(indicator: string): string {
  const m = /^mcas_(ela|math|sci)_(g38|g10)_participation_pct$/.exec(indicator);
  if (!m) return indicator;
  const subject = { ela: 'ELA', math: 'mathematics', sci: 'science' }[m[1] as 'ela' | 'math' | 'sci'];
  return `${subject} participation, ${m[2] === 'g38' ? 'grades 3-8' : 'grade 10'}`;
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="ssos-facts__row ssos-facts__row--wide">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// ---- one grade span: the DESE-style table ----

function isPercentMeasure(measure: string): boolean {
  return measure.endsWith('_pct');
}

function formatMeasure(measure: string, value: number): string {
  return isPercentMeasure(measure) ? `${formatNumber(value)}%` : formatNumber(value);
}

function SpanSection({
  span,
  report,
  suppressedBelow,
  categoryLabels,
  minimumN,
}: {
  span: GradeSpan;
  report: ReportedOrgAccountability;
  suppressedBelow: number;
  categoryLabels: Record<AccountabilityCategory, string>;
  minimumN: number | null;
}) {
  const columns = ratedGroupsOrder
    .map((group) => report.columns.find((c) => c.span === span && c.group === group))
    .filter((c): c is Column => c !== undefined);
  const spanResult = report.spanResults[span];
  const headingId = `span-${span}`;
  const first = columns[0];
  if (first === undefined) return null;
  const categories = categoryOrder.filter((cat) => first.indicators.some((i) => i.category === cat));
  const width = 1 + columns.length * 3;
  const notRated = columns.filter((c) => c.unrated !== null);

  return (
    <section aria-labelledby={headingId} className="margin-top-5">
      <h2 id={headingId}>{spanLabels[span]}</h2>
      {notRated.map((c) => (
        <p key={c.group} className="ssos-readable">
          {groupLabels[c.group]} are not rated in {spanLabels[span].toLowerCase()}: {c.unrated}.
        </p>
      ))}
      <div className="ssos-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="usa-table usa-table--compact ssos-report-table">
          <caption className="usa-sr-only">
            {spanLabels[span]}: each indicator’s value, target and points for{' '}
            {columns.map((c) => groupLabels[c.group].toLowerCase()).join(' and ')}
          </caption>
          <colgroup>
            <col />
          </colgroup>
          {columns.map((c) => (
            <colgroup key={c.group} span={3} />
          ))}
          <thead>
            <tr>
              <td className="ssos-report-table__corner" />
              {columns.map((c) => (
                <th key={c.group} scope="colgroup" colSpan={3} className="ssos-report-table__group">
                  {groupLabels[c.group]}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col">Indicator</th>
              {columns.map((c) => (
                <Fragment key={c.group}>
                  <th scope="col" className="ssos-num ssos-report-table__first">
                    Value
                  </th>
                  <th scope="col" className="ssos-num">
                    Target
                  </th>
                  <th scope="col" className="ssos-num">
                    Points
                  </th>
                </Fragment>
              ))}
            </tr>
          </thead>
          {categories.map((category) => (
            <tbody key={category}>
              <tr className="ssos-report-table__category">
                <th scope="colgroup" colSpan={width}>
                  {categoryLabels[category]}
                </th>
              </tr>
              {first.indicators
                .filter((i) => i.category === category)
                .map((ind) => (
                  <tr key={ind.indicator}>
                    <th scope="row">
                      {ind.label}
                      {ind.dataYear !== report.year ? (
                        <span className="ssos-data-year"> ({ind.dataYear} data)</span>
                      ) : null}
                    </th>
                    {columns.map((c) => (
                      <IndicatorCells
                        key={c.group}
                        column={c}
                        indicator={c.indicators.find((i) => i.indicator === ind.indicator)}
                        suppressedBelow={suppressedBelow}
                        minimumN={minimumN}
                      />
                    ))}
                  </tr>
                ))}
              <tr className="ssos-report-table__subtotal">
                <th scope="row">{categoryLabels[category]} total</th>
                {columns.map((c) => (
                  <td key={c.group} colSpan={3} className="ssos-num ssos-report-table__first">
                    <CategoryTotal column={c} category={category} />
                  </td>
                ))}
              </tr>
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row">Total weighted points</th>
              {columns.map((c) => (
                <td key={c.group} colSpan={3} className="ssos-num ssos-report-table__first">
                  {c.score !== null ? (
                    `${formatNumber(c.score.weightedEarned)} of ${formatNumber(c.score.weightedPossible)}`
                  ) : (
                    <NoValue label="not rated" />
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Percentage of possible points</th>
              {columns.map((c) => (
                <td key={c.group} colSpan={3} className="ssos-num ssos-report-table__first">
                  {c.score !== null ? <strong>{formatPct(c.score.percentage)}</strong> : 'Not rated'}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{spanLabels[span]} percentage</th>
              <td colSpan={width - 1} className="ssos-num ssos-report-table__first">
                {spanResult.percentage !== null ? <strong>{formatPct(spanResult.percentage)}</strong> : 'Not rated'}
                {spanResult.all !== null && spanResult.lowest !== null ? (
                  <span className="ssos-data-year"> (the two groups’ percentages averaged)</span>
                ) : spanResult.percentage !== null ? (
                  <span className="ssos-data-year"> (one group rated)</span>
                ) : null}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

const ratedGroupsOrder: readonly RatedGroup[] = ['all', 'lowest'];

function IndicatorCells({
  column,
  indicator,
  suppressedBelow,
  minimumN,
}: {
  column: Column;
  indicator: ReportedIndicator | undefined;
  suppressedBelow: number;
  minimumN: number | null;
}) {
  if (indicator === undefined || indicator.unrated === 'not-applicable')
    return (
      <>
        <td className="ssos-num ssos-report-table__first ssos-report-table__na" colSpan={3}>
          <NoValue label={`not part of the ${groupLabels[column.group].toLowerCase()}’ results`} />
        </td>
      </>
    );
  const anchor = indicatorAnchor(column.span, column.group, indicator.indicator);
  return (
    <>
      <td className="ssos-num ssos-report-table__first">
        {indicator.suppressed ? (
          <span className="ssos-suppressed">Fewer than {suppressedBelow} students</span>
        ) : indicator.value !== null ? (
          formatMeasure(indicator.measure, indicator.value)
        ) : (
          'No data'
        )}
      </td>
      <td className="ssos-num">
        {indicator.target !== null ? (
          formatMeasure(indicator.measure, indicator.target.value)
        ) : (
          <NoValue label={indicator.rule === 'growth' ? 'no target: points by fixed bands' : 'no target'} />
        )}
      </td>
      <td className="ssos-num">
        <span className="ssos-points">
          {indicator.points !== null ? `${indicator.points} of 4` : describeUnrated(indicator, minimumN)}
        </span>
        {/* The visible words start the name (WCAG 2.5.3); the rest tells the many links apart. */}
        <HashLink
          id={anchor}
          className="usa-link ssos-how-link"
          aria-label={`How the points were decided: ${indicator.label}, ${groupLabels[column.group].toLowerCase()}, ${spanLabels[column.span].toLowerCase()}`}
        >
          How the points were decided
        </HashLink>
      </td>
    </>
  );
}

/**
 * A link to a part of this page. The router records it as a navigation, so Back returns to where the reader was;
 * `useScrollToHash` then scrolls to the target and puts focus on it, so a screen reader reads on from there.
 */
function HashLink({
  id,
  className,
  children,
  ...rest
}: { id: string; className?: string; children: React.ReactNode } & React.AriaAttributes) {
  const location = useLocation();
  return (
    <Link to={{ search: location.search, hash: id }} className={className} {...rest}>
      {children}
    </Link>
  );
}

function describeUnrated(indicator: ReportedIndicator, minimumN: number | null): string {
  switch (indicator.unrated) {
    case 'missing':
      return 'Not rated (no data)';
    case 'below-minimum-n':
      return minimumN !== null ? `Not rated (fewer than ${minimumN} students)` : 'Not rated (too few students)';
    case 'no-target':
      return 'Not rated (no target)';
    case 'no-prior':
      return 'Not rated (no prior year)';
    default:
      return 'Not rated';
  }
}

function CategoryTotal({ column, category }: { column: Column; category: AccountabilityCategory }) {
  const scored = column.score?.categories.find((c) => c.category === category);
  if (scored !== undefined)
    return (
      <>
        {formatNumber(scored.earned)} of {formatNumber(scored.possible)} points × {formatNumber(scored.weightPct)}% ={' '}
        {formatNumber(scored.weightedEarned, 2)} of {formatNumber(scored.weightedPossible, 2)}
      </>
    );
  const raw = column.points[category];
  if (raw !== undefined)
    return (
      <>
        {formatNumber(raw.earned)} of {formatNumber(raw.possible)} points (not weighted)
      </>
    );
  return <NoValue label="no rated indicator" />;
}

// ---- from spans to the annual and cumulative figures ----

function AnnualSection({ report }: { report: ReportedOrgAccountability }) {
  const weights = report.spanWeights;
  const both = report.spans.length === 2 && weights !== null;
  return (
    <section aria-labelledby="annual-heading" className="margin-top-5">
      <h2 id="annual-heading">Annual and cumulative figures</h2>
      <Table
        compact
        className="ssos-annual-table"
        caption={<span className="usa-sr-only">From the grade spans to the reason</span>}
      >
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" className="ssos-num">
              Value
            </th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {report.spans.map((span) => (
            <tr key={span}>
              <th scope="row">{spanLabels[span]} percentage</th>
              <td className="ssos-num">{formatPct(report.spanResults[span].percentage) ?? 'Not rated'}</td>
              <td>
                {both
                  ? `Weighted ${span === 'nonhs' ? weights.nonhsPct : weights.hsPct}%${report.spanWeightsSource === 'estimated' ? ' (share estimated from the students tested in each span)' : ''}`
                  : 'The only grade span'}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Annual criterion-referenced target percentage, {report.year}</th>
            <td className="ssos-num">
              <strong>{formatPct(report.annual.percentage) ?? 'None'}</strong>
            </td>
            <td>{both ? 'The grade spans combined by their weights' : 'The grade span’s percentage'}</td>
          </tr>
          <tr>
            <th scope="row">Annual criterion-referenced target percentage, {report.year - 1}</th>
            <td className="ssos-num">{formatPct(report.annualPrior) ?? <NoValue />}</td>
            <td>
              {report.annualPriorSource === 'given'
                ? 'As published'
                : report.annualPriorSource === 'computed'
                  ? 'Computed from the prior year’s data'
                  : 'No prior-year figure'}
            </td>
          </tr>
          <tr>
            <th scope="row">Cumulative criterion-referenced target percentage</th>
            <td className="ssos-num">
              <strong>{formatPct(report.progress.cumulative) ?? <NoValue />}</strong>
            </td>
            <td>
              {report.progress.cumulative !== null
                ? `40% of ${report.year - 1} and 60% of ${report.year}`
                : 'No cumulative figure: the reason follows the annual figure'}
            </td>
          </tr>
          <tr>
            <th scope="row">Progress toward targets</th>
            <td className="ssos-num">
              {report.progress.bandFigure !== null ? `${formatNumber(report.progress.bandFigure)}` : <NoValue />}
            </td>
            <td>{report.progress.reason ?? 'No band'}</td>
          </tr>
        </tbody>
      </Table>
    </section>
  );
}

// ---- the explanation ----

interface FrameworkFacts {
  categoryLabels: Record<AccountabilityCategory, string>;
  minimumN: number | null;
  groupPercentileMax: number | null;
  settings: FrameworkValues['settings'];
  targets: { benchmarkPercentile: number | null; gapShare: number | null; overYears: number | null };
}

function frameworkFacts(framework: FrameworkValues | undefined): FrameworkFacts {
  const byPath = new Map((framework?.values ?? []).map((v) => [v.path, v.value]));
  const num = (path: string) => {
    const v = byPath.get(path);
    return typeof v === 'number' ? v : null;
  };
  const categoryLabels = { ...fallbackCategoryLabels };
  for (const c of categoryOrder) {
    const label = byPath.get(`categoryLabels.${c}`);
    if (typeof label === 'string') categoryLabels[c] = label;
  }
  return {
    categoryLabels,
    minimumN: num('minimumN'),
    groupPercentileMax: num('classification.groupPercentileMax'),
    settings: framework?.settings ?? {},
    targets: {
      benchmarkPercentile: num('targets.benchmarkPercentile'),
      gapShare: num('targets.gapShare'),
      overYears: num('targets.overYears'),
    },
  };
}

/** How the indicator's target was set, in a sentence. */
function describeTarget(indicator: ReportedIndicator, facts: FrameworkFacts): string | null {
  const t = indicator.target;
  if (t === null) {
    if (indicator.rule === 'growth')
      return 'Growth has no target: points come from fixed bands of the mean student growth percentile.';
    return null;
  }
  const m = indicator.measure;
  const steps = `${formatMeasure(m, t.baseline)} in ${t.baselineYear}, ${t.increment >= 0 ? 'plus' : 'minus'} ${formatNumber(Math.abs(t.increment), 2)} a year`;
  if (t.source === 'stored')
    return `Target ${formatMeasure(m, t.value)}: the state’s stored target, from a baseline of ${steps}.`;
  const { benchmarkPercentile, gapShare, overYears } = facts.targets;
  const method =
    t.benchmark !== null && benchmarkPercentile !== null && gapShare !== null && overYears !== null
      ? ` (closing ${formatNumber(gapShare * 100, 0)}% of the gap to the statewide ${benchmarkPercentile}th percentile, ${formatMeasure(m, t.benchmark)}, over ${overYears} years)`
      : '';
  return `Target ${formatMeasure(m, t.value)}: set by the default method from the baseline of ${steps}${method}.`;
}

function ExplanationSection({
  report,
  settings,
  groupNames,
  suppressedBelow,
}: {
  report: ReportedOrgAccountability;
  settings: FrameworkFacts;
  groupNames: ReadonlyMap<string, string>;
  suppressedBelow: number;
}) {
  // The engine's steps name each indicator as `<group>, <span>: <label>`; those are shown with the indicators, from
  // the report's columns (where the public report withholds small groups), and the other steps follow in order.
  const indicatorSteps = new Map<string, ExplanationStep>();
  const engineGroup: Record<RatedGroup, string> = { all: 'all students', lowest: 'lowest performing students' };
  const engineSpan: Record<GradeSpan, string> = { nonhs: 'non-high-school grades', hs: 'high-school grades' };
  const stepName = (c: Column, label: string) => `${engineGroup[c.group]}, ${engineSpan[c.span]}: ${label}`;
  const names = new Set<string>();
  for (const c of report.columns) for (const i of c.indicators) names.add(stepName(c, i.label));
  for (const step of report.explanation) if (names.has(step.step)) indicatorSteps.set(step.step, step);
  const otherSteps = report.explanation.filter((s) => !names.has(s.step));
  const usedSettings = new Set<string>();
  for (const s of report.explanation) for (const k of s.settings ?? []) usedSettings.add(k);

  return (
    <section aria-labelledby="explanation-heading" className="margin-top-5">
      <h2 id="explanation-heading">Explanation</h2>
      <p className="ssos-readable">
        How each indicator’s points were decided, then every step from the points to the classification. Settings marked{' '}
        <em>unconfirmed</em> or <em>inferred</em> are the platform’s documented defaults where DESE publishes no rule.
      </p>
      {report.columns.map((c) => (
        <div key={`${c.span}-${c.group}`} className="ssos-explain-group">
          <h3>
            {groupLabels[c.group]}, {spanLabels[c.span].toLowerCase()}
          </h3>
          {c.unrated !== null ? <p>Not rated: {c.unrated}.</p> : null}
          <ul className="usa-list usa-list--unstyled">
            {c.indicators
              .filter((i) => i.unrated !== 'not-applicable')
              .map((i) => {
                const step = indicatorSteps.get(stepName(c, i.label));
                const target = describeTarget(i, settings);
                return (
                  <li
                    key={i.indicator}
                    id={indicatorAnchor(c.span, c.group, i.indicator)}
                    tabIndex={-1}
                    className="ssos-explain-item"
                  >
                    <h4 className="ssos-explain-item__title">
                      {i.label}:{' '}
                      {i.points !== null ? `${i.points} of 4 points` : i.suppressed ? 'not reported' : 'not rated'}
                    </h4>
                    <p>
                      {i.suppressed
                        ? `Fewer than ${suppressedBelow} students: the value is not shown to the public.`
                        : i.text || 'No explanation was recorded.'}
                    </p>
                    {target !== null && !i.suppressed ? <p>{target}</p> : null}
                    {i.dataYear !== report.year ? (
                      <p>
                        Data of {i.dataYear}, as used for {report.year}.
                      </p>
                    ) : null}
                    <SettingLinks keys={step?.settings ?? []} settings={settings.settings} />
                  </li>
                );
              })}
          </ul>
        </div>
      ))}

      {report.groupPercentiles.length > 0 ? (
        <>
          <h3>Student group percentiles</h3>
          <p className="ssos-readable">
            Each reporting group’s figure ranked among the same group in schools serving similar grades
            {settings.groupPercentileMax !== null
              ? `; a group at percentile ${settings.groupPercentileMax} or below is low performing`
              : ''}
            .
          </p>
          <Table compact caption={<span className="usa-sr-only">Student group percentiles</span>}>
            <thead>
              <tr>
                <th scope="col">Student group</th>
                <th scope="col" className="ssos-num">
                  Percentile
                </th>
                <th scope="col" className="ssos-num">
                  Schools compared
                </th>
              </tr>
            </thead>
            <tbody>
              {report.groupPercentiles.map((g) => (
                <tr key={g.group}>
                  <th scope="row">{groupNames.get(g.group) ?? g.group}</th>
                  <td className="ssos-num">
                    {settings.groupPercentileMax !== null && g.value <= settings.groupPercentileMax ? (
                      <strong>{g.value} (low performing)</strong>
                    ) : (
                      g.value
                    )}
                  </td>
                  <td className="ssos-num">{formatCount(g.comparedWith)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}

      <h3>From the points to the classification</h3>
      <ol className="ssos-steps">
        {otherSteps.map((s, index) => (
          <li key={index}>
            <strong>{capitalize(s.step)}:</strong> {humanizeGroups(s.text, groupNames)}
            <SettingLinks keys={s.settings ?? []} settings={settings.settings} />
          </li>
        ))}
      </ol>

      {usedSettings.size > 0 ? (
        <>
          <h3>Settings this report relies on</h3>
          <dl className="ssos-settings">
            {[...usedSettings].sort().map((key) => {
              const s = settings.settings[key];
              return (
                <div key={key} id={settingAnchor(key)} tabIndex={-1} className="ssos-settings__item">
                  <dt>
                    <code>{key}</code> <StatusTag status={s?.status ?? 'unknown'} />
                  </dt>
                  <dd>{s?.note ?? 'No note recorded.'}</dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}
    </section>
  );
}

function SettingLinks({ keys, settings }: { keys: readonly string[]; settings: FrameworkValues['settings'] }) {
  if (keys.length === 0) return null;
  return (
    <p className="ssos-setting-links">
      Relies on:{' '}
      {keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 ? ', ' : ''}
          <HashLink id={settingAnchor(k)} className="usa-link">
            {k}
          </HashLink>{' '}
          ({settings[k]?.status ?? 'see note'})
        </Fragment>
      ))}
    </p>
  );
}

function StatusTag({ status }: { status: string }) {
  return <span className={`usa-tag ssos-status ssos-status--${status}`}>{status}</span>;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Replaces student-group codes in the engine's sentences with their names (`high_needs` -> `High needs`). */
function humanizeGroups(text: string, groupNames: ReadonlyMap<string, string>): string {
  return text.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (code) => groupNames.get(code) ?? code);
}
