import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, AlertHeading, AlertText, Button, ButtonGroup, Checkbox, Table } from '@trussworks/react-uswds';
import { teamRoleLabels, teamRoles, type TeamRole } from '../../core/assistance/vocabulary.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { assistancePath, isAssistanceStaff, useTeam, type StaffMember } from '../api/assistance.ts';
import {
  teamsPath,
  useAddTeamMember,
  useChangeTeamMember,
  useRegionStaffing,
  useRemoveTeamMember,
  type RegionStaffing,
} from '../api/assistance-teams.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { DoneNotice } from '../components/assistance-format.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { CheckboxGroup, SelectField, useFieldProblems, type FieldProblem } from '../components/form-field.tsx';
import { described, Field } from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const roleOptions = teamRoles.map((r) => ({ value: r, label: teamRoleLabels[r] }));

/**
 * The regional assistance teams: each member's role on the team and the districts on their caseload. Those who may
 * keep a team (state staff and administrators every team, regional staff their own region's, as the API allows) add
 * members, change their role, districts and whether they are active, and remove members who led no engagement.
 */
export function AssistanceTeamsPage() {
  return (
    <AssistancePage
      crumbs={[{ label: 'Regional teams' }]}
      heading="Regional assistance teams"
      intro={
        <p className="usa-intro ssos-readable">
          Who works on each regional assistance team: their role on the team and the districts on their caseload. A
          member’s caseload is their districts and the schools of those districts.
        </p>
      }
      here={teamsPath}
      signInTo="see and staff the regional assistance teams"
    >
      {(user) =>
        isAssistanceStaff(user) ? (
          <Teams user={user} />
        ) : (
          <p className="ssos-readable">
            The regional teams are kept by the agency’s staff. The assistance your organization has received is on the{' '}
            <Link to={assistancePath} className="usa-link">
              assistance page
            </Link>
            .
          </p>
        )
      }
    </AssistancePage>
  );
}

/** Every team the user may keep: regional staff their own region's, state staff each region's. */
function Teams({ user }: { user: CurrentUser }) {
  const regional = user.role === 'regional_staff';
  const regions = useOrgSearch({ level: 'region', limit: 50 }, { enabled: !regional });
  const team = useTeam(undefined);
  const own: OrgRef[] =
    regional && user.scope.orgCode !== null
      ? [{ code: user.scope.orgCode, name: user.scope.orgName ?? user.scope.orgCode, level: 'region' }]
      : [];
  if (team.isPending || (!regional && regions.isPending)) return <LoadingStatus>Loading the teams…</LoadingStatus>;
  if (team.isError) return <ErrorAlert heading="The teams could not be loaded" error={team.error} />;
  if (!regional && regions.isError)
    return <ErrorAlert heading="The regions could not be loaded" error={regions.error} />;
  const list = regional
    ? own
    : (regions.data?.items ?? []).map((r) => ({ code: r.code, name: r.name, level: r.level }));
  if (list.length === 0)
    return <p>No region is set up yet: a state administrator creates the regions and assigns districts to them.</p>;
  return (
    <>
      {list.map((region) => (
        <TeamSection
          key={region.code}
          region={region}
          members={team.data.items.filter((m) => m.region.code === region.code)}
        />
      ))}
    </>
  );
}

/** What a team section shows below its table: nothing, the form to add or change a member, or a removal to confirm. */
type Panel =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'change'; member: StaffMember }
  | { kind: 'remove'; member: StaffMember };

