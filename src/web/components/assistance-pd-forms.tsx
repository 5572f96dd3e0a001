import { useId, useRef, useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import { pdContentAreas, pdKinds, type PdContentArea, type PdKind } from '../../core/assistance/vocabulary.ts';
import {
  useAddSession,
  useChangeCapacity,
  useCreateOffering,
  type Offering,
  type PdSession,
} from '../api/assistance.ts';
import { DoneNotice, pdContentAreaLabels, pdKindLabels } from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { InputField, SelectField, TextAreaField, useFieldProblems, type FieldProblem } from './form-field.tsx';
import { formatDate } from './improvement-format.tsx';

const offeringFields = ['title', 'kind', 'contentArea', 'description'] as const;

/** State staff create an offering: title, kind, content area, description. */
export function OfferingForm() {
  const id = useId();
  const create = useCreateOffering();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PdKind | ''>('');
  const [contentArea, setContentArea] = useState<PdContentArea | ''>('');
  const [description, setDescription] = useState('');
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(create.error, local, form, offeringFields);
  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        if (kind === '' || contentArea === '') {
          setLocal(
            kind === ''
              ? { field: 'kind', message: 'Choose the kind of offering' }
              : { field: 'contentArea', message: 'Choose the content area' },
          );
          return;
        }
        setLocal(null);
        create.mutate(
          { title, kind, contentArea, description },
          {
            onSuccess: (offering) => {
              setDone(`${offering.title} is added. Add its sessions below.`);
              setTitle('');
              setKind('');
              setContentArea('');
              setDescription('');
            },
          },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Add an offering</h3>
      {done !== null ? <DoneNotice message={done} headingLevel="h3" /> : null}
      {create.isError && !shownBeside ? (
        <ErrorAlert heading="The offering could not be added" error={create.error} />
      ) : null}
      <InputField
        id={`${id}-title`}
        name="title"
        label="Title"
        error={errorOf('title')}
        maxLength={200}
        value={title}
        onChange={setTitle}
      />
      <SelectField
        id={`${id}-kind`}
        name="kind"
        label="Kind"
        error={errorOf('kind')}
        value={kind}
        options={pdKinds.map((k) => ({ value: k, label: pdKindLabels[k] }))}
        placeholder="- Select -"
        onChange={setKind}
      />
      <SelectField
        id={`${id}-area`}
        name="contentArea"
        label="Content area"
        error={errorOf('contentArea')}
        value={contentArea}
        options={pdContentAreas.map((a) => ({ value: a, label: pdContentAreaLabels[a] }))}
        placeholder="- Select -"
        onChange={setContentArea}
      />
      <TextAreaField
        id={`${id}-description`}
        name="description"
        label="Description (optional)"
        error={errorOf('description')}
        maxLength={4000}
        value={description}
        onChange={setDescription}
      />
      <Button type="submit" className="margin-top-3" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add the offering'}
      </Button>
    </form>
  );
}

const sessionFields = ['offering', 'startsOn', 'location', 'capacity'] as const;

/** State staff add a session to an offering: date, location, capacity. */
export function SessionForm({ offerings }: { offerings: readonly Offering[] }) {
  const id = useId();
  const add = useAddSession();
  const [offeringId, setOfferingId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [location, setLocation] = useState('');
  const [capacity, setCapacity] = useState('');
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(add.error, local, form, sessionFields);
  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        const offering = offerings.find((o) => String(o.id) === offeringId);
        if (offering === undefined) {
          setLocal({ field: 'offering', message: 'Choose the offering the session belongs to' });
          return;
        }
        if (!/^\d+$/.test(capacity.trim())) {
          setLocal({ field: 'capacity', message: 'Enter the number of places, a whole number' });
          return;
        }
        setLocal(null);
        add.mutate(
          { offeringId: offering.id, body: { startsOn, location, capacity: Number(capacity) } },
          {
            onSuccess: (session) => {
              setDone(`A session of ${offering.title} on ${formatDate(session.startsOn)} is added.`);
              setStartsOn('');
              setLocation('');
              setCapacity('');
            },
          },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Add a session</h3>
      {done !== null ? <DoneNotice message={done} headingLevel="h3" /> : null}
      {add.isError && !shownBeside ? <ErrorAlert heading="The session could not be added" error={add.error} /> : null}
      <SelectField
        id={`${id}-offering`}
        name="offering"
        label="Offering"
        error={errorOf('offering')}
        value={offeringId}
        options={offerings.map((o) => ({ value: String(o.id), label: o.title }))}
        placeholder="- Select -"
        onChange={setOfferingId}
      />
      <InputField
        id={`${id}-date`}
        name="startsOn"
        type="date"
        label="Date"
        error={errorOf('startsOn')}
        value={startsOn}
        onChange={setStartsOn}
      />
      <InputField
        id={`${id}-location`}
        name="location"
        label="Location"
        hint="A place, or Online"
        error={errorOf('location')}
        maxLength={200}
        value={location}
        onChange={setLocation}
      />
      <InputField
        id={`${id}-capacity`}
        name="capacity"
        label="Places"
        hint="How many people can take part"
        error={errorOf('capacity')}
        maxLength={5}
        value={capacity}
        onChange={setCapacity}
      />
      <Button type="submit" className="margin-top-3" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add the session'}
      </Button>
    </form>
  );
}

/** State staff change a session's capacity; a larger one promotes from the waitlist, in order. */
export function CapacityForm({ session, onDone }: { session: PdSession; onDone: (message: string) => void }) {
  const id = useId();
  const change = useChangeCapacity(session.id);
  const [capacity, setCapacity] = useState(String(session.capacity));
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(change.error, local, form, ['capacity']);
  return (
    <form
      ref={form}
      className="usa-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!/^\d+$/.test(capacity.trim())) {
          setLocal({ field: 'capacity', message: 'Enter the number of places, a whole number' });
          return;
        }
        setLocal(null);
        change.mutate(Number(capacity), {
          onSuccess: (s) =>
            onDone(
              `The session now has ${s.capacity} places: ${s.confirmed} confirmed, ${s.waitlisted} on the waitlist.`,
            ),
        });
      }}
    >
      <h2 id={`${id}-heading`}>Change the number of places</h2>
      <p>More places promote people from the waitlist in order; fewer places never take a confirmed place away.</p>
      {change.isError && !shownBeside ? (
        <ErrorAlert heading="The places could not be changed" error={change.error} />
      ) : null}
      <InputField
        id={`${id}-capacity`}
        name="capacity"
        label="Places"
        error={errorOf('capacity')}
        maxLength={5}
        value={capacity}
        onChange={setCapacity}
      />
      <Button type="submit" outline className="margin-top-2" disabled={change.isPending}>
        {change.isPending ? 'Saving…' : 'Change the places'}
      </Button>
    </form>
  );
}
