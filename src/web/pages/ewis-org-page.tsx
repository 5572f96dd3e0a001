import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
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
import { milestoneOfGrade } from '../../core/ewis/features.ts';
import { milestones } from '../../core/students/records.ts';
import { riskLevels } from '../../core/ewis/risk-levels.ts';
import type { OrgDetail } from '../../server/api/orgs.ts';
import { isApiError } from '../api/client.ts';
import {
  ewisOrgPath,
  ewisRosterExportUrl,
  ewisSectionPath,
  ewisStudentPath,
  ewisValidationPath,
  rosterPageSizes,
  useEwisRoster,
  useEwisSummary,
  type EwisRoster,
  type EwisRosterItem,
  type EwisSummary,
  type RosterLevel,
  type RosterParams,
} from '../api/ewis.ts';
import { useOrg } from '../api/orgs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { EwisAccessProblem } from '../components/ewis-access.tsx';
import {
  formatGrade,
  formatMilestone,
  formatProbability,
  formatRiskLevel,
  formatSchoolYear,
  formatSummaryGroup,
  RiskLevelTag,
  riskLevelLabels,
  type RosterPageFilters,
  type RosterSort,
} from '../components/ewis-format.tsx';
import { Pagination } from '../components/ewis-pagination.tsx';
import { SortableHeader } from '../components/ewis-sort-header.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { orgPath } from '../components/org-format.ts';

/**
 * An organization's early-warning page: for a school, the roster of its students (risk level, chance of reaching the
 * milestone, key indicators, reasons, open interventions), filtered, sorted and downloadable; for a district, region
 * or the state, the summary by school, grade and student group, each school leading to its roster.
 */
export function EwisOrgPage() {
  const { code = '' } = useParams();
  const org = useOrg(code);
  const notFound = isApiError(org.error, 'not_found', 'route_not_found', 'validation_failed');
  const heading =
    org.data !== undefined ? `${org.data.name}: early warning` : notFound ? 'Organization not found' : 'Early warning';
  useDocumentTitle(heading);

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={ewisSectionPath}>
            <span>Early Warning</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {org.data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={orgPath(org.data.code)}>
              <span>{org.data.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>{org.data?.level === 'school' ? 'Roster' : 'Summary'}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {org.isPending ? (
        <LoadingStatus>Loading the organization…</LoadingStatus>
      ) : org.isError ? (
        notFound ? (
          <p className="usa-intro">There is no school, district or region with the code “{code}”.</p>
        ) : (
          <ErrorAlert heading="The organization could not be loaded" error={org.error} />
        )
      ) : org.data.level === 'school' ? (
        <RosterSection org={org.data} />
      ) : (
        <SummarySection org={org.data} />
      )}
    </>
  );
}

function runLine(run: { schoolYear: number; createdAt: string } | null): string {
  if (run === null) return 'No early-warning run yet';
  return `School year ${formatSchoolYear(run.schoolYear)} · computed ${new Date(run.createdAt).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' })}`;
}

// ---- a school's roster ----

/** The roster's filters as the URL and the form hold them ('' = any). */
interface RosterFilters extends RosterPageFilters {
  grade: string;
  level: '' | RosterLevel;
}

const noFilters: RosterFilters = { grade: '', level: '', milestone: '', interventions: '', q: '' };
const rosterSorts: readonly RosterSort[] = ['risk', 'student', 'grade', 'attendance', 'interventions'];
const levelChoices: readonly RosterLevel[] = [...riskLevels, 'not_available'];
// The order a column sorts in when first chosen: what a reader looking for students to help wants first.
const firstOrder: Record<RosterSort, 'asc' | 'desc'> = {
  risk: 'asc',
  student: 'asc',
  grade: 'asc',
  attendance: 'asc',
  interventions: 'desc',
};

function readFilters(params: URLSearchParams): RosterFilters {
  const grade = params.get('grade') ?? '';
  const level = params.get('level') ?? '';
  const interventions = params.get('interventions') ?? '';
  const milestone = params.get('milestone') ?? '';
  const q = (params.get('q') ?? '').trim();
  return {
    grade: /^(?:[1-9]|1[0-2])$/.test(grade) ? grade : '',
    level: (levelChoices as readonly string[]).includes(level) ? (level as RosterLevel) : '',
    milestone: (milestones as readonly string[]).includes(milestone) ? milestone : '',
    interventions: interventions === 'with' || interventions === 'without' ? interventions : '',
    // What the server accepts as part of a student identifier; anything else would only be refused.
    q: /^[A-Za-z0-9-]{1,20}$/.test(q) ? q : '',
  };
}

/** The page (1-based) and the students per page as the address holds them. */
function readPaging(params: URLSearchParams): { page: number; pageSize: number } {
  const page = params.get('page') ?? '';
  const pageSize = Number(params.get('pageSize'));
  return {
    page: /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
    pageSize: (rosterPageSizes.choices as readonly number[]).includes(pageSize) ? pageSize : rosterPageSizes.default,
  };
}

function buildParams(
  filters: RosterFilters,
  sort: RosterSort,
  order: 'asc' | 'desc',
  paging: { page: number; pageSize: number },
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['grade', 'level', 'milestone', 'interventions', 'q'] as const)
    if (filters[key] !== '') params.set(key, filters[key]);
  if (sort !== 'risk' || order !== 'asc') {
    params.set('sort', sort);
    params.set('order', order);
  }
  if (paging.page !== 1) params.set('page', String(paging.page));
  if (paging.pageSize !== rosterPageSizes.default) params.set('pageSize', String(paging.pageSize));
  return params;
}

