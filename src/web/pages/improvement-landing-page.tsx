import { useId, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Button,
  Checkbox,
  Fieldset,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
} from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { useSession } from '../api/auth.ts';
import { frameworkLibraryPath } from '../api/frameworks.ts';
import {
  improvementSectionPath,
  orgImprovementPath,
  siteVisitPath,
  useScheduleSiteVisit,
  useSiteVisits,
  useVendors,
} from '../api/improvement.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  apiFieldError,
  described,
  Field,
  isStateUser,
  siteVisitTypeLabels,
  todayIso,
} from '../components/improvement-format.tsx';
import { SelfAssessmentTable } from '../components/improvement-self-assessments.tsx';
import { SiteVisitTable } from '../components/improvement-visit-list.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { OrgPicker } from '../components/org-picker.tsx';
import { sections } from './sections.ts';

const section = sections.find((s) => s.path === improvementSectionPath)!;

/**
 * The improvement area: the user's own organization's self-assessments and site visits; for a vendor the visits
 * assigned to them; for state staff every visit and a form to schedule one.
 */
export function ImprovementLandingPage() {
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
          <AlertHeading level="h2">Sign in to see self-assessments and site visits</AlertHeading>
          <AlertText>
            Self-assessments and site-visit feedback are shown to the organization’s own leaders, its district, its
            regional team, the agency and the vendors assigned to a visit.{' '}
            <Link to={`/sign-in?next=${encodeURIComponent(improvementSectionPath)}`} className="usa-link">
              Sign in
            </Link>
            .
          </AlertText>
        </Alert>
      ) : user.role === 'vendor' ? (
        <>
          <AssignedVisits />
          <FrameworkLibraryLink user={user} />
        </>
      ) : (
        <>
          {user.scope.orgCode !== null && (user.scope.level === 'school' || user.scope.level === 'district') ? (
            <OwnOrganization user={user} />
          ) : (
            <>
              <PlansToReview />
              <OpenOrganization />
            </>
          )}
          {isStateUser(user) ? <ScheduleVisit /> : null}
          <VisitsInScope user={user} />
          <FrameworkLibraryLink user={user} />
        </>
      )}
    </>
  );
}

/** The way to the framework library: read by everyone, changed by state administrators. */
function FrameworkLibraryLink({ user }: { user: CurrentUser }) {
  return (
    <section aria-labelledby="imp-frameworks" className="margin-top-5">
      <h2 id="imp-frameworks">Frameworks</h2>
      <p className="ssos-readable">
        <Link to={frameworkLibraryPath} className="usa-link ssos-strong-link">
          Framework library
        </Link>
        : the Conditions for School Effectiveness, the District Standards and Indicators, the Turnaround Practices and
        the behavioral health tools, each with its rating scale and versions
        {user.role === 'state_admin' ? '; correct their wording in a new version and publish it' : ''}.
      </p>
    </section>
  );
}

function AssignedVisits() {
  const visits = useSiteVisits();
  return (
    <section aria-labelledby="imp-assigned" className="margin-top-4">
      <h2 id="imp-assigned">Site visits assigned to you</h2>
      {visits.isPending ? (
        <LoadingStatus>Loading your site visits…</LoadingStatus>
      ) : visits.isError ? (
        <ErrorAlert heading="The site visits could not be loaded" error={visits.error} />
      ) : visits.data.items.length === 0 ? (
        <p>No site visit is assigned to you yet. The agency assigns vendors when it schedules a visit.</p>
      ) : (
        <SiteVisitTable visits={visits.data.items} caption="Site visits assigned to you, latest first" />
      )}
    </section>
  );
}

