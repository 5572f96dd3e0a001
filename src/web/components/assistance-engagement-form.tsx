import { useId, useRef, useState } from 'react';
import { Button, Fieldset } from '@trussworks/react-uswds';
import type { EngagementType, FrameworkCode } from '../../core/assistance/vocabulary.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { useLogEngagement, useMyAssistance, useTeam } from '../api/assistance.ts';
import {
  codeOptions,
  DoneNotice,
  engagementTypeLabels,
  engagementTypes,
  frameworkCodeList,
} from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import {
  CheckboxGroup,
  InputField,
  SelectField,
  TextAreaField,
  useFieldProblems,
  type FieldProblem,
} from './form-field.tsx';
import { formatDate, todayIso } from './improvement-format.tsx';
import { LoadingStatus } from './loading-status.tsx';

interface ParticipantRow {
  key: number;
  name: string;
  role: string;
}

const conditions = codeOptions(frameworkCodeList.filter((c) => c.startsWith('cse-')));
const practices = codeOptions(frameworkCodeList.filter((c) => c.startsWith('tp-')));
// The fields the server's messages are shown beside (participants' names and roles besides).
const fields = ['type', 'occurredOn', 'staffIds', 'frameworkCodes', 'notes', 'nextSteps'] as const;

/**
 * The form to log an engagement with a school or district: type, date, the team members who led it, named
 * participants with their roles, the Conditions and Practices it addressed, notes and next steps. The server checks
 * it; its message for a field is shown beside that field.
 */
