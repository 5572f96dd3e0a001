import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { Button, ButtonGroup, Checkbox, Fieldset, Table } from '@trussworks/react-uswds';
import { useCurrentUser } from '../api/auth.ts';
import { networksPath, useMeeting, useMember, useNetwork, type Member, type NetworkDetail } from '../api/networks.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InputField, TextAreaField } from '../components/form-field.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, RecordState } from '../components/grants-crumbs.tsx';

import { formatDate, refusedField } from '../components/plan-format.tsx';

/**
 * A network: its members (users or named people, each with an organization and a role) and its meetings with the
 * agenda, notes and who attended. Those who keep it add members and record meetings here. Reading it is audited.
 */
export function NetworkDetailPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const network = useNetwork(Number(id), { enabled: user !== null });
  const title = network.data?.name ?? 'Network';
  useDocumentTitle(title);
  return (
    <>
      <AreaCrumbs trail={[{ to: networksPath, label: 'Networks' }]} current={title} />
      <h1>{title}</h1>
      <RecordState
        signedIn={user !== null}
        signIn={{
          what: 'Networks are for agency staff and the leaders who belong to them.',
          next: `/assistance/networks/${id}`,
        }}
        query={network}
        noun="the network"
        noAccess="You are not in this network"
      >
        {(data) => <NetworkBody network={data} />}
      </RecordState>
    </>
  );
}

function NetworkBody({ network }: { network: NetworkDetail }) {
  return (
    <>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row">
          <dt>Kind</dt>
          <dd>{network.kindLabel}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Region</dt>
          <dd>{network.region?.name ?? 'Statewide'}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Status</dt>
          <dd>{network.active ? 'Active' : 'Inactive'}</dd>
        </div>
        {network.description !== '' ? (
          <div className="ssos-facts__row">
            <dt>About</dt>
            <dd>{network.description}</dd>
          </div>
        ) : null}
      </dl>
      <Members network={network} />
      <Meetings network={network} />
    </>
  );
}

type MemberField = 'userId' | 'name' | 'email' | 'orgCode' | 'role';