function TeamSection({ region, members }: { region: OrgRef; members: StaffMember[] }) {
  const id = useId();
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [done, setDone] = useState<string | null>(null);
  const remove = useRemoveTeamMember();
  const open = (next: Panel) => {
    setDone(null);
    remove.reset();
    setPanel(next);
  };
  const finish = (message: string) => {
    setPanel({ kind: 'none' });
    setDone(message);
  };
  const active = members.filter((m) => m.active).length;
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>{region.name}</h2>
      <p>
        {members.length === 0
          ? 'No one is on the team yet.'
          : `${members.length} ${members.length === 1 ? 'member' : 'members'}, ${active} active.`}
      </p>
      {done !== null ? <DoneNotice message={done} headingLevel="h3" /> : null}
      {members.length > 0 ? (
        <ScrollRegion label={`Members of the ${region.name}`}>
          <Table bordered fullWidth>
            <caption>Members of the {region.name}, by role</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role on the team</th>
                <th scope="col">Districts on their caseload</th>
                <th scope="col">Status</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.user.displayName}
                    <span className="display-block text-normal text-base-dark">{m.user.email}</span>
                  </th>
                  <td>{m.teamRoleLabel}</td>
                  <td>{m.districts.length === 0 ? 'None yet' : m.districts.map((d) => d.name).join(', ')}</td>
                  <td>{m.active ? 'Active' : 'Inactive'}</td>
                  <td>
                    <ButtonGroup type="default">
                      <Button type="button" unstyled onClick={() => open({ kind: 'change', member: m })}>
                        Change<span className="usa-sr-only"> {m.user.displayName}</span>
                      </Button>
                      <Button type="button" unstyled onClick={() => open({ kind: 'remove', member: m })}>
                        Remove<span className="usa-sr-only"> {m.user.displayName}</span>
                      </Button>
                    </ButtonGroup>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      ) : null}
      {panel.kind === 'remove' ? (
        <ConfirmRemoval
          member={panel.member}
          region={region}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(panel.member, {
              onSuccess: () => finish(`${panel.member.user.displayName} is no longer on the ${region.name}.`),
            })
          }
          onKeep={() => open({ kind: 'none' })}
          onChange={() => open({ kind: 'change', member: panel.member })}
        />
      ) : panel.kind === 'add' || panel.kind === 'change' ? (
        <MemberForm
          key={panel.kind === 'change' ? panel.member.id : 'add'}
          region={region}
          member={panel.kind === 'change' ? panel.member : null}
          onDone={finish}
          onCancel={() => open({ kind: 'none' })}
        />
      ) : (
        <Button type="button" outline className="margin-top-2" onClick={() => open({ kind: 'add' })}>
          Add a member to the {region.name}
        </Button>
      )}
    </section>
  );
}

/** Asks before removing a member; a member who led engagements is refused by the server (409), said at the top. */
function ConfirmRemoval({
  member,
  region,
  pending,
  error,
  onConfirm,
  onKeep,
  onChange,
}: {
  member: StaffMember;
  region: OrgRef;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onKeep: () => void;
  onChange: () => void;
}) {
  const name = member.user.displayName;
  // The question appears below the table: focus goes to it, so keyboard and screen reader users land on it.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} className="margin-top-3 ssos-readable">
      {error !== null ? (
        <>
          <ErrorAlert heading={`${name} could not be removed`} error={error} />
          <ButtonGroup className="margin-top-2">
            <Button type="button" onClick={onChange}>
              Change {name}’s place on the team
            </Button>
            <Button type="button" outline onClick={onKeep}>
              Close
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <Alert type="warning" headingLevel="h3">
          <AlertHeading level="h3">
            Remove {name} from the {region.name}?
          </AlertHeading>
          <AlertText>
            Their districts ({member.districts.length === 0 ? 'none' : member.districts.map((d) => d.name).join(', ')})
            leave their caseload. Someone who led engagements stays on the team so that the log keeps who led them: mark
            them inactive instead.
          </AlertText>
          <ButtonGroup className="margin-top-2">
            <Button type="button" secondary disabled={pending} onClick={onConfirm}>
              {pending ? 'Removing…' : `Yes, remove ${name}`}
            </Button>
            <Button type="button" outline onClick={onKeep}>
              Keep {name} on the team
            </Button>
          </ButtonGroup>
        </Alert>
      )}
    </div>
  );
}

// The fields the server's messages are shown beside.
const fields = ['email', 'userId', 'teamRole', 'districtCodes'] as const;

/**
 * The form to add a member (the email of their account, chosen from the accounts that may join or typed) or to
 * change one (role, districts, active); the server checks it, and its message for a field shows beside that field.
 */