function OwnOrganization({ user }: { user: CurrentUser }) {
  const code = user.scope.orgCode!;
  const name = user.scope.orgName ?? code;
  return (
    <section aria-labelledby="imp-own" className="margin-top-4">
      <h2 id="imp-own">Self-assessments of {name}</h2>
      <SummaryBox className="ssos-readable">
        <SummaryBoxHeading headingLevel="h3">{name}</SummaryBoxHeading>
        <SummaryBoxContent>
          <p>
            <Link to={orgImprovementPath(code)} className="usa-link ssos-strong-link">
              Self-assessments and site visits of {name}
            </Link>
          </p>
          <p className="ssos-glance-note">
            Start a self-assessment, see the consensus ratings across periods as a heat map, compare two periods, and
            follow the site visits’ ratings per Turnaround Practice.
          </p>
        </SummaryBoxContent>
      </SummaryBox>
      <SelfAssessmentTable code={code} orgName={name} />
    </section>
  );
}

/** For regional and state staff: the way to the turnaround and improvement plans awaiting their review. */
function PlansToReview() {
  return (
    <section aria-labelledby="imp-review" className="margin-top-4">
      <h2 id="imp-review">Improvement plans</h2>
      <p>
        <Link to="/improvement/plans" className="usa-link ssos-strong-link">
          Plans to review
        </Link>
        : the turnaround and improvement plans of your schools and districts, with the progress of their goals.
      </p>
    </section>
  );
}

function OpenOrganization() {
  const navigate = useNavigate();
  const exclude = useMemo(() => new Set<string>(), []);
  return (
    <section aria-labelledby="imp-open" className="margin-top-4">
      <h2 id="imp-open">Open a school or district</h2>
      <div className="grid-row grid-gap-lg">
        <div className="tablet:grid-col-6">
          <OrgPicker
            level="school"
            label="A school’s self-assessments and site visits"
            actionLabel="Open"
            exclude={exclude}
            onPick={(o) => void navigate(orgImprovementPath(o.code))}
          />
        </div>
        <div className="tablet:grid-col-6">
          <OrgPicker
            level="district"
            label="A district’s self-assessments"
            actionLabel="Open"
            exclude={exclude}
            onPick={(o) => void navigate(orgImprovementPath(o.code))}
          />
        </div>
      </div>
    </section>
  );
}

function VisitsInScope({ user }: { user: CurrentUser }) {
  const visits = useSiteVisits();
  const whose = isStateUser(user) ? 'Every site visit' : `Site visits of ${user.scope.orgName ?? 'your schools'}`;
  return (
    <section aria-labelledby="imp-visits" className="margin-top-5">
      <h2 id="imp-visits">{whose}</h2>
      {visits.isPending ? (
        <LoadingStatus>Loading the site visits…</LoadingStatus>
      ) : visits.isError ? (
        <ErrorAlert heading="The site visits could not be loaded" error={visits.error} />
      ) : visits.data.items.length === 0 ? (
        <p>
          {isStateUser(user)
            ? 'No site visit is scheduled yet.'
            : `No site visit of ${user.scope.level === 'school' ? (user.scope.orgName ?? 'your school') : 'your schools'} is scheduled yet.`}
        </p>
      ) : (
        <SiteVisitTable visits={visits.data.items} caption={`${whose}, latest first`} />
      )}
    </section>
  );
}

