import { useId, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Button, Select, Table } from '@trussworks/react-uswds';
import { isoDay } from '../../core/assistance/priority.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import {
  isAssistanceStaff,
  isStateStaff,
  pdPath,
  useCancelRegistration,
  usePdOfferings,
  useRegisterParticipant,
  useSessionRegistrations,
  type PdSession,
  type Registration,
  type RegistrationOutcome,
} from '../api/assistance.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  describePlaces,
  DoneNotice,
  describeWaitlist,
  pdContentAreaLabels,
  pdKindLabels,
  ToneTag,
} from '../components/assistance-format.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { InputField, useFieldProblems, type FieldProblem } from '../components/form-field.tsx';
import { formatDate } from '../components/improvement-format.tsx';
import { AttendanceForm, EvaluationForm, SessionNumbers } from '../components/assistance-pd-followup.tsx';
import { CapacityForm } from '../components/assistance-pd-forms.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { OrgPicker } from '../components/org-picker.tsx';

/**
 * One professional development session: its places and waitlist, the registrations the user may see (their scope's
 * people), a form to register a person, and cancelling, which promotes the first on the waitlist.
 */
export function AssistancePdSessionPage() {
  const { id: raw = '' } = useParams();
  const sessionId = Number(raw);
  const valid = Number.isInteger(sessionId) && sessionId > 0;
  const user = useCurrentUser();
  const mayRead = user !== null && user.role !== 'vendor' && valid;
  const offerings = usePdOfferings({ enabled: mayRead });
  const registrations = useSessionRegistrations(sessionId, { enabled: mayRead });
  const offering = offerings.data?.items.find((o) => o.sessions.some((s) => s.id === sessionId));
  const session = registrations.data?.session ?? offering?.sessions.find((s) => s.id === sessionId);
  return (
    <AssistancePage
      crumbs={[{ label: 'Professional development', to: pdPath }, { label: 'Session' }]}
      heading={
        offering !== undefined && session !== undefined
          ? `${offering.title}, ${formatDate(session.startsOn)}`
          : 'Professional development session'
      }
      here={`${pdPath}/sessions/${encodeURIComponent(raw)}`}
      signInTo="see this session and register people"
    >
      {(signedIn) =>
        !valid ? (
          <p className="usa-intro">There is no session “{raw}”.</p>
        ) : registrations.isPending ? (
          <LoadingStatus>Loading the session…</LoadingStatus>
        ) : registrations.isError ? (
          isApiError(registrations.error, 'not_found') ? (
            <p className="usa-intro">There is no session “{raw}”.</p>
          ) : (
            <ErrorAlert heading="The session could not be loaded" error={registrations.error} />
          )
        ) : (
          <SessionView
            user={signedIn}
            session={registrations.data.session}
            offering={offering}
            items={registrations.data.items}
          />
        )
      }
    </AssistancePage>
  );
}

