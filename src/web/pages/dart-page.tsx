import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Label,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  TextInput,
} from '@trussworks/react-uswds';
import type { DartIndicator, DartReport } from '../../server/api/dart.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  comparablesPath,
  dartExportUrl,
  dartPath,
  dartSectionPath,
  maxCompare,
  peersPath,
  readCompare,
  useComparisonSets,
  useDart,
  useDeleteComparisonSet,
  useSaveComparisonSet,
} from '../api/dart.ts';
import { LazyTrendChart } from '../charts/lazy-trend-chart.tsx';
import type { TrendSeries } from '../charts/trend-series.ts';
import {
  formatClassification,
  orgAccountabilityPath,
  requiresAssistance,
} from '../components/accountability-format.tsx';
import {
  DartValueText,
  describeChange,
  describeComparisonGroup,
  formatAxisValue,
  formatIndicator,
  formatN,
  SuppressedValue,
  suppressedText,
} from '../components/dart-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IndicatorDefinition } from '../components/indicator-definition.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { orgPath } from '../components/org-format.ts';
import { OrgPicker } from '../components/org-picker.tsx';

type Section = DartReport['sections'][number];

/** The id of a DART section on the page (the in-page navigation's targets). */
function sectionAnchor(id: string): string {
  return `dart-${id}`;
}

function levelNoun(level: OrgRef['level'], plural = false): string {
  if (level === 'school') return plural ? 'schools' : 'school';
  return plural ? 'districts' : 'district';
}

/**
 * A district's or school's DART: a snapshot, then every indicator by section with its latest value, its change in
 * words that follow its direction, a five-year trend beside the state and the comparison median (a chart, and the
 * same figures as a table), and the student groups of the latest year. The comparison is the computed comparable
 * organizations, or up to ten the reader chooses (`?compare=`), which signed-in readers can save.
 */