/** State staff schedule a monitoring or targeted visit for a school and assign vendors. */
function ScheduleVisit() {
  const id = useId();
  const navigate = useNavigate();
  const vendors = useVendors();
  const schedule = useScheduleSiteVisit();
  const [school, setSchool] = useState<OrgRef | null>(null);
  const [type, setType] = useState('');
  const [visitOn, setVisitOn] = useState(todayIso());
  const [vendorIds, setVendorIds] = useState<number[]>([]);
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const exclude = useMemo(() => new Set(school !== null ? [school.code] : []), [school]);
  const server = apiFieldError(schedule.error);
  const error = local ?? server;
  const errorOf = (field: string) =>
    error !== null && (error.field === field || error.field.startsWith(`${field}.`)) ? error.message : null;
  return (
    <section aria-labelledby="imp-schedule" className="margin-top-5">
      <h2 id="imp-schedule">Schedule a site visit</h2>
      <p className="ssos-readable">
        A monitoring site visit takes two days; a targeted site visit one. The visit uses the latest published version
        of the Turnaround Practices; the vendors assigned rate it.
      </p>
      <div className={`ssos-readable${errorOf('schoolCode') !== null ? ' usa-form-group--error' : ''}`}>
        {errorOf('schoolCode') !== null ? (
          <span className="usa-error-message" role="alert">
            School: {errorOf('schoolCode')}
          </span>
        ) : null}
        <OrgPicker
          level="school"
          label="School visited"
          actionLabel="Choose"
          exclude={exclude}
          onPick={(o) => {
            setLocal(null);
            setSchool(o);
          }}
        />
        <p aria-live="polite" className="margin-top-1">
          {school !== null ? (
            <>
              Chosen school: <strong>{school.name}</strong> ({school.code})
            </>
          ) : (
            'No school chosen yet.'
          )}
        </p>
      </div>
      <form
        className="usa-form usa-form--large"
        aria-label="Schedule a site visit"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (school === null) {
            setLocal({ field: 'schoolCode', message: 'Search for the school and choose it' });
            return;
          }
          if (type === '') {
            setLocal({ field: 'type', message: 'Choose the type of visit' });
            return;
          }
          if (visitOn === '') {
            setLocal({ field: 'visitOn', message: 'Enter the (first) day of the visit' });
            return;
          }
          setLocal(null);
          schedule.mutate(
            { schoolCode: school.code, type: type as 'monitoring' | 'targeted', visitOn, vendorUserIds: vendorIds },
            { onSuccess: (visit) => void navigate(siteVisitPath(visit.id)) },
          );
        }}
      >
        <Field id={`${id}-type`} label="Type of visit" error={errorOf('type')}>
          <Select
            id={`${id}-type`}
            name="type"
            value={type}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setType(e.target.value)}
            {...described(`${id}-type`, false, errorOf('type'))}
          >
            <option value="">- Select -</option>
            {Object.entries(siteVisitTypeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-date`} label="Date of the visit" hint="The first day of the visit" error={errorOf('visitOn')}>
          <input
            className={`usa-input${errorOf('visitOn') !== null ? ' usa-input--error' : ''}`}
            id={`${id}-date`}
            name="visitOn"
            type="date"
            value={visitOn}
            onChange={(e) => setVisitOn(e.target.value)}
            {...described(`${id}-date`, true, errorOf('visitOn'))}
          />
        </Field>
        <Fieldset legend="Vendors assigned" className="margin-top-3">
          {errorOf('vendorUserIds') !== null ? (
            <span className="usa-error-message" role="alert">
              {errorOf('vendorUserIds')}
            </span>
          ) : null}
          {vendors.isPending ? (
            <LoadingStatus>Loading the vendors…</LoadingStatus>
          ) : vendors.isError ? (
            <ErrorAlert heading="The vendors could not be loaded" error={vendors.error} />
          ) : vendors.data.items.length === 0 ? (
            <p>No vendor account is active. A state administrator creates vendor accounts.</p>
          ) : (
            vendors.data.items.map((v) => (
              <Checkbox
                key={v.userId}
                id={`${id}-vendor-${v.userId}`}
                name="vendor"
                value={String(v.userId)}
                label={`${v.name} (${v.email})`}
                checked={vendorIds.includes(v.userId)}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                  setVendorIds((ids) => (e.target.checked ? [...ids, v.userId] : ids.filter((x) => x !== v.userId)))
                }
              />
            ))
          )}
        </Fieldset>
        {schedule.isError && server === null ? (
          <ErrorAlert heading="The visit could not be scheduled" error={schedule.error} />
        ) : null}
        <Button type="submit" disabled={schedule.isPending}>
          {schedule.isPending ? 'Scheduling…' : 'Schedule the visit'}
        </Button>
      </form>
    </section>
  );
}