export function EngagementForm({ org, region }: { org: OrgRef; region: OrgRef }) {
  const id = useId();
  const team = useTeam(region.code);
  const me = useMyAssistance();
  const log = useLogEngagement();
  const [type, setType] = useState<EngagementType | ''>('');
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [staffIds, setStaffIds] = useState<number[] | null>(null);
  const [participants, setParticipants] = useState<ParticipantRow[]>([]);
  const [codes, setCodes] = useState<FrameworkCode[]>([]);
  const [notes, setNotes] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nextKey = useRef(1);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(log.error, local, form, [
    ...fields,
    ...participants.flatMap((_, i) => [`participants.${i}.name`, `participants.${i}.role`]),
  ]);

  // Until the user chooses, the team member signed in (when on this region's team) led it.
  const mine = me.data?.staff?.region.code === region.code ? me.data.staff.id : null;
  const chosenStaff = staffIds ?? (mine !== null ? [mine] : []);
  const activeStaff = (team.data?.items ?? []).filter((s) => s.active);
  const setParticipant = (key: number, change: Partial<ParticipantRow>) =>
    setParticipants((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (type === '') {
      setLocal({ field: 'type', message: 'Choose the type of engagement' });
      return;
    }
    setLocal(null);
    log.mutate(
      {
        orgCode: org.code,
        type,
        occurredOn,
        staffIds: chosenStaff,
        participants: participants.map((p) => ({ name: p.name, role: p.role })),
        frameworkCodes: codes,
        notes,
        nextSteps,
      },
      {
        onSuccess: (engagement) => {
          setDone(`The ${engagement.typeLabel.toLowerCase()} of ${formatDate(engagement.occurredOn)} is logged.`);
          setType('');
          setOccurredOn(todayIso());
          setStaffIds(null);
          setParticipants([]);
          setCodes([]);
          setNotes('');
          setNextSteps('');
        },
      },
    );
  };

  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={submit}
    >
      <h2 id={`${id}-heading`}>Log an engagement</h2>
      <p className="ssos-readable">
        Record assistance that took place with {org.name}. The names of participants are kept in the log, and every
        reading of it is recorded.
      </p>
      {done !== null ? <DoneNotice message={done} headingLevel="h3" /> : null}
      {log.isError && !shownBeside ? (
        <ErrorAlert heading="The engagement could not be logged" error={log.error} />
      ) : null}
      <SelectField
        id={`${id}-type`}
        name="type"
        label="Type of engagement"
        error={errorOf('type')}
        value={type}
        options={engagementTypes.map((t) => ({ value: t, label: engagementTypeLabels[t] }))}
        placeholder="- Select -"
        onChange={setType}
      />
      <InputField
        id={`${id}-date`}
        name="occurredOn"
        type="date"
        label="Date"
        hint="The day it took place (not after today)"
        error={errorOf('occurredOn')}
        value={occurredOn}
        onChange={setOccurredOn}
      />
      {team.isPending ? (
        <LoadingStatus>Loading the team…</LoadingStatus>
      ) : team.isError ? (
        <ErrorAlert heading={`The team of the ${region.name} could not be loaded`} error={team.error} />
      ) : activeStaff.length === 0 ? (
        <p>The {region.name} has no active team member yet: a team member leads each engagement.</p>
      ) : (
        <CheckboxGroup
          id={`${id}-staff`}
          name="staffIds"
          legend="Team members who led it"
          error={errorOf('staffIds')}
          options={activeStaff.map((s) => ({ value: s.id, label: `${s.user.displayName}, ${s.teamRoleLabel}` }))}
          chosen={chosenStaff}
          onChange={setStaffIds}
        />
      )}
      <Fieldset legend="Participants" className="margin-top-3">
        <span className="usa-hint">The people of the school or district who took part, with their roles.</span>
        {participants.length === 0 ? <p className="margin-y-1">No participant added.</p> : null}
        {participants.map((p, i) => (
          <div key={p.key} className="grid-row grid-gap-md flex-align-end">
            <div className="tablet:grid-col-5">
              <InputField
                id={`${id}-p${p.key}-name`}
                name={`participants.${i}.name`}
                label={`Participant ${i + 1}: name`}
                error={errorOf(`participants.${i}.name`)}
                maxLength={200}
                value={p.name}
                onChange={(name) => setParticipant(p.key, { name })}
              />
            </div>
            <div className="tablet:grid-col-5">
              <InputField
                id={`${id}-p${p.key}-role`}
                name={`participants.${i}.role`}
                label={`Participant ${i + 1}: role`}
                error={errorOf(`participants.${i}.role`)}
                maxLength={200}
                value={p.role}
                onChange={(role) => setParticipant(p.key, { role })}
              />
            </div>
            <div className="tablet:grid-col-2 padding-bottom-1">
              <Button
                type="button"
                unstyled
                aria-label={`Remove participant ${i + 1}${p.name.trim() !== '' ? ` (${p.name.trim()})` : ''}`}
                onClick={() => setParticipants((rows) => rows.filter((r) => r.key !== p.key))}
              >
                Remove
              </Button>
            </div>
          </div>
        ))}
        <Button
          type="button"
          outline
          className="margin-top-2"
          onClick={() => setParticipants((rows) => [...rows, { key: nextKey.current++, name: '', role: '' }])}
        >
          Add a participant
        </Button>
      </Fieldset>
      <CheckboxGroup
        id={`${id}-cse`}
        name="frameworkCodes"
        legend="Conditions for School Effectiveness addressed"
        error={errorOf('frameworkCodes')}
        options={conditions}
        chosen={codes}
        onChange={setCodes}
      />
      <CheckboxGroup
        id={`${id}-tp`}
        name="frameworkCodes"
        legend="Turnaround Practices addressed"
        error={null}
        options={practices}
        chosen={codes}
        onChange={setCodes}
      />
      <TextAreaField
        id={`${id}-notes`}
        name="notes"
        label="Notes"
        hint="What was done and what was seen"
        error={errorOf('notes')}
        maxLength={8000}
        value={notes}
        onChange={setNotes}
      />
      <TextAreaField
        id={`${id}-next`}
        name="nextSteps"
        label="Next steps"
        hint="Who does what before the next engagement"
        error={errorOf('nextSteps')}
        maxLength={4000}
        value={nextSteps}
        onChange={setNextSteps}
      />
      <Button type="submit" className="margin-top-3" disabled={log.isPending}>
        {log.isPending ? 'Logging…' : 'Log the engagement'}
      </Button>
    </form>
  );
}
