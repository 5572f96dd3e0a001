import { useId } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Select, Table } from '@trussworks/react-uswds';
import {
  assistancePath,
  isAssistanceStaff,
  priorityPath,
  usePriorityQueue,
  type PriorityQueue,
} from '../api/assistance.ts';
import { useSession } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { formatClassification, NoValue } from '../components/accountability-format.tsx';
import {
  CurrentPlanCell,
  formatScorePart,
  formatScore,
  formatShare,
  LastEngagement,
  OrgRowHeader,
  scorePartLabels,
} from '../components/assistance-format.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { formatDate, formatSchoolYear } from '../components/plan-format.tsx';

type Level = 'all' | 'school' | 'district';
const levelLabels: Record<Level, string> = {
  all: 'Schools and districts',
  school: 'Schools',
  district: 'Districts',
};

/**
 * A region's priority queue: its schools and districts requiring assistance first, then by score, each with the
 * parts of its score, its last engagement and the alert when one requiring assistance has gone too long without.
 */
export function AssistancePriorityPage() {
  const { code = '' } = useParams();
  const session = useSession();
  const user = session.data?.user ?? null;
  const queue = usePriorityQueue(code, useLevel()[0], { enabled: isAssistanceStaff(user) });
  const regionName = queue.data?.region.name ?? (user?.scope.orgCode === code ? user.scope.orgName : null);
  return (
    <AssistancePage
      crumbs={[{ label: 'Priority queue' }]}
      heading={regionName !== null ? `${regionName}: priority queue` : 'Priority queue'}
      here={priorityPath(code)}
      signInTo="see the priority queue"
    >
      {(signedIn) =>
        !isAssistanceStaff(signedIn) ? (
          <p className="ssos-readable">
            The priority queue is for the regional assistance teams and state staff. Your organization’s engagements are
            on the{' '}
            <Link to={assistancePath} className="usa-link">
              assistance page
            </Link>
            .
          </p>
        ) : queue.isPending ? (
          <LoadingStatus>Loading the priority queue…</LoadingStatus>
        ) : queue.isError ? (
          isApiError(queue.error, 'forbidden', 'out_of_scope') ? (
            <ErrorAlert heading="This region is not yours" error={queue.error} />
          ) : isApiError(queue.error, 'not_found', 'validation_failed') ? (
            <p className="usa-intro">There is no region with the code “{code}”.</p>
          ) : (
            <ErrorAlert heading="The priority queue could not be loaded" error={queue.error} />
          )
        ) : (
          <Queue queue={queue.data} />
        )
      }
    </AssistancePage>
  );
}

/** The level shown (schools and districts, or one of them), kept in the address as `?level=`. */
function useLevel(): [Level, (level: Level) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('level');
  const level: Level = raw === 'school' || raw === 'district' ? raw : 'all';
  return [level, (next) => setParams(next === 'all' ? {} : { level: next }, { replace: true })];
}

function Queue({ queue }: { queue: PriorityQueue }) {
  const id = useId();
  const [level, setLevel] = useLevel();
  return (
    <>
      <HowItWorks queue={queue} />
      <div className="usa-form-group maxw-mobile-lg">
        <label className="usa-label" htmlFor={`${id}-level`}>
          Show
        </label>
        <Select
          id={`${id}-level`}
          name="level"
          value={level}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setLevel(e.target.value as Level)}
        >
          {(Object.keys(levelLabels) as Level[]).map((l) => (
            <option key={l} value={l}>
              {levelLabels[l]}
            </option>
          ))}
        </Select>
      </div>
      <p role="status" className="margin-top-2">
        {queue.items.length} {queue.items.length === 1 ? 'organization' : 'organizations'};{' '}
        {queue.alerts === 0 ? 'no alert' : `${queue.alerts} ${queue.alerts === 1 ? 'alert' : 'alerts'}`}.
      </p>
      <QueueTable queue={queue} caption={`${levelLabels[level]} of the ${queue.region.name}, in priority order`} />
    </>
  );
}

/** How the order and the score come about, from the settings in force. */
function HowItWorks({ queue }: { queue: PriorityQueue }) {
  const { weights, missing, requiringAssistanceFirst, alertDays } = queue.settings;
  return (
    <div className="ssos-readable">
      <p>
        {queue.run === null
          ? 'No official accountability run exists yet, so no organization is classified.'
          : `Classifications and percentiles come from the official ${formatSchoolYear(queue.run.year)} accountability run`}
        {queue.run !== null && queue.ewisRun !== null
          ? `; the share of students at high risk from the ${formatSchoolYear(queue.ewisRun.year)} early-warning run.`
          : queue.run !== null
            ? '; there are no early-warning scores yet.'
            : ''}
      </p>
      <details className="margin-bottom-2">
        <summary className="text-bold">How the order and the score work</summary>
        <ul className="usa-list">
          {requiringAssistanceFirst ? (
            <li>Schools and districts requiring assistance or intervention come first, whatever their score.</li>
          ) : null}
          <li>
            The score (0 to 100) adds three parts, each a value from 0 to 1 times its weight: the classification (1 when
            requiring assistance; weight {weights.classification}), the percentile ((99 − percentile) / 98; weight{' '}
            {weights.percentile}) and the share of students at high early-warning risk (weight {weights.earlyWarning}),
            scaled so the weights counted sum to 100.
          </li>
          <li>
            {missing === 'redistribute'
              ? 'A part that is not known (no percentile, no early-warning scores) is left out, and the score rests on the parts that are known.'
              : 'A part that is not known (no percentile, no early-warning scores) counts as 0.'}
          </li>
          <li>Equal scores are ordered by percentile (lowest first), then by code.</li>
          <li>
            An alert marks an organization requiring assistance that has had no engagement in the last {alertDays} days,
            or none at all (as of {formatDate(queue.asOf)}).
          </li>
        </ul>
      </details>
    </div>
  );
}

function QueueTable({ queue, caption }: { queue: PriorityQueue; caption: string }) {
  if (queue.items.length === 0) return <p>The region has no open school or district.</p>;
  return (
    <ScrollRegion label="Priority queue">
      <Table bordered fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">School or district</th>
            <th scope="col">Classification</th>
            <th scope="col">Percentile</th>
            <th scope="col">High early-warning risk</th>
            <th scope="col" style={{ minWidth: '11rem' }}>
              Score and its parts
            </th>
            <th scope="col">Last engagement</th>
            <th scope="col">Current plan</th>
          </tr>
        </thead>
        <tbody>
          {queue.items.map((entry) => (
            <tr key={entry.org.code}>
              <td>{entry.rank}</td>
              <OrgRowHeader entry={entry} />
              <td>{formatClassification(entry.classification, entry.category)}</td>
              <td>{entry.percentile ?? <NoValue label="no percentile" />}</td>
              <td>{entry.highRiskShare === null ? <NoValue label="no scores" /> : formatShare(entry.highRiskShare)}</td>
              <td>
                <span className="text-bold font-sans-md">{formatScore(entry.score)}</span>
                <ul className="usa-list usa-list--unstyled margin-top-05" aria-label="Points from each part">
                  {entry.parts.map((part) => (
                    <li key={part.part} className="display-flex flex-justify">
                      <span>{scorePartLabels[part.part]}:</span>
                      <span className="margin-left-1 text-right">{formatScorePart(part, queue.settings.missing)}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <LastEngagement on={entry.lastEngagementOn} alert={entry.alert} />
              </td>
              <td>
                <CurrentPlanCell plan={entry.plan} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </ScrollRegion>
  );
}
