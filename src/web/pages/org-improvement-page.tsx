import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Select, Table } from '@trussworks/react-uswds';
import type { OrgDetail } from '../../server/api/orgs.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  improvementSectionPath,
  useComparison,
  useHeatMap,
  useSelfAssessments,
  useSiteVisits,
  useSiteVisitTrends,
  type HeatMap,
} from '../api/improvement.ts';
import { useOrg } from '../api/orgs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  canRecordSelfAssessments,
  formatDate,
  levelLabel,
  ScaleKey,
  scoreStyle,
} from '../components/improvement-format.tsx';
import { SelfAssessmentTable, StartSelfAssessment } from '../components/improvement-self-assessments.tsx';
import { SiteVisitTable } from '../components/improvement-visit-list.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { orgPath } from '../components/org-format.ts';

/**
 * An organization's self-assessments by period (and a form to start one), the heat map of consensus ratings across
 * periods with a period-to-period comparison, and for a school its site visits and the trend per Turnaround Practice.
 */
export function OrgImprovementPage() {
  const { code = '' } = useParams();
  const org = useOrg(code);
  const heading = org.data !== undefined ? `${org.data.name}: self-assessment and improvement` : `Organization ${code}`;
  useDocumentTitle(heading);
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={improvementSectionPath}>
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>{org.data?.name ?? code}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {org.isPending ? (
        <LoadingStatus>Loading the organization…</LoadingStatus>
      ) : org.isError ? (
        isApiError(org.error, 'not_found', 'validation_failed') ? (
          <p className="usa-intro">There is no school or district with the code “{code}”.</p>
        ) : (
          <ErrorAlert heading="The organization could not be loaded" error={org.error} />
        )
      ) : (
        <OrgImprovementView org={org.data} />
      )}
    </>
  );
}

function OrgImprovementView({ org }: { org: OrgDetail }) {
  const user = useCurrentUser();
  const list = useSelfAssessments(org.code, { enabled: user !== null && user.role !== 'vendor' });
  const completedFrameworks = [
    ...new Set((list.data?.items ?? []).filter((s) => s.status === 'completed').map((s) => s.framework.code)),
  ];
  if (user === null)
    return (
      <p>
        <Link to={`/sign-in?next=${encodeURIComponent(`/orgs/${org.code}/improvement`)}`} className="usa-link">
          Sign in
        </Link>{' '}
        to see the self-assessments and site visits of {org.name}.
      </p>
    );
  return (
    <>
      <p className="ssos-h1-kicker">
        <Link to={orgPath(org.code)} className="usa-link">
          {org.name}
        </Link>{' '}
        · {org.typeLabel}
      </p>
      {org.level === 'school' || org.level === 'district' ? (
        <>
          <section aria-labelledby="oi-sa" className="margin-top-4">
            <h2 id="oi-sa">Self-assessments</h2>
            <SelfAssessmentTable code={org.code} orgName={org.name} />
            {canRecordSelfAssessments(user) && !isApiError(list.error, 'forbidden', 'out_of_scope') ? (
              <StartSelfAssessment code={org.code} level={org.level} />
            ) : null}
          </section>
          <section aria-labelledby="oi-history" className="margin-top-5">
            <h2 id="oi-history">Consensus ratings across periods</h2>
            {list.isPending ? null : completedFrameworks.length === 0 ? (
              <p>The heat map and the comparison show completed self-assessments: {org.name} has none completed yet.</p>
            ) : (
              <History code={org.code} frameworks={completedFrameworks} />
            )}
          </section>
        </>
      ) : (
        <p>Self-assessments and site visits belong to schools and districts: open one from the area’s start page.</p>
      )}
      {org.level === 'school' ? <Visits code={org.code} name={org.name} /> : null}
    </>
  );
}

