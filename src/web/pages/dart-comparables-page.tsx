import { useEffect, useMemo, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Table } from '@trussworks/react-uswds';
import type { ComparablesReport } from '../../server/api/dart.ts';
import type { IndicatorInfo } from '../../server/api/catalog.ts';
import { isApiError } from '../api/client.ts';
import { comparablesPath, dartPath, dartSectionPath, peersPath, useComparables, useDartSettings } from '../api/dart.ts';
import { describeComparisonGroup, formatIndicator, settingsNote } from '../components/dart-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useIndicatorCatalog } from '../components/indicator-definition.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { orgPath } from '../components/org-format.ts';
import { OrgPicker } from '../components/org-picker.tsx';

type Item = ComparablesReport['items'][number];
type Contribution = Item['contributions'][number];

function nouns(level: string): { one: string; many: string } {
  return level === 'school' ? { one: 'school', many: 'schools' } : { one: 'district', many: 'districts' };
}

/** A distance to two decimals. */
function formatDistance(d: number): string {
  return d.toFixed(2);
}

/** A standardized difference with its sign: `+0.31`, `−0.56`. */
function formatZ(z: number): string {
  const fixed = Math.abs(z).toFixed(2);
  return z > 0.005 ? `+${fixed}` : z < -0.005 ? `−${fixed}` : fixed;
}

/** The percentage a share is, to a whole number (`72%`), or `<1%` for a sliver. */
function formatShare(share: number): string {
  const pct = Math.round(share * 100);
  return pct === 0 && share > 0 ? '<1%' : `${pct}%`;
}

