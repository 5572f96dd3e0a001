import { Link } from 'react-router';
import { Alert, AlertText, Tag } from '@trussworks/react-uswds';
import { daysBetween, isoDay } from '../../core/assistance/priority.ts';
import { frameworkCodes, type FrameworkCode, type PdKind } from '../../core/assistance/vocabulary.ts';
import type { PartnerStatus } from '../../core/assistance/partners.ts';
import {
  orgAssistancePath,
  type CaseloadEntry,
  type PdSession,
  type PriorityEntry,
  type PriorityQueue,
} from '../api/assistance.ts';
import { planPath } from '../api/plans.ts';
import { NoValue } from './accountability-format.tsx';
import { formatDate, formatGoalCounts, PlanStatusTag } from './plan-format.tsx';

export {
  engagementTypeLabels,
  engagementTypes,
  frameworkCodeList,
  pdContentAreaLabels,
  teamRoleLabels,
} from '../../core/assistance/vocabulary.ts';
export { partnerStatuses } from '../../core/assistance/partners.ts';

/** What each kind of professional development offering is called. */
export const pdKindLabels: Record<PdKind, string> = {
  course: 'Course',
  academy: 'Academy',
  institute: 'Institute',
  webinar: 'Webinar',
  conference: 'Conference',
};

/** What each partner status is called. */
export const partnerStatusLabels: Record<PartnerStatus, string> = {
  vetted: 'Vetted',
  provisional: 'Provisional',
  inactive: 'Inactive',
};

/** A Condition or Practice code as people say it: "Condition 4" / "Practice 2". */
export function frameworkCodeName(code: string): string {
  const m = /^(cse|tp)-(\d+)$/.exec(code);
  if (m === null) return code;
  return `${m[1] === 'cse' ? 'Condition' : 'Practice'} ${m[2]}`;
}

/** A Condition or Practice with its title: "Condition 4: Effective instruction". */
export function frameworkCodeLabel(code: string): string {
  const title = frameworkCodes[code as FrameworkCode] as string | undefined;
  return title === undefined ? code : `${frameworkCodeName(code)}: ${title}`;
}

/** Conditions and Practices as checkbox options, labelled "Condition 4: Effective instruction". */
export function codeOptions(codes: readonly FrameworkCode[]): { value: FrameworkCode; label: string }[] {
  return codes.map((c) => ({ value: c, label: frameworkCodeLabel(c) }));
}

/** A score of the priority queue, with one decimal. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** A share 0..1 as a whole percent ("22%"), or a dash when unknown. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** What each part of the priority score is called. */
export const scorePartLabels: Record<PriorityEntry['parts'][number]['part'], string> = {
  classification: 'Classification',
  percentile: 'Percentile',
  earlyWarning: 'Early warning',
};

/** The points one part of an entry's score gives, or how it counted when it is not known. */
export function formatScorePart(
  part: PriorityEntry['parts'][number],
  missing: PriorityQueue['settings']['missing'],
): string {
  if (part.value === null) return missing === 'zero' ? '0 (not known)' : 'left out';
  return part.points.toFixed(1);
}

// Tag colours, each at 4.5:1 or more against its text: green-cool-70v, gold-20v with ink, base-dark, red-60v.
const toneStyles = {
  positive: { backgroundColor: '#19311e', color: '#ffffff' },
  waiting: { backgroundColor: '#ffbe2e', color: '#1b1b1b' },
  neutral: { backgroundColor: '#565c65', color: '#ffffff' },
  alert: { backgroundColor: '#b50909', color: '#ffffff' },
} as const satisfies Record<string, React.CSSProperties>;

/** A tag whose words carry its meaning; the tone's colour is a second cue, never the only one. */
export function ToneTag({ tone, children }: { tone: keyof typeof toneStyles; children: React.ReactNode }) {
  return <Tag style={{ ...toneStyles[tone], textTransform: 'none', whiteSpace: 'nowrap' }}>{children}</Tag>;
}

/** The engagement alert as a tag whose words say what it is; a screen reader hears the whole sentence. */
export function EngagementAlertTag({ alert }: { alert: NonNullable<PriorityEntry['alert']> }) {
  return (
    <>
      <span aria-hidden="true">
        <ToneTag tone="alert">{alert.kind === 'never' ? 'Alert: none yet' : 'Alert: overdue'}</ToneTag>
      </span>
      <span className="usa-sr-only">Alert: {alert.message}</span>
    </>
  );
}

/** Free places of a session (never below 0). */
export function placesLeft(session: Pick<PdSession, 'capacity' | 'confirmed'>): number {
  return Math.max(0, session.capacity - session.confirmed);
}

/** Places of a session in words: "12 of 30 places left" / "Full (2 places)". */
export function describePlaces(session: Pick<PdSession, 'capacity' | 'confirmed'>): string {
  const left = placesLeft(session);
  const places = `${session.capacity} ${session.capacity === 1 ? 'place' : 'places'}`;
  return left === 0 ? `Full (${places})` : `${left} of ${places} left`;
}

/** A waitlist's length in words. */
export function describeWaitlist(waitlisted: number): string {
  return waitlisted === 0 ? 'No waitlist' : `${waitlisted} on the waitlist`;
}

/** The last engagement: its date and how long ago, or that there has been none; with the alert when one is due. */
export function LastEngagement({ on, alert }: { on: string | null; alert: PriorityEntry['alert'] }) {
  const days = on === null ? null : daysBetween(on, isoDay(new Date()));
  return (
    <>
      {on === null ? (
        <span>None yet</span>
      ) : (
        <span>
          {formatDate(on)}
          <span className="display-block text-base-dark">
            {days === 0 ? 'today' : `${days} ${days === 1 ? 'day' : 'days'} ago`}
          </span>
        </span>
      )}
      {alert !== null ? (
        <span className="display-block margin-top-05">
          <EngagementAlertTag alert={alert} />
        </span>
      ) : null}
    </>
  );
}

/** An organization's current plan: its status, its goals by progress, a link to it; a dash when it has none. */
export function CurrentPlanCell({ plan }: { plan: CaseloadEntry['plan'] | undefined }) {
  if (plan === null || plan === undefined) return <NoValue label="no plan" />;
  return (
    <>
      <Link to={planPath(plan.id)} className="usa-link">
        {plan.title}
      </Link>
      <span className="display-block margin-top-05">
        <PlanStatusTag status={plan.status} />
      </span>
      <span className="display-block">{formatGoalCounts(plan.goalCounts)}</span>
    </>
  );
}

/** A confirmation of what was just done, read out by screen readers. */
export function DoneNotice({ message, headingLevel = 'h2' }: { message: string; headingLevel?: 'h2' | 'h3' }) {
  return (
    <Alert type="success" slim headingLevel={headingLevel} role="status" className="margin-y-2">
      <AlertText>{message}</AlertText>
    </Alert>
  );
}

/** A school's or district's row header: its name, linking to its assistance page, and what it is. */
export function OrgRowHeader({ entry }: { entry: Pick<CaseloadEntry, 'org' | 'district'> }) {
  return (
    <th scope="row">
      <Link to={orgAssistancePath(entry.org.code)} className="usa-link">
        {entry.org.name}
      </Link>
      <span className="display-block text-normal text-base-dark">
        {entry.org.level === 'district' ? 'District' : `School, ${entry.district?.name ?? ''}`}
      </span>
    </th>
  );
}