function SessionView({
  user,
  session,
  offering,
  items,
}: {
  user: CurrentUser;
  session: PdSession;
  offering:
    { title: string; kind: keyof typeof pdKindLabels; contentArea: keyof typeof pdContentAreaLabels } | undefined;
  items: Registration[];
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const cancel = useCancelRegistration(session.id);
  // A session that has begun takes attendance and evaluations, no more registrations or cancellations.
  const begun = session.startsOn <= isoDay(new Date());
  return (
    <>
      <dl className="ssos-facts ssos-org-summary">
        {offering !== undefined ? (
          <div className="ssos-facts__row">
            <dt>Offering</dt>
            <dd>
              {pdKindLabels[offering.kind]}, {pdContentAreaLabels[offering.contentArea]}
            </dd>
          </div>
        ) : null}
        <div className="ssos-facts__row">
          <dt>Date</dt>
          <dd>{formatDate(session.startsOn)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Location</dt>
          <dd>{session.location}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Places</dt>
          <dd>
            {describePlaces(session)}; {session.confirmed} confirmed
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Waitlist</dt>
          <dd>{describeWaitlist(session.waitlisted)}</dd>
        </div>
      </dl>
      {notice !== null ? <DoneNotice message={notice} /> : null}
      {cancel.isError ? <ErrorAlert heading="The registration could not be cancelled" error={cancel.error} /> : null}
      <section aria-labelledby="pd-registrations" className="margin-top-4">
        <h2 id="pd-registrations">Registrations</h2>
        <p className="ssos-readable">
          {isStateStaff(user)
            ? 'Everyone registered, in the order they registered.'
            : `The people of ${user.role === 'regional_staff' ? 'your region’s schools and districts' : (user.scope.orgName ?? 'your organization')} registered, in the order they registered; the places above count everyone.`}
        </p>
        {items.length === 0 ? (
          <p>No one {isStateStaff(user) ? '' : 'of yours '}is registered yet.</p>
        ) : (
          <ScrollRegion label="Registrations">
            <Table bordered fullWidth>
              <caption className="usa-sr-only">Registrations for this session</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  {begun ? null : (
                    <th scope="col">
                      <span className="usa-sr-only">Action</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{r.role}</td>
                    <td>{r.org.name}</td>
                    <td>{r.email}</td>
                    <td>
                      <RegistrationStatus registration={r} />
                    </td>
                    {begun ? null : (
                      <td>
                        {r.status !== 'cancelled' ? (
                          <Button
                            type="button"
                            unstyled
                            disabled={cancel.isPending}
                            aria-label={`Cancel the registration of ${r.name}`}
                            onClick={() => {
                              setNotice(null);
                              cancel.mutate(r.id, { onSuccess: (outcome) => setNotice(describeCancel(outcome)) });
                            }}
                          >
                            Cancel
                          </Button>
                        ) : null}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
          </ScrollRegion>
        )}
      </section>
      {begun && isAssistanceStaff(user) ? (
        <>
          <section aria-labelledby="pd-attendance" className="margin-top-5">
            <h2 id="pd-attendance">Attendance</h2>
            <AttendanceForm sessionId={session.id} items={items} onDone={setNotice} />
          </section>
          <section aria-labelledby="pd-numbers" className="margin-top-5">
            <h2 id="pd-numbers">The session in numbers</h2>
            <SessionNumbers sessionId={session.id} />
          </section>
        </>
      ) : null}
      {begun ? <EvaluationForm sessionId={session.id} /> : null}
      {isStateStaff(user) && !begun ? (
        <section className="margin-top-5">
          <CapacityForm session={session} onDone={setNotice} />
        </section>
      ) : null}
      {begun ? (
        <p className="margin-top-5">The session has begun: registration is closed.</p>
      ) : (
        <RegisterForm user={user} session={session} onDone={setNotice} />
      )}
    </>
  );
}

/** A registration's status as a tag; a waitlisted one says its place in line. */
function RegistrationStatus({ registration: r }: { registration: Registration }) {
  if (r.status === 'confirmed')
    return (
      <ToneTag tone="positive">
        {r.attendance === null ? 'Confirmed' : r.attendance === 'attended' ? 'Attended' : 'Absent'}
        {r.evaluated ? ', evaluated' : ''}
      </ToneTag>
    );
  if (r.status === 'cancelled') return <ToneTag tone="neutral">Cancelled</ToneTag>;
  return <ToneTag tone="waiting">Waitlisted, position {r.position ?? '?'}</ToneTag>;
}

/** What a registration came to, in words. */
function describeRegistration(outcome: RegistrationOutcome): string {
  const r = outcome.registration;
  const where =
    r.status === 'confirmed'
      ? 'has a confirmed place'
      : `is on the waitlist, position ${r.position ?? '?'}: the session is full, and the place comes automatically when someone ahead cancels`;
  return outcome.alreadyRegistered
    ? `${r.name} was registered already and ${where}.`
    : `${r.name} is registered and ${where}.`;
}

/** What a cancellation came to, in words: who was promoted from the waitlist. */
function describeCancel(outcome: RegistrationOutcome): string {
  const promoted = outcome.promoted.map((p) => p.name);
  return `The registration of ${outcome.registration.name} is cancelled.${
    promoted.length > 0
      ? ` ${promoted.join(' and ')} ${promoted.length === 1 ? 'was' : 'were'} promoted from the waitlist and now ${promoted.length === 1 ? 'has a confirmed place' : 'have confirmed places'}.`
      : ''
  }`;
}

// The fields the server's messages are shown beside.
const registerFields = ['name', 'email', 'role', 'orgCode'] as const;

/** The form to register a person: name, email, role, and the school or district they work for. */
function RegisterForm({
  user,
  session,
  onDone,
}: {
  user: CurrentUser;
  session: PdSession;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const register = useRegisterParticipant(session.id);
  const ownOrg: OrgRef | null =
    !isAssistanceStaff(user) &&
    user.scope.orgCode !== null &&
    (user.scope.level === 'school' || user.scope.level === 'district')
      ? { code: user.scope.orgCode, name: user.scope.orgName ?? user.scope.orgCode, level: user.scope.level }
      : null;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [level, setLevel] = useState<'school' | 'district'>('school');
  const [org, setOrg] = useState<OrgRef | null>(ownOrg);
  // A new picker (empty search) after each registration.
  const [pickerKey, setPickerKey] = useState(0);
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const exclude = useMemo(() => new Set(org !== null ? [org.code] : []), [org]);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(register.error, local, form, registerFields);
  const full = session.confirmed >= session.capacity;

  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>Register a person</h2>
      <p className="ssos-readable">
        {full
          ? 'The session is full: a new registration goes on the waitlist and gets a place automatically when someone ahead of it cancels.'
          : 'A new registration gets a confirmed place while places are free.'}
      </p>
      {ownOrg === null ? (
        <div className={`ssos-readable${errorOf('orgCode') !== null ? ' usa-form-group--error' : ''}`}>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor={`${id}-level`}>
              Works for a
            </label>
            <Select
              id={`${id}-level`}
              name="level"
              value={level}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setLevel(e.target.value as 'school' | 'district')}
            >
              <option value="school">School</option>
              <option value="district">District</option>
            </Select>
          </div>
          {errorOf('orgCode') !== null ? (
            <span className="usa-error-message" role="alert">
              Organization: {errorOf('orgCode')}
            </span>
          ) : null}
          <OrgPicker
            key={`${level}-${pickerKey}`}
            level={level}
            label={level === 'school' ? 'Their school' : 'Their district'}
            actionLabel="Choose"
            exclude={exclude}
            onPick={(o) => {
              setLocal(null);
              setOrg(o);
            }}
          />
          <p aria-live="polite" className="margin-top-1">
            {org !== null ? (
              <>
                Chosen organization: <strong>{org.name}</strong> ({org.code})
              </>
            ) : (
              'No organization chosen yet.'
            )}
          </p>
        </div>
      ) : null}
      <form
        ref={form}
        className="usa-form usa-form--large"
        aria-label="Register a person"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (org === null) {
            setLocal({ field: 'orgCode', message: 'Search for the school or district and choose it' });
            return;
          }
          setLocal(null);
          register.mutate(
            { name, email, role, orgCode: org.code },
            {
              onSuccess: (outcome) => {
                onDone(describeRegistration(outcome));
                setName('');
                setEmail('');
                setRole('');
                setOrg(ownOrg);
                setPickerKey((k) => k + 1);
              },
            },
          );
        }}
      >
        {ownOrg !== null ? (
          <p>
            For <strong>{ownOrg.name}</strong>.
          </p>
        ) : null}
        {register.isError && !shownBeside ? (
          <ErrorAlert heading="The registration could not be made" error={register.error} />
        ) : null}
        <InputField
          id={`${id}-name`}
          name="name"
          label="Name"
          error={errorOf('name')}
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={setName}
        />
        <InputField
          id={`${id}-email`}
          name="email"
          type="email"
          label="Email"
          error={errorOf('email')}
          maxLength={200}
          autoComplete="off"
          value={email}
          onChange={setEmail}
        />
        <InputField
          id={`${id}-role`}
          name="role"
          label="Role"
          hint="For example Principal, Math coach"
          error={errorOf('role')}
          maxLength={200}
          value={role}
          onChange={setRole}
        />
        <Button type="submit" className="margin-top-3" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register'}
        </Button>
      </form>
    </section>
  );
}
