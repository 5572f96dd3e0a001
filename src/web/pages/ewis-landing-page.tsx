import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
} from '@trussworks/react-uswds';
import { milestones } from '../../core/students/records.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import { useSession } from '../api/auth.ts';
import { ewisOrgPath, ewisSectionPath, ewisValidationPath, hasStudentAccess } from '../api/ewis.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { formatMilestone } from '../components/ewis-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { OrgPicker } from '../components/org-picker.tsx';
import { sections } from './sections.ts';

const section = sections.find((s) => s.path === ewisSectionPath)!;

/** The grades whose students are scored against each milestone. */
const milestoneGrades: Record<(typeof milestones)[number], string> = {
  reading_grade3: '1 to 3',
  middle_school_ready: '4 to 6',
  high_school_ready: '7 to 9',
  graduate_on_time: '10 to 12',
};

/**
 * The early-warning area: what the system is, and for a signed-in user with student access a way straight to the
 * students of their own scope (a school's roster, or a district's, region's or the state's summary) and to any
 * other school or district they may open; the validation of the models. Signed out, how to get in; vendors, why not.
 */
export function EwisLandingPage() {
  useDocumentTitle(section.title);
  const session = useSession();
  const user = session.data?.user ?? null;

  return (
    <>
      <div className="ssos-readable">
        <h1>{section.title}</h1>
        <p className="usa-intro">{section.description[0]}</p>
        <p>
          Each year a model per grade, trained on earlier students whose outcomes are known, estimates each student’s
          chance of reaching the next milestone from what is known before the year starts: attendance, suspensions,
          course marks, test scores, school changes and being held back. Students are placed at <strong>high</strong>,{' '}
          <strong>moderate</strong> or <strong>low</strong> risk, and each risk comes with the reasons behind it, in
          words. A risk level is not a life sentence: it is a reason to look closer and act, never to track a student or
          lower expectations.
        </p>
      </div>

      <section aria-labelledby="ewis-your-students" className="margin-top-4">
        <h2 id="ewis-your-students">Your students</h2>
        {session.isPending ? (
          <LoadingStatus>Checking who is signed in…</LoadingStatus>
        ) : user === null ? (
          <Alert type="info" className="ssos-readable">
            <AlertHeading level="h3">Sign in to see students</AlertHeading>
            <AlertText>
              {section.description[1]}{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(ewisSectionPath)}`} className="usa-link">
                Sign in
              </Link>{' '}
              with the account of your school, district, region or the agency.
            </AlertText>
          </Alert>
        ) : !hasStudentAccess(user) ? (
          <Alert type="warning" className="ssos-readable">
            <AlertHeading level="h3">Your role has no access to students</AlertHeading>
            <AlertText>
              {user.roleLabel}s work with the site visits assigned to them; early-warning results name students and are
              shown only to staff of the students’ own school, district, region or the agency.
            </AlertText>
          </Alert>
        ) : (
          <YourScope user={user} />
        )}
      </section>

      <section aria-labelledby="ewis-milestones" className="margin-top-5 ssos-readable">
        <h2 id="ewis-milestones">What is predicted</h2>
        <Table fullWidth caption="The milestone each grade’s students are scored against">
          <thead>
            <tr>
              <th scope="col">Grades</th>
              <th scope="col">Milestone</th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((m) => (
              <tr key={m}>
                <th scope="row">{milestoneGrades[m]}</th>
                <td>{formatMilestone(m, true)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p>
          Risk levels are set from outcomes: of students at high risk about 25% reached the milestone in the past, at
          moderate risk about 60%, at low risk about 90%.{' '}
          {user !== null ? (
            <Link to={ewisValidationPath()} className="usa-link">
              How well the models predict, by grade and by student group
            </Link>
          ) : (
            <>
              How well the models predict, by grade and by student group, is shown to signed-in users on{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(ewisValidationPath())}`} className="usa-link">
                the validation page
              </Link>
            </>
          )}
          .
        </p>
      </section>
    </>
  );
}

/** The signed-in user's own school, district, region or state, and a search for the others they may open. */
function YourScope({ user }: { user: CurrentUser }) {
  const navigate = useNavigate();
  const exclude = useMemo(() => new Set<string>(), []);
  const orgCode = user.scope.orgCode!;
  const orgName = user.scope.orgName ?? orgCode;
  const school = user.scope.level === 'school';
  const open = (code: string) => void navigate(ewisOrgPath(code));
  return (
    <>
      <SummaryBox className="ssos-readable">
        <SummaryBoxHeading headingLevel="h3">{orgName}</SummaryBoxHeading>
        <SummaryBoxContent>
          <p>
            <Link to={ewisOrgPath(orgCode)} className="usa-link ssos-strong-link">
              {school ? `Students of ${orgName}: the early-warning roster` : `Early-warning summary of ${orgName}`}
            </Link>
          </p>
          <p className="ssos-glance-note">
            {school
              ? 'Every student with a risk level, its reasons and the interventions recorded; filter, sort and download it.'
              : 'Students at each risk level by school, grade and student group, with each school’s roster a click away.'}
          </p>
        </SummaryBoxContent>
      </SummaryBox>
      {!school ? (
        <div className="grid-row grid-gap-lg margin-top-3">
          <div className="tablet:grid-col-6">
            <OrgPicker
              level="school"
              label="Open a school’s roster"
              actionLabel="Open"
              exclude={exclude}
              onPick={(o) => open(o.code)}
            />
          </div>
          {user.scope.level !== 'district' ? (
            <div className="tablet:grid-col-6">
              <OrgPicker
                level="district"
                label="Open a district’s summary"
                actionLabel="Open"
                exclude={exclude}
                onPick={(o) => open(o.code)}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