/** A characteristic's value, formatted as its indicator is (percent, count). */
function formatFeatureValue(catalog: ReadonlyMap<string, IndicatorInfo>, indicator: string, value: number): string {
  const def = catalog.get(indicator);
  return def !== undefined ? formatIndicator(def, value) : value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The characteristic that adds most to a distance. */
function largestContribution(item: Item): Contribution | undefined {
  return [...item.contributions].sort((a, b) => b.share - a.share)[0];
}

/**
 * The comparable districts or schools of one organization, nearest first, and why: for the chosen one (`?why=`),
 * each characteristic side by side, the standardized difference and its share of the distance; any other
 * organization of the group can be explained too. Then the method and its settings.
 */
export function DartComparablesPage() {
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const why = searchParams.get('why') ?? undefined;
  const base = useComparables(code);
  const items = base.data?.items ?? [];
  const whyInItems = why !== undefined && items.some((i) => i.org.code === why);
  // Only an organization that is not among the comparables needs the server to explain it (`with=`).
  const other = useComparables(code, why !== undefined && base.isSuccess && !whyInItems ? why : undefined);
  const data = base.data;
  const notFound = isApiError(base.error, 'not_found', 'route_not_found');
  const noun = nouns(data?.org.level ?? 'district');
  const heading =
    data !== undefined
      ? `${data.org.name}: comparable ${noun.many}`
      : notFound
        ? 'Not found'
        : 'Comparable organizations';
  useDocumentTitle(heading);

  const explained: Item | null | undefined =
    why === undefined
      ? items[0]
      : whyInItems
        ? items.find((i) => i.org.code === why)
        : other.data?.explained !== undefined && other.data.explained?.org.code === why
          ? other.data.explained
          : undefined;

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={dartSectionPath}>
            <span>DART</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={dartPath(data.org.code)}>
              <span>{data.org.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Comparable {noun.many}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {base.isPending ? (
        <LoadingStatus>Loading the comparable organizations…</LoadingStatus>
      ) : base.isError ? (
        notFound ? (
          <p className="usa-intro">{base.error.message}</p>
        ) : (
          <ErrorAlert heading="The comparable organizations could not be loaded" error={base.error} />
        )
      ) : (
        <ComparablesView
          data={data!}
          why={why}
          explained={explained ?? null}
          explaining={other.isFetching}
          explainError={why !== undefined && !whyInItems ? other.error : null}
          onWhy={(next) => setSearchParams(next === undefined ? {} : { why: next }, { preventScrollReset: true })}
        />
      )}
    </>
  );
}

function ComparablesView({
  data,
  why,
  explained,
  explaining,
  explainError,
  onWhy,
}: {
  data: ComparablesReport;
  why: string | undefined;
  explained: Item | null;
  explaining: boolean;
  explainError: Error | null;
  onWhy: (code: string | undefined) => void;
}) {
  const { org } = data;
  const noun = nouns(org.level);
  const catalog = useIndicatorCatalog();
  const group = data.group !== null ? describeComparisonGroup(org.level, data.group) : null;
  const exclude = useMemo(() => new Set([org.code]), [org.code]);
  const whyHeading = useRef<HTMLHeadingElement>(null);
  const firstWhy = useRef(why);
  // After choosing another organization to explain, start the reader at the explanation.
  useEffect(() => {
    if (why === firstWhy.current) return;
    firstWhy.current = why;
    whyHeading.current?.scrollIntoView({ block: 'start' });
    whyHeading.current?.focus({ preventScroll: true });
  }, [why]);

  return (
    <>
      <p className="ssos-h1-kicker">
        {group !== null ? `Compared within ${group}` : 'No comparison group'}
        {data.year !== null ? ` · characteristics of ${data.year}` : ''}
      </p>
      <p className="ssos-report-links">
        <Link to={dartPath(org.code)} className="usa-link">
          {org.name}’s DART
        </Link>
        <Link to={peersPath(org.code)} className="usa-link">
          Promising peers
        </Link>
        <Link to={orgPath(org.code)} className="usa-link">
          About {org.name}
        </Link>
      </p>
      <p className="usa-intro ssos-readable">
        {data.items.length === 0
          ? `No ${noun.many} could be compared with ${org.name}.`
          : `The ${data.items.length} ${data.items.length === 1 ? noun.one : noun.many} nearest to ${org.name} in enrollment characteristics, out of ${data.poolSize - 1} others in ${group ?? 'its group'} with the characteristics${data.year !== null ? ` for ${data.year}` : ''}.`}
      </p>

      {data.items.length > 0 ? (
        <section aria-labelledby="comparables-heading" className="margin-top-4">
          <h2 id="comparables-heading">Comparable {noun.many}, nearest first</h2>
          <Table
            fullWidth
            striped
            caption={
              <span className="usa-sr-only">
                Comparable {noun.many} of {org.name}, nearest first
              </span>
            }
          >
            <thead>
              <tr>
                <th scope="col" className="ssos-num">
                  Rank
                </th>
                <th scope="col">{noun.one === 'school' ? 'School' : 'District'}</th>
                <th scope="col" className="ssos-num">
                  Distance
                </th>
                <th scope="col">Differs most in</th>
                <th scope="col">
                  <span className="usa-sr-only">Explanation</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item, index) => {
                const largest = largestContribution(item);
                const current = explained?.org.code === item.org.code;
                return (
                  <tr key={item.org.code} className={current ? 'ssos-row-current' : undefined}>
                    <td className="ssos-num">{index + 1}</td>
                    <th scope="row">
                      <Link to={dartPath(item.org.code)} className="usa-link">
                        {item.org.name}
                      </Link>
                    </th>
                    <td className="ssos-num">{formatDistance(item.distance)}</td>
                    <td>{largest !== undefined ? `${largest.label}: ${formatShare(largest.share)}` : '—'}</td>
                    <td>
                      {current ? (
                        <span className="ssos-pick-list__detail">Explained below</span>
                      ) : (
                        <Link
                          to={comparablesPath(org.code, item.org.code)}
                          preventScrollReset
                          className="usa-link"
                          aria-label={`Why comparable: ${item.org.name}`}
                          onClick={(event) => {
                            event.preventDefault();
                            onWhy(item.org.code);
                          }}
                        >
                          Why comparable
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </section>
      ) : null}

      <section aria-labelledby="why-heading" className="margin-top-5 ssos-why">
        <h2 id="why-heading" ref={whyHeading} tabIndex={-1}>
          {explained !== null ? `Why ${explained.org.name} is comparable to ${org.name}` : 'Why comparable?'}
        </h2>
        {explaining && explained === null ? <LoadingStatus>Explaining…</LoadingStatus> : null}
        {explainError !== null ? (
          <ErrorAlert heading="That organization could not be explained" error={explainError} />
        ) : null}
        {explained !== null ? <WhyView org={org} item={explained} catalog={catalog} /> : null}
        <div className="ssos-readable margin-top-3">
          <OrgPicker
            level={org.level === 'school' ? 'school' : 'district'}
            label={`Explain the distance to another ${noun.one} of the group`}
            actionLabel="Explain"
            exclude={exclude}
            onPick={(picked) => onWhy(picked.code)}
          />
        </div>
      </section>

      {data.notCompared.length > 0 ? (
        <section aria-labelledby="not-compared-heading" className="margin-top-5 ssos-readable">
          <h2 id="not-compared-heading">Not compared</h2>
          <p>
            These {noun.many} of the group lack a characteristic for {data.year ?? 'the year'}:
          </p>
          <ul>
            {data.notCompared.map((n) => (
              <li key={n.org.code}>
                {n.org.name}: no {n.missing.join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <MethodSection data={data} />
    </>
  );
}

/** One comparable's distance, explained: each characteristic side by side, its difference and its share. */
function WhyView({
  org,
  item,
  catalog,
}: {
  org: ComparablesReport['org'];
  item: Item;
  catalog: ReadonlyMap<string, IndicatorInfo>;
}) {
  const largest = largestContribution(item);
  return (
    <>
      <p className="ssos-readable">
        Distance <strong>{formatDistance(item.distance)}</strong>: on average, {item.org.name} and {org.name} are about{' '}
        {formatDistance(item.distance)} standard deviations of the group apart on the characteristics below.
        {largest !== undefined
          ? ` They differ most in ${largest.label.toLowerCase()}, ${formatShare(largest.share)} of the distance.`
          : ''}
      </p>
      <div className="ssos-table-scroll">
        <Table
          fullWidth
          caption={`${org.name} and ${item.org.name}, characteristic by characteristic`}
          className="ssos-why-table"
        >
          <thead>
            <tr>
              <th scope="col">Characteristic</th>
              <th scope="col" className="ssos-num">
                {org.name}
              </th>
              <th scope="col" className="ssos-num">
                {item.org.name}
              </th>
              <th scope="col" className="ssos-num">
                Difference
                <span className="ssos-row-detail">in standard deviations</span>
              </th>
              <th scope="col">Share of the distance</th>
            </tr>
          </thead>
          <tbody>
            {item.contributions.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {c.label}
                  {c.weight !== 1 ? <span className="ssos-row-detail">weight {c.weight}</span> : null}
                </th>
                <td className="ssos-num">{formatFeatureValue(catalog, c.targetIndicator, c.targetValue)}</td>
                <td className="ssos-num">{formatFeatureValue(catalog, c.indicator, c.value)}</td>
                <td className="ssos-num">
                  {formatZ(c.zDifference)}
                  <span className="ssos-row-detail">
                    {Math.abs(c.zDifference) < 0.005
                      ? 'the same'
                      : c.zDifference > 0
                        ? 'theirs higher'
                        : 'theirs lower'}
                  </span>
                </td>
                <td>
                  <span className="ssos-share">
                    <span className="ssos-share__track" aria-hidden="true">
                      <span
                        className="ssos-share__bar"
                        style={{ width: `${Math.max(0, Math.min(1, c.share)) * 100}%` }}
                      />
                    </span>
                    <span className="ssos-share__value">{formatShare(c.share)}</span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <p className="usa-hint ssos-readable">
        Difference: their value minus {org.name}’s, on the common scale, divided by the group’s standard deviation.
        Share: how much of the (squared, weighted) distance the characteristic accounts for; the shares add up to 100%.
      </p>
    </>
  );
}

function MethodSection({ data }: { data: ComparablesReport }) {
  const settings = useDartSettings();
  return (
    <section aria-labelledby="method-heading" className="margin-top-5">
      <h2 id="method-heading">How the distance is computed</h2>
      <p className="ssos-readable">{data.method}</p>
      <div className="ssos-table-scroll">
        <Table fullWidth caption="Characteristics compared, with their scale and weight" className="ssos-weights-table">
          <thead>
            <tr>
              <th scope="col">Characteristic</th>
              <th scope="col">Indicators (first available)</th>
              <th scope="col">Scale</th>
              <th scope="col" className="ssos-num">
                Weight
              </th>
              <th scope="col" className="ssos-num">
                Group mean
                <span className="ssos-row-detail">on that scale</span>
              </th>
              <th scope="col" className="ssos-num">
                Standard deviation
                <span className="ssos-row-detail">over the group</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.features.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.label}</th>
                <td>
                  {f.indicators.map((code, i) => (
                    <span key={code}>
                      {i > 0 ? ', ' : ''}
                      <code>{code}</code>
                    </span>
                  ))}
                </td>
                <td>{f.transform === 'log' ? 'Logarithm' : 'As reported'}</td>
                <td className="ssos-num">{f.weight}</td>
                <td className="ssos-num">{f.mean.toFixed(2)}</td>
                <td className="ssos-num">{f.sd.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {data.droppedFeatures.length > 0 ? (
        <p className="ssos-readable">
          Left out because they do not vary across the group (or no one has them):{' '}
          {data.droppedFeatures.map((f) => f.label).join(', ')}.
        </p>
      ) : null}
      {settings.isSuccess ? (
        <>
          <p className="ssos-readable">
            Each DART compares with the {settings.data.settings.comparableCount} nearest. Promising peers need values in
            at least {settings.data.settings.peers.minYears} years, at least {settings.data.settings.peers.minN}{' '}
            students behind each value, and (for percentages) a yearly change at least{' '}
            {settings.data.settings.peers.noiseFactor} times its sampling noise.{' '}
            {settings.data.isDefault
              ? 'These are the default settings.'
              : 'A state administrator has changed these settings.'}
          </p>
          <p className="usa-hint ssos-readable">{settingsNote}</p>
        </>
      ) : null}
    </section>
  );
}
