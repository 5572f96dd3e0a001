import { Link } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
} from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import {
  assistancePath,
  isAssistanceStaff,
  orgAssistancePath,
  partnersPath,
  pdPath,
  priorityPath,
  useMyAssistance,
  type Caseload,
  type StaffMember,
} from '../api/assistance.ts';
import { teamsPath } from '../api/assistance-teams.ts';
import { useSession } from '../api/auth.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { formatClassification } from '../components/accountability-format.tsx';
import { CurrentPlanCell, LastEngagement, OrgRowHeader } from '../components/assistance-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { formatDate, formatSchoolYear } from '../components/plan-format.tsx';
import { sections } from './sections.ts';

const section = sections.find((s) => s.path === assistancePath)!;

/** The work areas of assistance operations that are not tied to one region. */
const statewideAreas = [
  { to: partnersPath, label: 'Partner catalog', note: 'vetted external partners and the Conditions they address' },
  { to: pdPath, label: 'Professional development', note: 'offerings, sessions, registrations and waitlists' },
  { to: '/assistance/grants', label: 'Grants', note: 'programs, allocations, awards and spending' },
  { to: '/assistance/networks', label: 'Networks', note: 'networks and job-alike groups, members and meetings' },
  {
    to: '/assistance/recognition',
    label: 'Recognition in practice',
    note: 'demonstration sites paired with schools that require assistance',
  },
  {
    to: '/assistance/walkthroughs',
    label: 'Walkthroughs and calibration',
    note: 'observation instruments, classroom observations, observer agreement',
  },
] as const;

/**
 * The assistance area: for agency staff their place on a regional team, their caseload and the way to each
 * region's priority queue and engagement log, and the statewide work areas; for district and school leaders what
 * they may use; for everyone else why there is nothing here for them.
 */
export function AssistanceLandingPage() {
  useDocumentTitle(section.title);
  const session = useSession();
  const user = session.data?.user ?? null;
  return (
    <>
      <div className="ssos-readable">
        <h1>{section.title}</h1>
        <p className="usa-intro">{section.description[0]}</p>
        <p>{section.description[1]}</p>
      </div>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <Alert type="info" className="ssos-readable">
          <AlertHeading level="h2">Sign in to work on assistance</AlertHeading>
          <AlertText>
            The regional teams’ caseloads, the priority queue and the engagement log are for agency staff; district and
            school leaders see their own organization’s engagements, the partner catalog and professional development.{' '}
            <Link to={`/sign-in?next=${encodeURIComponent(assistancePath)}`} className="usa-link">
              Sign in
            </Link>
            .
          </AlertText>
        </Alert>
      ) : isAssistanceStaff(user) ? (
        <StaffView user={user} />
      ) : user.role === 'district_leader' || user.role === 'school_leader' ? (
        <LeaderView user={user} />
      ) : (
        <Alert type="info" className="ssos-readable">
          <AlertHeading level="h2">Assistance operations are not open to your account</AlertHeading>
          <AlertText>
            Regional teams, engagements, partners and professional development are for agency staff and for the leaders
            of districts and schools. Site-visit vendors find the visits assigned to them under{' '}
            <Link to="/improvement" className="usa-link">
              Improvement
            </Link>
            .
          </AlertText>
        </Alert>
      )}
    </>
  );
}

/** District and school leaders: their organization's engagements, the partner catalog and training. */
function LeaderView({ user }: { user: CurrentUser }) {
  const code = user.scope.orgCode;
  const name = user.scope.orgName ?? code ?? 'your organization';
  return (
    <section aria-labelledby="as-leader" className="margin-top-4 ssos-readable">
      <h2 id="as-leader">What you can use</h2>
      <p>
        Caseloads and the regional priority queue are for the agency’s staff. As a leader of {name} you can read the
        assistance your organization has received, find partners and register your people for training.
      </p>
      <ul className="usa-list">
        {code !== null ? (
          <li>
            <Link to={orgAssistancePath(code)} className="usa-link">
              Assistance to {name}
            </Link>
            : engagements with the regional team and partners suggested from your self-assessment
          </li>
        ) : null}
        <li>
          <Link to={partnersPath} className="usa-link">
            Partner catalog
          </Link>
          : vetted external partners and the Conditions they address
        </li>
        <li>
          <Link to={pdPath} className="usa-link">
            Professional development
          </Link>
          : offerings and sessions, and registration for your people
        </li>
      </ul>
    </section>
  );
}