function History({ code, frameworks }: { code: string; frameworks: string[] }) {
  const id = useId();
  const [framework, setFramework] = useState(frameworks[0]!);
  const heat = useHeatMap(code, framework);
  return (
    <>
      {frameworks.length > 1 ? (
        <div className="usa-form-group">
          <label className="usa-label" htmlFor={`${id}-fw`}>
            Framework
          </label>
          <Select
            id={`${id}-fw`}
            name="framework"
            value={framework}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFramework(e.target.value)}
          >
            {frameworks.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {heat.isPending ? (
        <LoadingStatus>Loading the heat map…</LoadingStatus>
      ) : heat.isError ? (
        <ErrorAlert heading="The heat map could not be loaded" error={heat.error} />
      ) : (
        <>
          <HeatMapTable heat={heat.data} />
          <ComparisonView key={framework} code={code} heat={heat.data} />
        </>
      )}
    </>
  );
}

function HeatMapTable({ heat }: { heat: HeatMap }) {
  return (
    <>
      <h3>Heat map</h3>
      <p className="ssos-readable usa-hint">
        Each cell is the team’s consensus rating in that period; darker is further along the scale.
      </p>
      <ScaleKey levels={heat.levels} />
      <div className="overflow-x-auto">
        <Table
          fullWidth
          bordered
          caption={`Consensus ratings of ${heat.org.name} by indicator and period (${heat.framework})`}
        >
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              {heat.periods.map((p) => (
                <th key={p} scope="col">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heat.rows.map((row) => (
              <tr key={row.indicatorCode}>
                <th scope="row" className="text-normal">
                  <span className="text-bold">{row.indicatorCode}</span> {row.title}
                </th>
                {row.cells.map((c) => (
                  <td key={c.period} style={scoreStyle(c.score)}>
                    {levelLabel(heat.levels, c.level)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}

const changeLabels: Record<string, string> = {
  improved: 'Improved',
  declined: 'Declined',
  unchanged: 'Unchanged',
  not_comparable: 'Not comparable',
};

function ComparisonView({ code, heat }: { code: string; heat: HeatMap }) {
  const id = useId();
  const periods = heat.periods;
  const [from, setFrom] = useState(periods.length >= 2 ? periods[periods.length - 2]! : (periods[0] ?? ''));
  const [to, setTo] = useState(periods[periods.length - 1] ?? '');
  const comparison = useComparison(code, { framework: heat.framework, from, to }, { enabled: periods.length >= 2 });
  if (periods.length < 2)
    return (
      <>
        <h3>Period-to-period comparison</h3>
        <p>
          A comparison needs two completed periods; {heat.org.name} has one so far ({periods[0]}).
        </p>
      </>
    );
  return (
    <>
      <h3>Period-to-period comparison</h3>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-3">
          <label className="usa-label" htmlFor={`${id}-from`}>
            From period
          </label>
          <Select
            id={`${id}-from`}
            name="from"
            value={from}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFrom(e.target.value)}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </div>
        <div className="tablet:grid-col-3">
          <label className="usa-label" htmlFor={`${id}-to`}>
            To period
          </label>
          <Select
            id={`${id}-to`}
            name="to"
            value={to}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setTo(e.target.value)}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {comparison.isPending ? (
        <LoadingStatus>Comparing…</LoadingStatus>
      ) : comparison.isError ? (
        <ErrorAlert heading="The periods could not be compared" error={comparison.error} />
      ) : (
        <>
          <p className="margin-top-2">
            From {comparison.data.from} to {comparison.data.to}: {comparison.data.counts.improved} improved,{' '}
            {comparison.data.counts.declined} declined, {comparison.data.counts.unchanged} unchanged,{' '}
            {comparison.data.counts.not_comparable} not comparable.
          </p>
          <Table fullWidth striped caption={`Consensus ratings in ${comparison.data.from} and ${comparison.data.to}`}>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">{comparison.data.from}</th>
                <th scope="col">{comparison.data.to}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {comparison.data.indicators.map((i) => (
                <tr key={i.indicatorCode}>
                  <th scope="row" className="text-normal">
                    <span className="text-bold">{i.indicatorCode}</span> {i.title}
                  </th>
                  <td>{levelLabel(heat.levels, i.from.level)}</td>
                  <td>{levelLabel(heat.levels, i.to.level)}</td>
                  <td>
                    {changeLabels[i.change]}
                    {i.difference !== null && i.difference !== 0
                      ? ` (${i.difference > 0 ? '+' : ''}${i.difference})`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </>
  );
}

function Visits({ code, name }: { code: string; name: string }) {
  const visits = useSiteVisits({ school: code });
  const trends = useSiteVisitTrends(code);
  return (
    <section aria-labelledby="oi-visits" className="margin-top-5">
      <h2 id="oi-visits">Site visits</h2>
      {visits.isPending ? (
        <LoadingStatus>Loading the site visits…</LoadingStatus>
      ) : visits.isError ? (
        <ErrorAlert heading="The site visits could not be loaded" error={visits.error} />
      ) : visits.data.items.length === 0 ? (
        <p>No site visit of {name} is recorded yet.</p>
      ) : (
        <SiteVisitTable
          visits={visits.data.items}
          showSchool={false}
          caption={`Site visits of ${name}, latest first`}
        />
      )}
      <h3>Trend per Turnaround Practice</h3>
      {trends.isPending ? (
        <LoadingStatus>Loading the trends…</LoadingStatus>
      ) : trends.isError ? (
        isApiError(trends.error, 'forbidden', 'out_of_scope') ? (
          <p>The trends are shown to the school side and the agency.</p>
        ) : (
          <ErrorAlert heading="The trends could not be loaded" error={trends.error} />
        )
      ) : trends.data.visits === 0 ? (
        <p>The trend per practice appears once a site visit of {name} is published.</p>
      ) : (
        <div className="overflow-x-auto">
          <ScaleKey levels={trends.data.levels} />
          <Table fullWidth bordered caption={`Mean rating per practice on each published visit of ${name}`}>
            <thead>
              <tr>
                <th scope="col">Practice</th>
                {trends.data.practices[0]?.points.map((p) => (
                  <th key={p.visitId} scope="col">
                    {formatDate(p.visitedOn)}
                    <span className="display-block text-normal">
                      {p.type === 'monitoring' ? 'Monitoring' : 'Targeted'}
                    </span>
                  </th>
                ))}
                <th scope="col">Change since the first visit</th>
              </tr>
            </thead>
            <tbody>
              {trends.data.practices.map((p) => (
                <tr key={p.practiceCode}>
                  <th scope="row" className="text-normal">
                    <span className="text-bold">{p.practiceCode}</span> {p.title}
                  </th>
                  {p.points.map((pt) => (
                    <td key={pt.visitId} style={scoreStyle(pt.meanScore)}>
                      {levelLabel(trends.data.levels, pt.level)}
                      {pt.meanScore !== null ? ` (${pt.meanScore.toFixed(1)})` : ''}
                    </td>
                  ))}
                  <td>{p.change === null ? 'One visit so far' : `${p.change > 0 ? '+' : ''}${p.change.toFixed(1)}`}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </section>
  );
}
