import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Button, Form, Label, Select, Table } from '@trussworks/react-uswds';
import type { PeersReport } from '../../server/api/dart.ts';
import { comparablesPath, dartPath, dartSectionPath, readCompare, useDart, usePromisingPeers } from '../api/dart.ts';
import { roundHalfUp } from '../components/accountability-format.tsx';
import {
  directionLabels,
  formatChangeAmount,
  formatIndicator,
  formatN,
  unitLabels,
} from '../components/dart-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IndicatorDefinition } from '../components/indicator-definition.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

type Peer = PeersReport['items'][number];

/** Each status in words, with what it means. */
export const peerStatusLabels: Record<Peer['status'], { label: string; meaning: string }> = {
  promising: { label: 'Promising', meaning: 'Improving by more than sampling noise explains' },
  within_noise: { label: 'Within sampling noise', meaning: 'Improving, but by no more than chance could explain' },
  not_improving: { label: 'Not improving', meaning: 'Flat or moving the wrong way' },
  small_n: { label: 'Too few students', meaning: 'A year has fewer students than the guard asks for' },
  too_few_years: { label: 'Too few years', meaning: 'Not enough years of values for a trend' },
};

/** A slope per year in words that follow the direction: `improving 1.2 percentage points a year (down)`. */
function describeSlope(indicator: PeersReport['indicator'], slope: number | null, improvement: number | null): string {
  const cell = slopeCell(indicator, slope, improvement);
  return cell.trend === null || slope === null
    ? cell.amount
    : `${cell.trend} ${formatChangeAmount(indicator, slope)} a year`;
}

/** A slope as a table shows it: the signed amount (`−0.1 percentage points`) and its trend (`improving`). */
function slopeCell(
  indicator: PeersReport['indicator'],
  slope: number | null,
  improvement: number | null,
): { amount: string; number: string; trend: string | null } {
  if (slope === null || improvement === null) return { amount: 'No trend', number: '—', trend: null };
  const rounded = roundHalfUp(slope, indicator.decimals);
  if (rounded === 0) return { amount: 'No change', number: '0', trend: null };
  const sign = rounded > 0 ? '+' : '−';
  const size = Math.abs(rounded).toLocaleString('en-US', { minimumFractionDigits: indicator.decimals });
  return {
    amount: `${sign}${formatChangeAmount(indicator, rounded)}`,
    number: `${sign}${indicator.unit === 'dollars' ? '$' : ''}${size}`,
    trend: improvement > 0 ? 'improving' : 'worsening',
  };
}

/** The unit a slope column counts in. */
function slopeUnit(indicator: PeersReport['indicator']): string {
  switch (indicator.unit) {
    case 'percent':
      return 'percentage points';
    case 'score':
    case 'percentile':
    case 'index':
      return 'points';
    default:
      return unitLabels[indicator.unit].toLowerCase();
  }
}

/**
 * Promising peers on one indicator: the comparison organizations ranked by their trend over the DART's years, each
 * with its slope, its smallest number of students and a status in words, and the guard explained. Only indicators
 * with a direction can be chosen.
 */