function RosterSection({ org }: { org: OrgDetail }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const rawSort = searchParams.get('sort');
  const sort: RosterSort = rosterSorts.includes(rawSort as RosterSort) ? (rawSort as RosterSort) : 'risk';
  const order = searchParams.get('order') === 'desc' ? 'desc' : 'asc';
  const paging = readPaging(searchParams);
  const serverParams = {
    grade: filters.grade === '' ? undefined : Number(filters.grade),
    level: filters.level === '' ? undefined : filters.level,
    milestone: filters.milestone === '' ? undefined : filters.milestone,
    interventions: filters.interventions === '' ? undefined : filters.interventions,
    q: filters.q === '' ? undefined : filters.q,
    sort,
    order,
  } satisfies RosterParams;
  const roster = useEwisRoster(org.code, { ...serverParams, ...paging });
  // A new filter, order or page size starts again at page 1.
  const apply = (next: RosterFilters, nextSort = sort, nextOrder: 'asc' | 'desc' = order, pageSize = paging.pageSize) =>
    setSearchParams(buildParams(next, nextSort, nextOrder, { page: 1, pageSize }), { preventScrollReset: true });

  if (roster.isPending) return <LoadingStatus>Loading the roster…</LoadingStatus>;
  if (roster.isError && roster.data === undefined)
    return (
      <EwisAccessProblem error={roster.error} whose="this school’s students" failed="The roster could not be loaded" />
    );
  const data = roster.data!;
  return (
    <>
      <p className="ssos-h1-kicker">Early Warning Indicator System · {runLine(data.run)}</p>
      <p className="ssos-report-links">
        <Link to={orgPath(org.code)} className="usa-link">
          About {org.name}
        </Link>
        {org.parent !== null && org.parent.level === 'district' ? (
          <Link to={ewisOrgPath(org.parent.code)} className="usa-link">
            {org.parent.name}: district summary
          </Link>
        ) : null}
        <Link to={ewisValidationPath()} className="usa-link">
          How well the models predict
        </Link>
      </p>
      {roster.isError ? <ErrorAlert heading="The roster could not be updated" error={roster.error} /> : null}
      {data.run === null ? (
        <p className="usa-intro">No early-warning run has scored students yet.</p>
      ) : (
        <RosterView
          org={org}
          data={data}
          filters={filters}
          serverParams={serverParams}
          pageSize={paging.pageSize}
          pageAddress={(page) => `?${buildParams(filters, sort, order, { ...paging, page }).toString()}`}
          updating={roster.isFetching && roster.isPlaceholderData}
          onApply={apply}
        />
      )}
    </>
  );
}