function MemberForm({
  region,
  member,
  onDone,
  onCancel,
}: {
  region: OrgRef;
  member: StaffMember | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const staffing = useRegionStaffing(region.code);
  const add = useAddTeamMember();
  const change = useChangeTeamMember();
  const save = member === null ? add : change;
  const [email, setEmail] = useState('');
  const [teamRole, setTeamRole] = useState<TeamRole | ''>(member?.teamRole ?? '');
  const [districtCodes, setDistrictCodes] = useState<string[]>(member?.districts.map((d) => d.code) ?? []);
  const [active, setActive] = useState(member?.active ?? true);
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const { errorOf, shownBeside } = useFieldProblems(save.error, local, form, fields);
  // The form opens below the table: focus goes to its heading, so keyboard and screen reader users land on it.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const heading =
    member === null ? `Add a member to the ${region.name}` : `Change ${member.user.displayName}’s place on the team`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (member === null && email.trim() === '') {
      setLocal({ field: 'email', message: 'Enter the email address of their account' });
      return;
    }
    if (teamRole === '') {
      setLocal({ field: 'teamRole', message: 'Choose their role on the team' });
      return;
    }
    setLocal(null);
    if (member === null)
      add.mutate(
        { email: email.trim(), regionCode: region.code, teamRole, districtCodes },
        {
          onSuccess: (m) =>
            onDone(`${m.user.displayName} joined the ${region.name} as ${m.teamRoleLabel.toLowerCase()}.`),
        },
      );
    else
      change.mutate(
        { id: member.id, body: { teamRole, districtCodes, active } },
        { onSuccess: (m) => onDone(`${m.user.displayName}’s place on the team is saved.`) },
      );
  };

  return (
    <form
      ref={form}
      className="usa-form usa-form--large margin-top-3"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={submit}
    >
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {save.isError && !shownBeside ? (
        <ErrorAlert
          heading={member === null ? 'The member could not be added' : 'The change could not be saved'}
          error={save.error}
        />
      ) : null}
      {staffing.isPending ? (
        <LoadingStatus>Loading the districts of the region…</LoadingStatus>
      ) : staffing.isError ? (
        <ErrorAlert heading={`The districts of the ${region.name} could not be loaded`} error={staffing.error} />
      ) : (
        <>
          {member === null ? (
            <AccountField
              id={`${id}-email`}
              candidates={staffing.data.candidates}
              error={errorOf('email') ?? errorOf('userId')}
              value={email}
              onChange={setEmail}
            />
          ) : (
            <p>
              {member.user.displayName} ({member.user.email})
            </p>
          )}
          <SelectField
            id={`${id}-role`}
            name="teamRole"
            label="Role on the team"
            error={errorOf('teamRole')}
            value={teamRole}
            options={roleOptions}
            placeholder="- Select -"
            onChange={setTeamRole}
          />
          <CheckboxGroup
            id={`${id}-districts`}
            name="districtCodes"
            legend="Districts on their caseload"
            hint={`Districts of the ${region.name}; their schools come with them.`}
            error={errorOf('districtCodes')}
            options={districtOptions(staffing.data, member)}
            chosen={districtCodes}
            onChange={setDistrictCodes}
          />
          {member !== null ? (
            <Checkbox
              id={`${id}-active`}
              name="active"
              className="margin-top-3"
              label="Active on the team"
              checked={active}
              aria-describedby={`${id}-active-hint`}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setActive(e.target.checked)}
            />
          ) : null}
          {member !== null ? (
            <span className="usa-hint" id={`${id}-active-hint`}>
              An inactive member keeps the engagements they led but is no longer offered to lead new ones.
            </span>
          ) : null}
        </>
      )}
      <ButtonGroup className="margin-top-3">
        <Button type="submit" disabled={save.isPending || !staffing.isSuccess}>
          {save.isPending ? 'Saving…' : member === null ? 'Add to the team' : 'Save the changes'}
        </Button>
        <Button type="button" outline onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The region's districts, and any district of the member that is no longer in the region (to be unticked). */
function districtOptions(staffing: RegionStaffing, member: StaffMember | null) {
  const options = staffing.districts.map((d) => ({ value: d.code, label: d.name }));
  for (const d of member?.districts ?? [])
    if (!options.some((o) => o.value === d.code))
      options.push({ value: d.code, label: `${d.name} (no longer in the ${staffing.region.name})` });
  return options;
}

/**
 * The email address of the account who joins, typed or chosen among the accounts that may join (active regional
 * staff of the region, state staff and administrators on no team), with the server's message beside it.
 */
function AccountField({
  id,
  candidates,
  error,
  value,
  onChange,
}: {
  id: string;
  candidates: RegionStaffing['candidates'];
  error: string | null;
  value: string;
  onChange: (value: string) => void;
}) {
  const hint =
    candidates.length === 0
      ? 'Every agency account is on a team already.'
      : 'Type the address, or choose one of the accounts on no team: regional staff of this region, state staff and administrators.';
  return (
    <Field id={id} label="Email address of their account" hint={hint} error={error}>
      <input
        className={`usa-input${error !== null ? ' usa-input--error' : ''}`}
        id={id}
        name="email"
        type="email"
        autoComplete="off"
        list={`${id}-accounts`}
        maxLength={254}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...described(id, true, error)}
      />
      <datalist id={`${id}-accounts`}>
        {candidates.map((c) => (
          <option key={c.userId} value={c.email}>
            {c.displayName}, {c.roleLabel}
          </option>
        ))}
      </datalist>
    </Field>
  );
}