/** Agency staff: their team and caseload, the regions they work in, and the statewide areas. */
function StaffView({ user }: { user: CurrentUser }) {
  const me = useMyAssistance();
  return (
    <>
      <section aria-labelledby="as-team" className="margin-top-4">
        <h2 id="as-team">Your team and caseload</h2>
        {me.isPending ? (
          <LoadingStatus>Loading your team…</LoadingStatus>
        ) : me.isError ? (
          <ErrorAlert heading="Your team could not be loaded" error={me.error} />
        ) : me.data.staff === null ? (
          <p className="ssos-readable">
            You are not on a regional assistance team, so you have no caseload.{' '}
            {user.role === 'regional_staff'
              ? 'Your regional director or a state administrator adds you to the team with your districts.'
              : 'State staff work across the regions below.'}
          </p>
        ) : (
          <>
            <Membership staff={me.data.staff} />
            {me.data.caseload !== null ? <CaseloadTable caseload={me.data.caseload} /> : null}
          </>
        )}
      </section>
      <Regions user={user} />
      <section aria-labelledby="as-areas" className="margin-top-5">
        <h2 id="as-areas">Across the state</h2>
        <ul className="usa-list">
          {statewideAreas.map((a) => (
            <li key={a.to}>
              <Link to={a.to} className="usa-link">
                {a.label}
              </Link>
              : {a.note}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Membership({ staff }: { staff: StaffMember }) {
  return (
    <SummaryBox className="ssos-readable">
      <SummaryBoxHeading headingLevel="h3">
        {staff.teamRoleLabel}, {staff.region.name}
      </SummaryBoxHeading>
      <SummaryBoxContent>
        {!staff.active ? <p className="text-bold">Your place on the team is marked inactive.</p> : null}
        <p>
          {staff.districts.length === 0
            ? 'No district is assigned to you yet.'
            : `Your districts: ${staff.districts.map((d) => d.name).join(', ')}.`}
        </p>
        <p>
          <Link to={priorityPath(staff.region.code)} className="usa-link ssos-strong-link">
            Priority queue of the {staff.region.name}
          </Link>
        </p>
      </SummaryBoxContent>
    </SummaryBox>
  );
}

/** The districts on a caseload and their schools: classification, last engagement with the alert, current plan. */
function CaseloadTable({ caseload }: { caseload: Caseload }) {
  if (caseload.items.length === 0) return <p>Your caseload is empty: no district is assigned to you.</p>;
  const alerts = caseload.items.filter((entry) => entry.alert !== null).length;
  return (
    <>
      <p className="ssos-readable">
        {alerts === 0
          ? 'No alert: every school and district requiring assistance has had an engagement'
          : `${alerts} ${alerts === 1 ? 'alert' : 'alerts'}: requiring assistance and no engagement`}{' '}
        in the last {caseload.alertDays} days (as of {formatDate(caseload.asOf)}).
      </p>
      <ScrollRegion label="Your caseload">
        <Table bordered fullWidth>
          <caption>
            Your caseload: your districts and their schools
            {caseload.run !== null
              ? `, classified in the ${formatSchoolYear(caseload.run.year)} accountability run`
              : ' (no official accountability run yet)'}
          </caption>
          <thead>
            <tr>
              <th scope="col">School or district</th>
              <th scope="col">Classification</th>
              <th scope="col">Last engagement</th>
              <th scope="col">Current plan</th>
            </tr>
          </thead>
          <tbody>
            {caseload.items.map((entry) => (
              <tr key={entry.org.code}>
                <OrgRowHeader entry={entry} />
                <td>{formatClassification(entry.classification, entry.category)}</td>
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
    </>
  );
}

/** The regions the user works in (regional staff: their own; state staff: each), with their queue and log. */
function Regions({ user }: { user: CurrentUser }) {
  const regional = user.role === 'regional_staff';
  const search = useOrgSearch({ level: 'region', limit: 50 }, { enabled: !regional });
  const own: OrgRef[] =
    regional && user.scope.orgCode !== null
      ? [{ code: user.scope.orgCode, name: user.scope.orgName ?? user.scope.orgCode, level: 'region' }]
      : [];
  return (
    <section aria-labelledby="as-regions" className="margin-top-5">
      <h2 id="as-regions">{regional ? 'Your region' : 'Regions'}</h2>
      <p>
        <Link to={teamsPath} className="usa-link ssos-strong-link">
          {regional ? `Staff the ${own[0]?.name ?? 'regional team'}` : 'Staff the regional teams'}
        </Link>
        : members, their roles and the districts on their caseloads
      </p>
      {regional ? (
        <RegionList regions={own} />
      ) : search.isPending ? (
        <LoadingStatus>Loading the regions…</LoadingStatus>
      ) : search.isError ? (
        <ErrorAlert heading="The regions could not be loaded" error={search.error} />
      ) : search.data.items.length === 0 ? (
        <p>No region is set up yet: a state administrator creates the regions and assigns districts to them.</p>
      ) : (
        <RegionList regions={search.data.items} />
      )}
    </section>
  );
}

function RegionList({ regions }: { regions: readonly OrgRef[] }) {
  return (
    <ul className="usa-list usa-list--unstyled">
      {regions.map((r) => (
        <li key={r.code} className="margin-bottom-2">
          <h3 className="margin-y-05 font-sans-md">{r.name}</h3>
          <Link to={priorityPath(r.code)} className="usa-link">
            Priority queue
          </Link>
          {' · '}
          <Link to={orgAssistancePath(r.code)} className="usa-link">
            Engagement log
          </Link>
        </li>
      ))}
    </ul>
  );
}