function RosterView({
  org,
  data,
  filters,
  serverParams,
  pageSize,
  pageAddress,
  updating,
  onApply,
}: {
  org: OrgDetail;
  data: EwisRoster;
  filters: RosterFilters;
  serverParams: RosterParams & { sort: RosterSort; order: 'asc' | 'desc' };
  pageSize: number;
  pageAddress: (page: number) => string;
  updating: boolean;
  onApply: (filters: RosterFilters, sort?: RosterSort, order?: 'asc' | 'desc', pageSize?: number) => void;
}) {
  const status = useRef<HTMLParagraphElement>(null);
  const { sort, order } = serverParams;
  const rows = data.items;
  const header = {
    sort,
    order,
    onSort: (column: RosterSort) =>
      onApply(filters, column, column === sort ? (order === 'asc' ? 'desc' : 'asc') : firstOrder[column]),
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  const sortWords: Record<RosterSort, string> = {
    risk: order === 'asc' ? 'highest risk first' : 'lowest risk first',
    student: 'student identifier',
    grade: 'grade',
    attendance: 'attendance this year',
    interventions: 'open interventions',
  };
  const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'student' : 'students'}`;
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + rows.length - 1;
  const statusText = updating
    ? 'Loading…'
    : data.total === 0
      ? 'No students match these filters.'
      : rows.length === 0
        ? `Page ${data.page.toLocaleString('en-US')} is past the last page (${data.pages.toLocaleString('en-US')}) of ${count(data.total)}.`
        : `Showing ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${count(data.total)}${
            filtered ? ' matching the filters' : ''
          }, sorted by ${sortWords[sort]}.`;

  return (
    <>
      <SummaryBox className="ssos-ewis-glance">
        <SummaryBoxHeading headingLevel="h2">At a glance</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-snapshot">
            <div className="ssos-snapshot__item">
              <dt>Students{filtered ? ' matching' : ''}</dt>
              <dd>{data.total.toLocaleString('en-US')}</dd>
            </div>
            {riskLevels.map((level) => (
              <div key={level} className="ssos-snapshot__item">
                <dt>{riskLevelLabels[level]}</dt>
                <dd>{data.levels[level].toLocaleString('en-US')}</dd>
              </div>
            ))}
            {data.levels.notAvailable > 0 ? (
              <div className="ssos-snapshot__item">
                <dt>No risk level (N/A)</dt>
                <dd>{data.levels.notAvailable.toLocaleString('en-US')}</dd>
              </div>
            ) : null}
          </dl>
          <p className="ssos-glance-note">
            The chance shown is of reaching the student’s next milestone; high risk means the lowest chances. A risk
            level is a reason to look closer, never to lower expectations.
          </p>
        </SummaryBoxContent>
      </SummaryBox>

      <RosterFilterForm
        org={org}
        filters={filters}
        pageSize={pageSize}
        onApply={(next, nextPageSize) => onApply(next, sort, order, nextPageSize)}
      />

      <div className="ssos-export-bar" role="group" aria-label="Download the roster">
        <span className="ssos-export-bar__label">Download the roster:</span>
        <a
          className="usa-button usa-button--outline"
          href={ewisRosterExportUrl(org.code, serverParams, 'csv')}
          download
        >
          CSV
        </a>
        <a
          className="usa-button usa-button--outline"
          href={ewisRosterExportUrl(org.code, serverParams, 'xlsx')}
          download
        >
          Excel (XLSX)
        </a>
        <span className="usa-hint ssos-export-bar__note">
          Every student matching the filters, on every page, in the order shown; identifiers, risk, reasons, attendance,
          programs and interventions only (no race, address or birth date). Downloads are recorded.
        </span>
      </div>

      <p role="status" className="ssos-search-status" ref={status} tabIndex={-1}>
        {statusText}
      </p>
      {data.total === 0 ? null : rows.length === 0 ? (
        <p>
          <Link to={pageAddress(data.pages)} preventScrollReset className="usa-link">
            Go to the last page
          </Link>
        </p>
      ) : (
        <ScrollRegion label="Roster">
          <Table
            fullWidth
            striped
            stackedStyle="headers"
            className="ssos-roster-table"
            caption={`Early-warning roster of ${org.name}`}
          >
            <thead>
              <tr>
                <SortableHeader column="student" label="Student" {...header} />
                <SortableHeader column="grade" label="Grade and milestone" {...header} />
                <SortableHeader
                  column="risk"
                  label={
                    <>
                      Risk level<span className="usa-sr-only"> and chance of reaching the milestone</span>
                    </>
                  }
                  {...header}
                />
                <SortableHeader
                  column="attendance"
                  label={
                    <>
                      Key indicators<span className="usa-sr-only"> (sorts by attendance this year)</span>
                    </>
                  }
                  {...header}
                />
                <th scope="col" className="ssos-roster-table__reasons">
                  Top reasons
                </th>
                <SortableHeader column="interventions" label="Interventions" {...header} />
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <RosterRow key={item.studentId} item={item} />
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      <Pagination
        label="Pages of the roster"
        page={data.page}
        pages={data.pages}
        to={pageAddress}
        // The next page's students start at the top: the count of what is shown takes the focus there.
        onNavigate={() => status.current?.focus()}
      />
    </>
  );
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function RosterRow({ item }: { item: EwisRosterItem }) {
  const programs = [
    item.lowIncome ? 'low income' : null,
    item.englishLearner ? 'English learner' : null,
    item.disability ? 'disability' : null,
  ].filter((p): p is string => p !== null);
  return (
    <tr>
      <th scope="row" data-label="Student">
        <Link to={ewisStudentPath(item.studentId)} className="usa-link">
          {item.studentId}
        </Link>
      </th>
      <td data-label="Grade and milestone">
        Grade {formatGrade(item.grade)}
        <span className="ssos-row-detail">{formatMilestone(item.milestone)}</span>
      </td>
      <td data-label="Risk level">
        <RiskLevelTag level={item.riskLevel} />
        {item.probability !== null ? (
          <span className="ssos-row-detail">{formatProbability(item.probability)} chance of reaching it</span>
        ) : null}
      </td>
      <td data-label="Key indicators">
        {item.attendanceRate === null ? 'Attendance not recorded' : `${item.attendanceRate.toFixed(1)}% attendance`}
        <span className="ssos-row-detail">this year so far</span>
        {programs.length > 0 ? (
          <span className="ssos-roster-table__programs">Programs: {programs.join(', ')}</span>
        ) : null}
      </td>
      <td data-label="Top reasons" className="ssos-roster-table__reasons">
        {item.riskLevel === null ? (
          (item.naReason ?? 'No risk level')
        ) : item.reasons.length === 0 ? (
          'No indicator stands out'
        ) : (
          <ul className="ssos-reason-list">
            {item.reasons.map((r) => (
              <li key={r.reason}>{sentence(r.text)}</li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Interventions">
        {item.activeInterventions === 0 ? 'None open' : `${item.activeInterventions} open`}
      </td>
    </tr>
  );
}

/** The filter form's fields: the filters, and the students per page. */
type RosterDraft = RosterFilters & { pageSize: string };

function RosterFilterForm({
  org,
  filters,
  pageSize,
  onApply,
}: {
  org: OrgDetail;
  filters: RosterFilters;
  pageSize: number;
  onApply: (filters: RosterFilters, pageSize: number) => void;
}) {
  const key = JSON.stringify({ ...filters, pageSize: String(pageSize) });
  const [draft, setDraft] = useState(() => JSON.parse(key) as RosterDraft);
  // The address is the truth: back and forward (or a link) reset the form to it.
  useEffect(() => setDraft(JSON.parse(key) as RosterDraft), [key]);
  const grades = org.grades
    .filter((g) => /^\d+$/.test(g))
    .map(Number)
    .filter((g) => g >= 1 && g <= 12);
  const milestones = [...new Set(grades.map((g) => milestoneOfGrade(g)).filter((m) => m !== null))];
  const set = (field: keyof RosterDraft) => (event: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));

  return (
    <Form
      className="ssos-filter-form"
      aria-label="Filter the roster"
      onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const { pageSize: size, ...next } = draft;
        onApply({ ...next, q: next.q.trim() }, Number(size));
      }}
    >
      <div className="ssos-filter-grid">
        <div>
          <Label htmlFor="ewis-grade">Grade</Label>
          <Select id="ewis-grade" name="grade" value={draft.grade} onChange={set('grade')}>
            <option value="">All grades</option>
            {grades.map((g) => (
              <option key={g} value={String(g)}>
                Grade {g}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ewis-level">Risk level</Label>
          <Select id="ewis-level" name="level" value={draft.level} onChange={set('level')}>
            <option value="">Any risk level</option>
            {levelChoices.map((level) => (
              <option key={level} value={level}>
                {level === 'not_available' ? 'No risk level (N/A)' : formatRiskLevel(level)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ewis-milestone">Milestone</Label>
          <Select id="ewis-milestone" name="milestone" value={draft.milestone} onChange={set('milestone')}>
            <option value="">Any milestone</option>
            {milestones.map((m) => (
              <option key={m} value={m}>
                {formatMilestone(m)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ewis-interventions">Interventions</Label>
          <Select
            id="ewis-interventions"
            name="interventions"
            value={draft.interventions}
            onChange={set('interventions')}
          >
            <option value="">With or without</option>
            <option value="with">With an open intervention</option>
            <option value="without">Without an open intervention</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="ewis-q">Student identifier</Label>
          <TextInput
            id="ewis-q"
            name="q"
            type="text"
            value={draft.q}
            autoComplete="off"
            maxLength={20}
            pattern="[A-Za-z0-9\-]*"
            onChange={set('q')}
          />
        </div>
        <div>
          <Label htmlFor="ewis-page-size">Students per page</Label>
          <Select id="ewis-page-size" name="pageSize" value={draft.pageSize} onChange={set('pageSize')}>
            {rosterPageSizes.choices.map((size) => (
              <option key={size} value={String(size)}>
                {size}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="ssos-filter-actions">
        <Button type="submit">Apply filters</Button>
        <Button type="button" outline onClick={() => onApply(noFilters, pageSize)}>
          Clear filters
        </Button>
      </div>
    </Form>
  );
}

// ---- a district's, region's or the state's summary ----

type SchoolSort = 'name' | 'students' | 'high' | 'share';

function SummarySection({ org }: { org: OrgDetail }) {
  const summary = useEwisSummary(org.code);
  const whose =
    org.level === 'district'
      ? 'this district’s students'
      : org.level === 'region'
        ? 'this region’s students'
        : 'these students';
  if (summary.isPending) return <LoadingStatus>Loading the summary…</LoadingStatus>;
  if (summary.isError)
    return <EwisAccessProblem error={summary.error} whose={whose} failed="The summary could not be loaded" />;
  const data = summary.data;
  return (
    <>
      <p className="ssos-h1-kicker">Early Warning Indicator System · {runLine(data.run)}</p>
      <p className="ssos-report-links">
        <Link to={orgPath(org.code)} className="usa-link">
          About {org.name}
        </Link>
        <Link to={ewisValidationPath()} className="usa-link">
          How well the models predict
        </Link>
      </p>
      {data.run === null ? (
        <p className="usa-intro">No early-warning run has scored students yet.</p>
      ) : (
        <SummaryView data={data} />
      )}
    </>
  );
}

type Tally = EwisSummary['bySchool'][number];

function TallyCells({ t }: { t: Omit<Tally, 'code' | 'name'> }) {
  return (
    <>
      <td className="ssos-num" data-label="Students">
        {t.students.toLocaleString('en-US')}
      </td>
      <td className="ssos-num" data-label="High risk">
        {t.high.toLocaleString('en-US')}
      </td>
      <td className="ssos-num" data-label="Moderate risk">
        {t.moderate.toLocaleString('en-US')}
      </td>
      <td className="ssos-num" data-label="Low risk">
        {t.low.toLocaleString('en-US')}
      </td>
      <td className="ssos-num" data-label="N/A">
        {t.notAvailable.toLocaleString('en-US')}
      </td>
      <td data-label="Share at high risk">
        <span className="ssos-share">
          <span className="ssos-share__track" aria-hidden="true">
            <span
              className="ssos-share__bar"
              style={{ width: `${Math.max(0, Math.min(100, t.highSharePct ?? 0))}%` }}
            />
          </span>
          <span className="ssos-share__value">{t.highSharePct === null ? '—' : `${t.highSharePct.toFixed(1)}%`}</span>
        </span>
      </td>
    </>
  );
}

function TallyHead({ first }: { first: React.ReactNode }) {
  return (
    <tr>
      {first}
      <th scope="col" className="ssos-num">
        Students
      </th>
      <th scope="col" className="ssos-num">
        High risk
      </th>
      <th scope="col" className="ssos-num">
        Moderate risk
      </th>
      <th scope="col" className="ssos-num">
        Low risk
      </th>
      <th scope="col" className="ssos-num">
        N/A
      </th>
      <th scope="col">Share at high risk</th>
    </tr>
  );
}

function SummaryView({ data }: { data: EwisSummary }) {
  const [sort, setSort] = useState<SchoolSort>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const all = data.byGroup.find((g) => g.group === 'all');
  const schools = useMemo(() => {
    const value = (s: Tally) =>
      sort === 'name' ? s.name : sort === 'students' ? s.students : sort === 'high' ? s.high : (s.highSharePct ?? -1);
    const sign = order === 'asc' ? 1 : -1;
    return [...data.bySchool].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (typeof va === 'string' && typeof vb === 'string') return va.localeCompare(vb) * sign;
      return va === vb ? a.name.localeCompare(b.name) : (va < vb ? -1 : 1) * sign;
    });
  }, [data.bySchool, sort, order]);
  const onSort = (column: SchoolSort) => {
    setOrder(column === sort ? (order === 'asc' ? 'desc' : 'asc') : column === 'name' ? 'asc' : 'desc');
    setSort(column);
  };
  // Programs first, then race/ethnicity, then gender, as the other reports list them.
  const groupOrder = (group: string) =>
    ['low_income', 'english_learner', 'disability'].indexOf(group) + 1 || (group.startsWith('race:') ? 4 : 5);
  const groups = data.byGroup
    .filter((g) => g.group !== 'all')
    .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || (a.group < b.group ? -1 : 1));

  return (
    <>
      {all !== undefined ? (
        <SummaryBox className="ssos-ewis-glance">
          <SummaryBoxHeading headingLevel="h2">At a glance</SummaryBoxHeading>
          <SummaryBoxContent>
            <dl className="ssos-snapshot">
              <div className="ssos-snapshot__item">
                <dt>Students scored</dt>
                <dd>{all.students.toLocaleString('en-US')}</dd>
              </div>
              {riskLevels.map((level) => (
                <div key={level} className="ssos-snapshot__item">
                  <dt>{riskLevelLabels[level]}</dt>
                  <dd>{all[level].toLocaleString('en-US')}</dd>
                </div>
              ))}
              <div className="ssos-snapshot__item">
                <dt>Share at high risk</dt>
                <dd>{all.highSharePct === null ? '—' : `${all.highSharePct.toFixed(1)}%`}</dd>
              </div>
            </dl>
            <p className="ssos-glance-note">
              Counts only: no student is named here. The share at high risk is of the students with a risk level. Open a
              school’s roster to see its students.
            </p>
          </SummaryBoxContent>
        </SummaryBox>
      ) : null}

      <section aria-labelledby="ewis-by-school" className="margin-top-5">
        <h2 id="ewis-by-school">By school ({data.bySchool.length.toLocaleString('en-US')})</h2>
        <ScrollRegion label="By school">
          <Table
            fullWidth
            striped
            stackedStyle="headers"
            caption={`Students at each risk level by school, ${data.org.name}`}
          >
            <thead>
              <tr>
                <SortableHeader column="name" label="School" sort={sort} order={order} onSort={onSort} />
                <SortableHeader
                  column="students"
                  label="Students"
                  sort={sort}
                  order={order}
                  onSort={onSort}
                  className="ssos-num"
                />
                <SortableHeader
                  column="high"
                  label="High risk"
                  sort={sort}
                  order={order}
                  onSort={onSort}
                  className="ssos-num"
                />
                <th scope="col" className="ssos-num">
                  Moderate risk
                </th>
                <th scope="col" className="ssos-num">
                  Low risk
                </th>
                <th scope="col" className="ssos-num">
                  N/A
                </th>
                <SortableHeader column="share" label="Share at high risk" sort={sort} order={order} onSort={onSort} />
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.code}>
                  <th scope="row" data-label="School">
                    <Link to={ewisOrgPath(s.code)} className="usa-link">
                      {s.name}
                    </Link>
                    <span className="usa-sr-only">: roster</span>
                  </th>
                  <TallyCells t={s} />
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="ewis-by-grade" className="margin-top-5">
        <h2 id="ewis-by-grade">By grade</h2>
        <ScrollRegion label="By grade">
          <Table
            fullWidth
            striped
            stackedStyle="headers"
            caption={`Students at each risk level by grade, ${data.org.name}`}
          >
            <thead>
              <TallyHead
                first={
                  <>
                    <th scope="col">Grade</th>
                    <th scope="col">Milestone</th>
                  </>
                }
              />
            </thead>
            <tbody>
              {data.byGrade.map((g) => {
                const milestone = milestoneOfGrade(g.grade);
                return (
                  <tr key={g.grade}>
                    <th scope="row" data-label="Grade" className="text-no-wrap">
                      Grade {g.grade}
                    </th>
                    <td data-label="Milestone">{milestone !== null ? formatMilestone(milestone) : '—'}</td>
                    <TallyCells t={g} />
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="ewis-by-group" className="margin-top-5">
        <h2 id="ewis-by-group">By student group</h2>
        <p className="ssos-readable">
          Compare each group’s share at high risk with all students ({all?.highSharePct?.toFixed(1) ?? '—'}%). A group
          far above it may need support that reaches the whole group; the validation page shows whether the models err
          more for some groups than others.
        </p>
        <ScrollRegion label="By student group">
          <Table
            fullWidth
            striped
            stackedStyle="headers"
            caption={`Students at each risk level by student group, ${data.org.name}`}
          >
            <thead>
              <TallyHead first={<th scope="col">Student group</th>} />
            </thead>
            <tbody>
              {all !== undefined ? (
                <tr className="ssos-row-current">
                  <th scope="row" data-label="Student group">
                    All students
                  </th>
                  <TallyCells t={all} />
                </tr>
              ) : null}
              {groups.map((g) => (
                <tr key={g.group}>
                  <th scope="row" data-label="Student group">
                    {formatSummaryGroup(g.group)}
                  </th>
                  <TallyCells t={g} />
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      </section>
    </>
  );
}