function Members({ network }: { network: NetworkDetail }) {
  const id = useId();
  const change = useMember(network.id);
  const blank = { name: '', email: '', orgCode: '', role: '' };
  const [draft, setDraft] = useState(blank);
  const refused = refusedField<MemberField>(change.error, ['userId', 'name', 'email', 'orgCode', 'role']);
  const errorOf = (f: MemberField) => (refused?.field === f ? refused.message : null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const toggle = (m: Member) =>
    change.mutate({
      memberId: m.id,
      body: {
        ...(m.user ? { userId: m.user.id } : { name: m.name, email: m.email }),
        orgCode: m.org.code,
        role: m.role,
        active: !m.active,
      },
    });
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-4">
      <h2 id={`${id}-heading`}>Members ({network.memberCount} active)</h2>
      {change.isError && refused === null ? (
        <ErrorAlert heading="The member could not be changed" error={change.error} />
      ) : null}
      {network.members.length === 0 ? (
        <p>No member yet.</p>
      ) : (
        <ScrollRegion label="Members">
          <Table bordered fullWidth>
            <caption>Members of {network.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Organization</th>
                <th scope="col" className="ssos-num">
                  Meetings attended
                </th>
                <th scope="col">Status</th>
                {network.canManage ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {network.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name}
                    {m.email ? <span className="display-block text-base-dark">{m.email}</span> : null}
                  </th>
                  <td>{m.role}</td>
                  <td>{m.org.name}</td>
                  <td className="ssos-num">{m.meetingsAttended}</td>
                  <td>{m.active ? 'Active' : 'Inactive'}</td>
                  {network.canManage ? (
                    <td>
                      <ButtonGroup type="default">
                        <Button type="button" unstyled disabled={change.isPending} onClick={() => toggle(m)}>
                          {m.active ? 'Mark inactive' : 'Mark active'}
                          <span className="usa-sr-only"> {m.name}</span>
                        </Button>
                        {m.meetingsAttended === 0 ? (
                          <Button
                            type="button"
                            unstyled
                            disabled={change.isPending}
                            onClick={() => change.mutate({ memberId: m.id, remove: true })}
                          >
                            Remove<span className="usa-sr-only"> {m.name}</span>
                          </Button>
                        ) : null}
                      </ButtonGroup>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {network.canManage ? (
        <form
          className="usa-form usa-form--large"
          aria-labelledby={`${id}-add`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate(
              {
                memberId: null,
                body: {
                  name: draft.name.trim(),
                  email: draft.email.trim() === '' ? null : draft.email.trim(),
                  orgCode: draft.orgCode.trim(),
                  role: draft.role.trim(),
                },
              },
              { onSuccess: () => setDraft(blank) },
            );
          }}
        >
          <h3 id={`${id}-add`}>Add a member</h3>
          {network.region ? <p>Members of a regional network come from {network.region.name}.</p> : null}
          <InputField
            id={`${id}-name`}
            label="Name"
            error={errorOf('name')}
            name="name"
            value={draft.name}
            maxLength={200}
            onChange={set('name')}
          />
          <InputField
            id={`${id}-email`}
            label="Email (optional)"
            error={errorOf('email')}
            name="email"
            type="email"
            value={draft.email}
            maxLength={200}
            onChange={set('email')}
          />
          <InputField
            id={`${id}-org`}
            label="Organization code"
            hint="The school or district the member represents (8-digit code)"
            error={errorOf('orgCode')}
            name="orgCode"
            value={draft.orgCode}
            maxLength={40}
            onChange={set('orgCode')}
          />
          <InputField
            id={`${id}-role`}
            label="Role"
            hint="e.g. Superintendent, Principal, Math coach"
            error={errorOf('role')}
            name="role"
            value={draft.role}
            maxLength={200}
            onChange={set('role')}
          />
          <Button type="submit" disabled={change.isPending}>
            Add the member
          </Button>
        </form>
      ) : null}
    </section>
  );
}

type MeetingField = 'heldOn' | 'topic' | 'agenda' | 'notes' | 'attendedMemberIds';

function Meetings({ network }: { network: NetworkDetail }) {
  const id = useId();
  const change = useMeeting(network.id);
  const blank = { heldOn: '', topic: '', agenda: '', notes: '', attended: [] as number[] };
  const [draft, setDraft] = useState(blank);
  const [editing, setEditing] = useState<number | null>(null);
  const refused = refusedField<MeetingField>(change.error, ['heldOn', 'topic', 'agenda', 'notes', 'attendedMemberIds']);
  const errorOf = (f: MeetingField) => (refused?.field === f ? refused.message : null);
  const set = (key: 'heldOn' | 'topic' | 'agenda' | 'notes') => (value: string) => setDraft({ ...draft, [key]: value });
  const names = new Map(network.members.map((m) => [m.id, m.name]));
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>Meetings</h2>
      {network.meetings.length === 0 ? (
        <p>No meeting recorded yet.</p>
      ) : (
        <ScrollRegion label="Meetings">
          <Table bordered fullWidth>
            <caption>Meetings, latest first, with who attended</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Topic</th>
                <th scope="col">Agenda and notes</th>
                <th scope="col">Attended</th>
                {network.canManage ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {network.meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{formatDate(m.heldOn)}</th>
                  <td>{m.topic}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>
                    {m.agenda}
                    {m.notes !== '' ? `\n\nNotes: ${m.notes}` : ''}
                  </td>
                  <td>
                    {m.attendedMemberIds.length === 0
                      ? 'Not recorded'
                      : `${m.attendedMemberIds.length}: ${m.attendedMemberIds.map((x) => names.get(x) ?? x).join(', ')}`}
                  </td>
                  {network.canManage ? (
                    <td>
                      <Button
                        type="button"
                        unstyled
                        onClick={() => {
                          setEditing(m.id);
                          setDraft({
                            heldOn: m.heldOn,
                            topic: m.topic,
                            agenda: m.agenda,
                            notes: m.notes,
                            attended: m.attendedMemberIds,
                          });
                        }}
                      >
                        Edit<span className="usa-sr-only"> the meeting of {m.heldOn}</span>
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {network.canManage ? (
        <form
          className="usa-form usa-form--large"
          aria-labelledby={`${id}-form`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate(
              {
                meetingId: editing,
                body: {
                  heldOn: draft.heldOn,
                  topic: draft.topic.trim(),
                  agenda: draft.agenda,
                  notes: draft.notes,
                  attendedMemberIds: draft.attended,
                },
              },
              {
                onSuccess: () => {
                  setEditing(null);
                  setDraft(blank);
                },
              },
            );
          }}
        >
          <h3 id={`${id}-form`}>{editing === null ? 'Record a meeting' : 'Change the meeting'}</h3>
          {change.isError && refused === null ? (
            <ErrorAlert heading="The meeting could not be saved" error={change.error} />
          ) : null}
          <InputField
            id={`${id}-date`}
            label="Date"
            error={errorOf('heldOn')}
            name="heldOn"
            type="date"
            value={draft.heldOn}
            onChange={set('heldOn')}
          />
          <InputField
            id={`${id}-topic`}
            label="Topic"
            error={errorOf('topic')}
            name="topic"
            value={draft.topic}
            maxLength={200}
            onChange={set('topic')}
          />
          <TextAreaField
            id={`${id}-agenda`}
            label="Agenda"
            error={errorOf('agenda')}
            name="agenda"
            value={draft.agenda}
            maxLength={8000}
            onChange={set('agenda')}
          />
          <TextAreaField
            id={`${id}-notes`}
            label="Notes"
            error={errorOf('notes')}
            name="notes"
            value={draft.notes}
            maxLength={8000}
            onChange={set('notes')}
          />
          {network.members.length > 0 ? (
            <Fieldset legend="Who attended (once the meeting has taken place)">
              {errorOf('attendedMemberIds') !== null ? (
                <span className="usa-error-message" role="alert">
                  {errorOf('attendedMemberIds')}
                </span>
              ) : null}
              {network.members
                .filter((m) => m.active || draft.attended.includes(m.id))
                .map((m) => (
                  <Checkbox
                    key={m.id}
                    id={`${id}-att-${m.id}`}
                    name="attendedMemberIds"
                    label={`${m.name}, ${m.role}, ${m.org.name}`}
                    checked={draft.attended.includes(m.id)}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      setDraft({
                        ...draft,
                        attended: e.target.checked
                          ? [...draft.attended, m.id]
                          : draft.attended.filter((x) => x !== m.id),
                      })
                    }
                  />
                ))}
            </Fieldset>
          ) : null}
          <ButtonGroup>
            <Button type="submit" disabled={change.isPending}>
              {editing === null ? 'Record the meeting' : 'Save the meeting'}
            </Button>
            {editing !== null ? (
              <>
                <Button
                  type="button"
                  outline
                  onClick={() => {
                    setEditing(null);
                    setDraft(blank);
                  }}
                >
                  Cancel
                </Button>
                <Button
                  type="button"
                  secondary
                  disabled={change.isPending}
                  onClick={() =>
                    change.mutate(
                      { meetingId: editing, remove: true },
                      {
                        onSuccess: () => {
                          setEditing(null);
                          setDraft(blank);
                        },
                      },
                    )
                  }
                >
                  Delete the meeting
                </Button>
              </>
            ) : null}
          </ButtonGroup>
        </form>
      ) : null}
    </section>
  );
}