export function DartPeersPage() {
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const indicator = searchParams.get('indicator') ?? undefined;
  const compare = readCompare(searchParams.get('compare'));
  const dart = useDart(code, compare);
  const peers = usePromisingPeers(code, indicator, compare);
  const org = dart.data?.org;
  const heading = org !== undefined ? `${org.name}: promising peers` : 'Promising peers';
  useDocumentTitle(heading);
  const choices = (dart.data?.sections ?? []).flatMap((s) =>
    s.indicators.filter((i) => i.direction !== 'context').map((i) => ({ ...i, section: s.label })),
  );
  const [choice, setChoice] = useState(indicator ?? '');
  useEffect(() => setChoice(indicator ?? ''), [indicator]);

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={dartSectionPath}>
            <span>DART</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {org !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={dartPath(org.code, compare)}>
              <span>{org.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Promising peers</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      <p className="usa-intro ssos-readable">
        Organizations in the comparison that have improved on an indicator over the last years, so that you can learn
        from one that did. Small groups and changes within sampling noise are marked, not ranked as promising.
      </p>
      {dart.isPending ? (
        <LoadingStatus>Loading the indicators…</LoadingStatus>
      ) : dart.isError && dart.data === undefined ? (
        <ErrorAlert heading="The DART could not be loaded" error={dart.error} />
      ) : (
        <>
          <p className="ssos-report-links">
            <Link to={dartPath(code, compare)} className="usa-link">
              {org!.name}’s DART
            </Link>
            <Link to={comparablesPath(code)} className="usa-link">
              Comparable organizations and why
            </Link>
          </p>
          <p>
            {dart.data!.comparison.kind === 'custom'
              ? `Peers are the ${dart.data!.comparison.members.length} organizations you chose to compare with.`
              : `Peers are the ${dart.data!.comparison.members.length} computed comparable organizations.`}
          </p>
          <Form
            className="ssos-year-form ssos-peers-form"
            aria-label="Choose an indicator"
            onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
              event.preventDefault();
              const params = new URLSearchParams();
              if (choice !== '') params.set('indicator', choice);
              if (compare !== undefined) params.set('compare', compare.join(','));
              setSearchParams(params);
            }}
          >
            <Label htmlFor="peers-indicator">Indicator</Label>
            <span className="usa-hint" id="peers-indicator-hint">
              Only indicators where higher or lower is better
            </span>
            <Select
              id="peers-indicator"
              name="indicator"
              value={choice}
              aria-describedby="peers-indicator-hint"
              onChange={(event: React.ChangeEvent<HTMLSelectElement>) => setChoice(event.target.value)}
            >
              <option value="">- Choose an indicator -</option>
              {dart.data!.sections.map((s) => {
                const options = choices.filter((c) => c.section === s.label);
                return options.length === 0 ? null : (
                  <optgroup key={s.id} label={s.label}>
                    {options.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </Select>
            <Button type="submit">Show peers</Button>
          </Form>
          {indicator === undefined ? (
            <p className="margin-top-3">Choose an indicator to rank the peers on it.</p>
          ) : peers.isPending ? (
            <LoadingStatus>Ranking the peers…</LoadingStatus>
          ) : peers.isError ? (
            <ErrorAlert heading="The peers could not be ranked" error={peers.error} />
          ) : (
            <PeersView report={peers.data} updating={peers.isFetching && peers.isPlaceholderData} />
          )}
        </>
      )}
    </>
  );
}

function PeersView({ report, updating }: { report: PeersReport; updating: boolean }) {
  const { indicator, guard, org } = report;
  const promising = report.items.filter((i) => i.status === 'promising').length;
  const format = (v: number) => formatIndicator(indicator, v);
  return (
    <section aria-labelledby="peers-heading" className="margin-top-4">
      {updating ? <LoadingStatus>Loading…</LoadingStatus> : null}
      <div className="ssos-indicator__head">
        <h2 id="peers-heading" className="margin-0">
          {indicator.label}, {report.years[0]}–{report.years[report.years.length - 1]}
        </h2>
        <IndicatorDefinition code={indicator.code} label={indicator.label} />
      </div>
      <p className="ssos-readable">
        {directionLabels[indicator.direction]}. {org.name}’s own trend:{' '}
        <strong>{describeSlope(indicator, report.self.slope, report.self.improvement).toLowerCase()}</strong>.{' '}
        {promising === 0
          ? 'No peer is promising on this indicator.'
          : `${promising} ${promising === 1 ? 'peer is' : 'peers are'} promising.`}
      </p>
      <div className="ssos-table-scroll">
        <Table fullWidth striped caption={`Peers ranked by improvement in ${indicator.label.toLowerCase()}`}>
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Status</th>
              <th scope="col" className="ssos-num">
                Change per year
                <span className="ssos-row-detail">{slopeUnit(indicator)}</span>
              </th>
              {report.years.map((y) => (
                <th key={y} scope="col" className="ssos-num">
                  {y}
                </th>
              ))}
              <th scope="col" className="ssos-num">
                Fewest students
              </th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((peer) => {
              const byYear = new Map(peer.points.map((p) => [p.year, p]));
              const status = peerStatusLabels[peer.status];
              const slope = slopeCell(indicator, peer.slope, peer.improvement);
              return (
                <tr key={peer.org.code}>
                  <th scope="row">
                    <Link to={dartPath(peer.org.code)} className="usa-link">
                      {peer.org.name}
                    </Link>
                  </th>
                  <td>
                    <span className={`ssos-peer-status ssos-peer-status--${peer.status}`}>{status.label}</span>
                  </td>
                  <td className="ssos-num">
                    {slope.number}
                    {slope.trend !== null ? <span className="ssos-row-detail">{slope.trend}</span> : null}
                  </td>
                  {report.years.map((y) => {
                    const p = byYear.get(y);
                    return (
                      <td key={y} className="ssos-num">
                        {p !== undefined ? (
                          format(p.value)
                        ) : (
                          <>
                            <span aria-hidden="true">—</span>
                            <span className="usa-sr-only">no value</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                  <td className="ssos-num">{formatN(peer.smallestN)}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </div>
      <h3>What the statuses mean</h3>
      <dl className="ssos-settings">
        {Object.entries(peerStatusLabels).map(([key, s]) => (
          <div key={key} className="ssos-settings__item">
            <dt>{s.label}</dt>
            <dd>{s.meaning}.</dd>
          </div>
        ))}
      </dl>
      <h3>The guard</h3>
      <ul className="ssos-readable">
        <li>
          A trend needs values in at least <strong>{guard.minYears}</strong> of the years; with fewer it reads “
          {peerStatusLabels.too_few_years.label}”.
        </li>
        <li>
          Each value must stand on at least <strong>{guard.minN}</strong> students; otherwise it reads “
          {peerStatusLabels.small_n.label}”, because a handful of students can swing a percentage by chance.
        </li>
        {indicator.unit === 'percent' ? (
          <li>
            The yearly improvement must be at least <strong>{guard.noiseFactor}</strong> times its sampling noise (the
            standard error a slope of that many students would have by chance); smaller improvements read “
            {peerStatusLabels.within_noise.label}”.
          </li>
        ) : null}
        <li>Peers with no value in a year show “—” for it; signed out, values of small groups are not shown.</li>
      </ul>
    </section>
  );
}