export function DartPage() {
  const { code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const compare = readCompare(searchParams.get('compare'));
  const dart = useDart(code, compare);
  const notFound = isApiError(dart.error, 'not_found', 'route_not_found');
  const data = dart.data;
  const heading =
    data !== undefined ? `${data.org.name}: DART` : notFound ? 'DART not found' : 'District Analysis and Review Tools';
  useDocumentTitle(heading);

  return (
    <>
      <BreadcrumbBar className="ssos-no-print">
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={dartSectionPath}>
            <span>DART</span>
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
          <span>District Analysis and Review Tools</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {dart.isPending ? (
        <LoadingStatus>Loading the DART…</LoadingStatus>
      ) : dart.isError && data === undefined ? (
        notFound ? (
          <>
            <p className="usa-intro">{dart.error.message}</p>
            <p>
              <Link to={dartSectionPath} className="usa-link">
                Find a district or school
              </Link>
            </p>
          </>
        ) : compare !== undefined ? (
          <>
            <ErrorAlert heading="That comparison could not be shown" error={dart.error} />
            <p>
              <Link to={dartPath(code)} className="usa-link">
                Show the DART with the computed comparable organizations
              </Link>
            </p>
          </>
        ) : (
          <ErrorAlert heading="The DART could not be loaded" error={dart.error} />
        )
      ) : (
        <>
          {dart.isError ? <ErrorAlert heading="That comparison could not be shown" error={dart.error} /> : null}
          <DartView data={data!} compare={compare} updating={dart.isFetching && dart.isPlaceholderData} />
        </>
      )}
    </>
  );
}

function DartView({ data, compare, updating }: { data: DartReport; compare: string[] | undefined; updating: boolean }) {
  const user = useCurrentUser();
  const { org } = data;
  const shown = data.sections.filter((s) => s.indicators.length > 0);
  const empty = data.sections.filter((s) => s.indicators.length === 0);
  const kicker = [
    'District Analysis and Review Tools',
    org.level === 'school' ? 'School' : 'District',
    org.gradeSpan !== '' ? `grades ${org.gradeSpan}` : null,
    org.district !== null ? `${org.district.name} district` : null,
  ].filter(Boolean);

  return (
    <>
      <p className="ssos-h1-kicker">{kicker.join(' · ')}</p>
      <p className="ssos-report-links ssos-no-print">
        <Link to={orgPath(org.code)} className="usa-link">
          About {org.name}
        </Link>
        <Link to={comparablesPath(org.code)} className="usa-link">
          Comparable {levelNoun(org.level, true)} and why
        </Link>
        <Link to={peersPath(org.code, undefined, compare)} className="usa-link">
          Promising peers
        </Link>
        <Link to="/dart/glossary" className="usa-link">
          Glossary of indicators
        </Link>
      </p>
      <ExportBar code={org.code} compare={compare} />
      {updating ? <LoadingStatus>Loading the comparison…</LoadingStatus> : null}
      <Snapshot data={data} />
      <ComparisonControl data={data} compare={compare} />
      {user === null ? (
        <p className="usa-hint ssos-readable">
          Values from fewer than {data.suppressedBelow} students are not shown to the public: they read “—{' '}
          {suppressedText(data.suppressedBelow).toLowerCase()}”, never zero, and are left out of the comparison median.
        </p>
      ) : null}
      <div className="grid-row grid-gap-lg margin-top-4">
        <nav aria-label="DART sections" className="desktop:grid-col-3 ssos-no-print ssos-dart-nav">
          <p className="ssos-dart-nav__title" aria-hidden="true">
            On this page
          </p>
          <ul className="usa-sidenav">
            {shown.map((section) => (
              <li key={section.id} className="usa-sidenav__item">
                <a href={`#${sectionAnchor(section.id)}`}>{section.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="desktop:grid-col-9 ssos-dart-body">
          {shown.map((section) => (
            <DartSectionView key={section.id} section={section} data={data} compare={compare} />
          ))}
          {empty.length > 0 ? (
            <section aria-labelledby="dart-not-reported" className="ssos-dart-section">
              <h2 id="dart-not-reported">Not reported for {org.name}</h2>
              <p>No values are recorded for these areas in the trend years:</p>
              <ul>
                {empty.map((section) => (
                  <li key={section.id}>
                    <strong>{section.label}</strong>: {section.unavailable.map((u) => u.label).join(', ')}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <p className="ssos-data-version">
            Trend years {data.years[0]}–{data.years[data.years.length - 1]}. Sources and definitions: the{' '}
            <Link to="/dart/glossary" className="usa-link">
              glossary of indicators
            </Link>
            .
          </p>
        </div>
      </div>
    </>
  );
}

/** The exports (CSV and XLSX, with the same comparison) and the print button. */
function ExportBar({ code, compare }: { code: string; compare: string[] | undefined }) {
  return (
    <div className="ssos-export-bar ssos-no-print" role="group" aria-label="Download or print">
      <span className="ssos-export-bar__label">Download the data:</span>
      <a className="usa-button usa-button--outline" href={dartExportUrl(code, 'csv', compare)} download>
        CSV
      </a>
      <a className="usa-button usa-button--outline" href={dartExportUrl(code, 'xlsx', compare)} download>
        Excel (XLSX)
      </a>
      <Button type="button" outline onClick={() => window.print()}>
        Print or save as PDF
      </Button>
    </div>
  );
}

/** The snapshot: grade span, enrollment, populations and the latest accountability result. */
function Snapshot({ data }: { data: DartReport }) {
  const { org, snapshot } = data;
  const accountability = snapshot.accountability;
  return (
    <SummaryBox className="ssos-dart-snapshot">
      <SummaryBoxHeading headingLevel="h2">
        Snapshot{snapshot.year !== null ? `, ${snapshot.year}` : ''}
      </SummaryBoxHeading>
      <SummaryBoxContent>
        <dl className="ssos-snapshot">
          <div className="ssos-snapshot__item">
            <dt>Grades</dt>
            <dd>{snapshot.gradeSpan !== '' ? snapshot.gradeSpan : 'Not recorded'}</dd>
          </div>
          <div className="ssos-snapshot__item">
            <dt>Enrollment</dt>
            <dd>{snapshot.enrollment !== null ? snapshot.enrollment.toLocaleString('en-US') : 'Not reported'}</dd>
          </div>
          {snapshot.populations.map((p) => (
            <div key={p.code} className="ssos-snapshot__item">
              <dt>{p.label}</dt>
              <dd>{p.value !== null ? formatIndicator({ unit: 'percent', decimals: 1 }, p.value) : 'Not reported'}</dd>
            </div>
          ))}
        </dl>
        <p className="ssos-snapshot__accountability">
          <strong>Accountability{accountability !== null ? ` ${accountability.year}` : ''}:</strong>{' '}
          {accountability === null ? (
            'no result in the latest official run.'
          ) : (
            <>
              <span className={requiresAssistance(accountability.classification) ? 'ssos-requiring' : undefined}>
                {formatClassification(accountability.classification)}
              </span>
              {accountability.reason !== null ? `: ${accountability.reason}` : ''}
              {accountability.percentile !== null ? ` (accountability percentile ${accountability.percentile})` : ''}.
            </>
          )}{' '}
          <Link to={orgAccountabilityPath(org.code, accountability?.year)} className="usa-link ssos-no-print">
            Accountability report
          </Link>
        </p>
      </SummaryBoxContent>
    </SummaryBox>
  );
}

/**
 * Who the comparison median stands on, and the "Compare with" control: choose up to ten organizations and apply
 * them; signed in, save the choice by name, and apply or delete saved sets.
 */
function ComparisonControl({ data, compare }: { data: DartReport; compare: string[] | undefined }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { org, comparison } = data;
  const [editing, setEditing] = useState(false);
  const nouns = levelNoun(org.level, true);
  const groupDetail = [
    comparison.group !== null ? describeComparisonGroup(org.level, comparison.group).replace(/^the /, '') : null,
    comparison.year !== null ? `as of ${comparison.year}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const heading = useRef<HTMLHeadingElement>(null);
  // A new comparison redraws the page below: the reader stays here, at the comparison's heading.
  const apply = (codes: readonly string[] | undefined) => {
    setEditing(false);
    void navigate(dartPath(org.code, codes), { preventScrollReset: true });
    heading.current?.focus({ preventScroll: true });
  };

  return (
    <section aria-labelledby="comparison-heading" className="ssos-compare ssos-readable margin-top-4">
      <h2 id="comparison-heading" ref={heading} tabIndex={-1}>
        Compared with
      </h2>
      {comparison.kind === 'computed' ? (
        <p>
          The comparison median is of the {comparison.members.length} {nouns} most like {org.name} in enrollment
          characteristics{groupDetail !== '' ? ` (${groupDetail})` : ''}.{' '}
          <Link to={comparablesPath(org.code)} className="usa-link ssos-no-print">
            Why are they comparable?
          </Link>
        </p>
      ) : (
        <p>
          The comparison median is of the {comparison.members.length}{' '}
          {comparison.members.length === 1 ? 'organization' : 'organizations'} you chose.{' '}
          <Link to={dartPath(org.code)} preventScrollReset className="usa-link ssos-no-print">
            Go back to the computed comparable {nouns}
          </Link>
        </p>
      )}
      {comparison.members.length > 0 ? (
        <ul className="ssos-member-list" aria-label="Organizations in the comparison">
          {comparison.members.map((m) => (
            <li key={m.code}>
              <Link to={dartPath(m.code)} className="usa-link">
                {m.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>No organization has the characteristics to compare with.</p>
      )}
      <div className="ssos-no-print">
        {editing ? (
          <ComparisonEditor
            org={org}
            initial={comparison.kind === 'custom' ? comparison.members : []}
            signedIn={user !== null}
            onApply={apply}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Button type="button" outline onClick={() => setEditing(true)}>
            Compare with other {nouns}
          </Button>
        )}
        {user !== null ? <SavedSets org={org} current={compare} onApply={apply} /> : null}
      </div>
    </section>
  );
}

/** Choose up to ten organizations: search and add, remove, apply (and, signed in, save by name). */
function ComparisonEditor({
  org,
  initial,
  signedIn,
  onApply,
  onCancel,
}: {
  org: DartReport['org'];
  initial: readonly OrgRef[];
  signedIn: boolean;
  onApply: (codes: readonly string[]) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<OrgRef[]>([...initial]);
  const heading = useRef<HTMLHeadingElement>(null);
  // The editor replaces the button that opened it: start the reader at its heading.
  useEffect(() => heading.current?.focus(), []);
  const [name, setName] = useState('');
  const save = useSaveComparisonSet();
  const level = org.level === 'school' ? 'school' : 'district';
  const exclude = useMemo(() => new Set([org.code, ...chosen.map((c) => c.code)]), [org.code, chosen]);
  const full = chosen.length >= maxCompare;
  const codes = chosen.map((c) => c.code);

  return (
    <div className="ssos-compare-editor" role="group" aria-labelledby="compare-editor-heading">
      <h3 id="compare-editor-heading" className="margin-top-0" ref={heading} tabIndex={-1}>
        Choose {level === 'district' ? 'districts' : 'schools'} to compare with
      </h3>
      <p className="usa-hint" aria-live="polite">
        {chosen.length} of {maxCompare} chosen.{full ? ' Remove one to add another.' : ''}
      </p>
      {chosen.length > 0 ? (
        <ul className="usa-list usa-list--unstyled ssos-pick-list" aria-label="Chosen for the comparison">
          {chosen.map((c) => (
            <li key={c.code} className="ssos-pick-list__item">
              <span>
                <strong>{c.name}</strong> <span className="ssos-pick-list__detail">{c.code}</span>
              </span>
              <Button
                type="button"
                unstyled
                aria-label={`Remove ${c.name}`}
                onClick={() => setChosen((list) => list.filter((x) => x.code !== c.code))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <OrgPicker
        level={level}
        label={`Find a ${level} to add`}
        actionLabel="Add"
        exclude={exclude}
        full={full}
        onPick={(picked) => setChosen((list) => (list.length >= maxCompare ? list : [...list, picked]))}
      />
      <div className="ssos-filter-actions">
        <Button type="button" disabled={chosen.length === 0} onClick={() => onApply(codes)}>
          Apply comparison
        </Button>
        <Button type="button" unstyled onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {signedIn ? (
        <form
          className="usa-form ssos-save-set"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ orgCode: org.code, name: name.trim(), members: codes }, { onSuccess: () => onApply(codes) });
          }}
        >
          <Label htmlFor="compare-set-name">Save this comparison as</Label>
          <span className="usa-hint" id="compare-set-name-hint">
            A name for the set, for example “Coastal K-12 districts”. A set of the same name is replaced.
          </span>
          <div className="ssos-search-row">
            <TextInput
              id="compare-set-name"
              name="name"
              type="text"
              value={name}
              maxLength={100}
              aria-describedby="compare-set-name-hint"
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setName(event.target.value)}
            />
            <Button type="submit" outline disabled={chosen.length === 0 || name.trim() === '' || save.isPending}>
              Save and apply
            </Button>
          </div>
          {save.isError ? <ErrorAlert heading="The comparison could not be saved" error={save.error} /> : null}
        </form>
      ) : (
        <p className="usa-hint">
          <Link to={`/sign-in?next=${encodeURIComponent(dartPath(org.code))}`} className="usa-link">
            Sign in
          </Link>{' '}
          to save a comparison by name.
        </p>
      )}
    </div>
  );
}

/** The signed-in user's saved comparison sets for this organization: apply or delete each. */
function SavedSets({
  org,
  current,
  onApply,
}: {
  org: DartReport['org'];
  current: string[] | undefined;
  onApply: (codes: readonly string[]) => void;
}) {
  const sets = useComparisonSets(org.code);
  const remove = useDeleteComparisonSet();
  const currentKey = current?.join(',') ?? '';
  if (sets.isPending) return <LoadingStatus>Loading your saved comparisons…</LoadingStatus>;
  if (sets.isError) return <ErrorAlert heading="Your saved comparisons could not be loaded" error={sets.error} />;
  return (
    <div className="margin-top-3">
      <h3 className="margin-bottom-1">Your saved comparisons for {org.name}</h3>
      {sets.data.items.length === 0 ? (
        <p className="usa-hint margin-top-0">None yet: choose organizations to compare with, then save them by name.</p>
      ) : (
        <Table fullWidth compact caption={<span className="usa-sr-only">Your saved comparisons for {org.name}</span>}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Organizations</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sets.data.items.map((set) => {
              const codes = set.members.map((m) => m.code);
              const applied = codes.join(',') === currentKey;
              return (
                <tr key={set.id}>
                  <th scope="row">{set.name}</th>
                  <td>{set.members.map((m) => m.name).join(', ')}</td>
                  <td className="ssos-row-actions">
                    {applied ? (
                      <span className="usa-tag">Applied</span>
                    ) : (
                      <Button type="button" unstyled aria-label={`Apply ${set.name}`} onClick={() => onApply(codes)}>
                        Apply
                      </Button>
                    )}
                    <Button
                      type="button"
                      unstyled
                      className="ssos-danger-link"
                      aria-label={`Delete ${set.name}`}
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(set.id)}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {remove.isError ? <ErrorAlert heading="The comparison could not be deleted" error={remove.error} /> : null}
    </div>
  );
}

function DartSectionView({
  section,
  data,
  compare,
}: {
  section: Section;
  data: DartReport;
  compare: string[] | undefined;
}) {
  const id = sectionAnchor(section.id);
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className="ssos-dart-section">
      <h2 id={`${id}-heading`}>{section.label}</h2>
      <p className="ssos-dart-section__description">{section.description}</p>
      {section.indicators.map((indicator) => (
        <IndicatorView key={indicator.code} indicator={indicator} data={data} compare={compare} />
      ))}
      {section.unavailable.length > 0 ? (
        <p className="ssos-unavailable">
          Not reported for {data.org.name} in these years: {section.unavailable.map((u) => u.label).join('; ')}.
        </p>
      ) : null}
    </section>
  );
}

/** The first and last values of a series, in words, for the chart's name. */
function describeSeries(name: string, indicator: DartIndicator, points: { year: number; value: number | null }[]) {
  const known = points.filter((p) => p.value !== null);
  if (known.length === 0) return `${name}: no values`;
  const first = known[0]!;
  const last = known[known.length - 1]!;
  if (known.length === 1) return `${name} ${formatIndicator(indicator, first.value)} in ${first.year}`;
  return `${name} from ${formatIndicator(indicator, first.value)} in ${first.year} to ${formatIndicator(indicator, last.value)} in ${last.year}`;
}

const changeIcons = { improved: '▲', declined: '▼', unchanged: '●', context: '◆' } as const;

function IndicatorView({
  indicator,
  data,
  compare,
}: {
  indicator: DartIndicator;
  data: DartReport;
  compare: string[] | undefined;
}) {
  const { org, years, suppressedBelow } = data;
  const headingId = `indicator-${indicator.code}`;
  const latest = indicator.latest;
  const latestPoint = latest !== null ? indicator.series.find((p) => p.year === latest.year) : undefined;
  const medianCount = Math.max(0, ...indicator.series.map((p) => p.comparableCount));
  const change = indicator.change !== null ? describeChange(indicator, indicator.change) : null;
  const format = (value: number) => formatIndicator(indicator, value);
  const formatAxis = (value: number) => formatAxisValue(indicator, value);
  // A count (enrollment) of the whole state dwarfs any one organization's: the chart leaves the state out.
  const chartsState = indicator.unit !== 'count';

  const series = useMemo<TrendSeries[]>(() => {
    const byYear = new Map(indicator.series.map((p) => [p.year, p]));
    const at = (pick: (p: DartIndicator['series'][number]) => number | null) =>
      years.map((y) => {
        const p = byYear.get(y);
        return p === undefined ? null : pick(p);
      });
    const lines: TrendSeries[] = [
      { kind: 'org', name: org.name, values: at((p) => (p.suppressed ? null : p.value)) },
      { kind: 'state', name: 'State', values: at((p) => p.state) },
      { kind: 'median', name: 'Comparison median', values: at((p) => p.comparableMedian) },
    ];
    return chartsState ? lines : lines.filter((l) => l.kind !== 'state');
  }, [indicator.series, years, org.name, chartsState]);

  const trendOf = (pick: (p: DartIndicator['series'][number]) => number | null) =>
    indicator.series.map((p) => ({ year: p.year, value: pick(p) }));
  const chartLabel = `${indicator.label}, ${years[0]} to ${years[years.length - 1]}: ${[
    describeSeries(
      org.name,
      indicator,
      trendOf((p) => (p.suppressed ? null : p.value)),
    ),
    chartsState
      ? describeSeries(
          'the state',
          indicator,
          trendOf((p) => p.state),
        )
      : 'the state’s total is left out of the chart',
    describeSeries(
      'the comparison median',
      indicator,
      trendOf((p) => p.comparableMedian),
    ),
  ].join('; ')}. The figures are in “The trend as a table” below.`;

  return (
    <article className="ssos-indicator" aria-labelledby={headingId}>
      <div className="ssos-indicator__head">
        <h3 id={headingId} className="ssos-indicator__title">
          {indicator.label}
        </h3>
        <IndicatorDefinition code={indicator.code} label={indicator.label} />
      </div>
      <div className="ssos-indicator__body">
        <div className="ssos-indicator__figures">
          <p className="ssos-indicator__latest">
            {latest === null ? (
              <span className="ssos-indicator__value">
                <span aria-hidden="true">—</span> <span className="ssos-withheld__why">no value</span>
              </span>
            ) : latest.suppressed ? (
              <span className="ssos-indicator__value ssos-indicator__value--withheld">
                <SuppressedValue below={suppressedBelow} />
              </span>
            ) : (
              <span className="ssos-indicator__value">{formatIndicator(indicator, latest.value)}</span>
            )}
            {latest !== null ? <span className="ssos-indicator__year"> in {latest.year}</span> : null}
          </p>
          {change !== null ? (
            <p className={`ssos-change ssos-change--${change.tone}`}>
              <span aria-hidden="true" className="ssos-change__icon">
                {changeIcons[change.tone]}
              </span>{' '}
              {change.text}
            </p>
          ) : null}
          {latestPoint !== undefined ? (
            <dl className="ssos-indicator__context">
              <div>
                <dt>State</dt>
                <dd>{latestPoint.state !== null ? format(latestPoint.state) : '—'}</dd>
              </div>
              <div>
                <dt>Comparison median</dt>
                <dd>
                  {latestPoint.comparableMedian !== null ? format(latestPoint.comparableMedian) : '—'}
                  {latestPoint.comparableCount > 0 ? (
                    <span className="ssos-indicator__of"> of {latestPoint.comparableCount}</span>
                  ) : null}
                </dd>
              </div>
              {latest !== null && latest.n !== null ? (
                <div>
                  <dt>Students</dt>
                  <dd>{formatN(latest.n)}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
          {indicator.direction !== 'context' ? (
            <p className="ssos-indicator__peers ssos-no-print">
              <Link to={peersPath(org.code, indicator.code, compare)} className="usa-link">
                Peers improving on this
              </Link>
            </p>
          ) : null}
        </div>
        <div className="ssos-indicator__chart">
          <LazyTrendChart label={chartLabel} years={years} series={series} format={format} formatAxis={formatAxis} />
        </div>
      </div>
      <LazyDetails summary="The trend as a table">
        <div className="ssos-table-scroll">
          <Table compact fullWidth caption={`${indicator.label}: trend`} className="ssos-trend-table">
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col" className="ssos-num">
                  {org.name}
                </th>
                <th scope="col" className="ssos-num">
                  Students
                </th>
                <th scope="col" className="ssos-num">
                  State
                </th>
                <th scope="col" className="ssos-num">
                  Comparison median
                  {medianCount > 0 ? <span className="ssos-row-detail">of up to {medianCount}</span> : null}
                </th>
              </tr>
            </thead>
            <tbody>
              {indicator.series.map((p) => (
                <tr key={p.year}>
                  <th scope="row">{p.year}</th>
                  <td className="ssos-num">
                    <DartValueText indicator={indicator} value={p} below={suppressedBelow} />
                  </td>
                  <td className="ssos-num">{formatN(p.n)}</td>
                  <td className="ssos-num">{p.state !== null ? format(p.state) : '—'}</td>
                  <td className="ssos-num">
                    {p.comparableMedian !== null ? format(p.comparableMedian) : '—'}
                    {p.comparableCount > 0 ? <span className="ssos-indicator__of"> ({p.comparableCount})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </LazyDetails>
      {indicator.groups.length > 0 && latest !== null ? (
        <LazyDetails
          summary={
            <>
              Student groups, {latest.year} ({indicator.groups.length})
            </>
          }
        >
          <div className="ssos-table-scroll">
            <Table compact fullWidth caption={`${indicator.label}: student groups, ${latest.year}`}>
              <thead>
                <tr>
                  <th scope="col">Student group</th>
                  <th scope="col" className="ssos-num">
                    {org.name}
                  </th>
                  <th scope="col" className="ssos-num">
                    Students
                  </th>
                  <th scope="col" className="ssos-num">
                    State
                  </th>
                </tr>
              </thead>
              <tbody>
                {indicator.groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row">{g.label}</th>
                    <td className="ssos-num">
                      <DartValueText indicator={indicator} value={g} below={suppressedBelow} />
                    </td>
                    <td className="ssos-num">{formatN(g.n)}</td>
                    <td className="ssos-num">{g.state !== null ? format(g.state) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </LazyDetails>
      ) : null}
    </article>
  );
}

/**
 * A disclosure whose content is built only once opened: each indicator has two tables a reader seldom opens, and a
 * DART has dozens of indicators.
 */
function LazyDetails({ summary, children }: { summary: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="ssos-details ssos-indicator__details"
      onToggle={(event: React.SyntheticEvent<HTMLDetailsElement>) => setOpen(event.currentTarget.open)}
    >
      <summary>{summary}</summary>
      {open ? children : null}
    </details>
  );
}
