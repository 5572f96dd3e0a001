import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ButtonGroup, Fieldset, Select, Table } from '@trussworks/react-uswds';
import { frameworkCodeList } from '../../core/assistance/vocabulary.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isAssistanceStaff, isStateStaff } from '../api/assistance.ts';
import { useCurrentUser, useSession } from '../api/auth.ts';
import {
  calibrationPath,
  instrumentPath,
  useCalibrationSessions,
  useInstruments,
  useOpenCalibrationSession,
  useSaveInstrument,
  walkthroughsPath,
  type InstrumentBody,
} from '../api/walkthroughs.ts';
import { frameworkCodeLabel } from '../components/assistance-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, NoAccessNotice, SignInNotice } from '../components/grants-crumbs.tsx';

import { InputField, TextAreaField } from '../components/form-field.tsx';
import { isoToday } from '../components/grants-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { RegionSelect } from '../components/networks-region-select.tsx';
import { describedBy, formatDate, PlanField, refusedField, type FieldChange } from '../components/plan-format.tsx';

/** Rating scales an item can use (the builder's choices; the API takes any scale of 2-10 points). */
export const scalePresets = {
  four: {
    label: '4 points: not evident to very evident',
    scale: [
      { value: 1, label: 'Not evident' },
      { value: 2, label: 'Somewhat evident' },
      { value: 3, label: 'Evident' },
      { value: 4, label: 'Very evident' },
    ],
  },
  three: {
    label: '3 points: not evident, partially, evident',
    scale: [
      { value: 1, label: 'Not evident' },
      { value: 2, label: 'Partially evident' },
      { value: 3, label: 'Evident' },
    ],
  },
  yesNo: {
    label: '2 points: no or yes',
    scale: [
      { value: 0, label: 'No' },
      { value: 1, label: 'Yes' },
    ],
  },
} as const;
type ScalePreset = keyof typeof scalePresets;

/**
 * Walkthroughs and calibration: the observation instruments (any agency user builds one) and the calibration
 * sessions where several observers rate the same lesson, with their agreement.
 */
export function WalkthroughsPage() {
  useDocumentTitle('Walkthroughs and calibration');
  const session = useSession();
  const user = useCurrentUser();
  return (
    <>
      <AreaCrumbs current="Walkthroughs and calibration" />
      <h1>Walkthroughs and calibration</h1>
      <p className="usa-intro ssos-readable">
        Observers use a shared instrument for learning walkthroughs and classroom visits; in calibration sessions
        several observers rate the same lesson, and their agreement shows whether they read the instrument alike.
      </p>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <SignInNotice what="Walkthroughs and calibration are for agency staff." next={walkthroughsPath} />
      ) : !isAssistanceStaff(user) ? (
        <NoAccessNotice heading="Walkthroughs are not open to your account">
          Observation instruments and calibration sessions are for state and regional agency staff.
        </NoAccessNotice>
      ) : (
        <>
          <Instruments />
          <BuildInstrument />
          <Sessions user={user} />
        </>
      )}
    </>
  );
}

function Instruments() {
  const id = useId();
  const instruments = useInstruments();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Observation instruments</h2>
      {instruments.isPending ? (
        <LoadingStatus>Loading the instruments…</LoadingStatus>
      ) : instruments.isError ? (
        <ErrorAlert heading="The instruments could not be loaded" error={instruments.error} />
      ) : instruments.data.items.length === 0 ? (
        <p>No instrument yet.</p>
      ) : (
        <ScrollRegion label="Instruments">
          <Table bordered fullWidth>
            <caption>Observation instruments by name</caption>
            <thead>
              <tr>
                <th scope="col">Instrument</th>
                <th scope="col" className="ssos-num">
                  Items
                </th>
                <th scope="col">In use</th>
              </tr>
            </thead>
            <tbody>
              {instruments.data.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <Link to={instrumentPath(i.id)} className="usa-link">
                      {i.name}
                    </Link>
                    {i.description !== '' ? (
                      <span className="display-block text-base-dark">{i.description}</span>
                    ) : null}
                  </th>
                  <td className="ssos-num">{i.itemCount}</td>
                  <td>{i.inUse ? 'Yes: its items are fixed' : 'Not yet'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

interface ItemDraft {
  prompt: string;
  code: string;
  preset: ScalePreset;
}

/** The instrument builder: a name, a description and items, each with what it looks for and its rating scale. */
export function InstrumentForm({
  instrumentId,
  initial,
  onSaved,
}: {
  instrumentId: number | null;
  initial: { name: string; description: string; items: ItemDraft[] };
  onSaved: (id: number) => void;
}) {
  const id = useId();
  const save = useSaveInstrument(instrumentId);
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [items, setItems] = useState<ItemDraft[]>(initial.items);
  const refused = refusedField<'name' | 'description' | 'items'>(save.error, ['name', 'description', 'items']);
  const errorOf = (f: 'name' | 'description' | 'items') => (refused?.field === f ? refused.message : null);
  const setItem = (i: number, patch: Partial<ItemDraft>) =>
    setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <form
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body: InstrumentBody = {
          name: name.trim(),
          description,
          items: items.map((it) => ({
            prompt: it.prompt.trim(),
            frameworkCodes: it.code === '' ? [] : [it.code as (typeof frameworkCodeList)[number]],
            scale: scalePresets[it.preset].scale.map((p) => ({ ...p })),
          })),
        };
        save.mutate(body, { onSuccess: (instrument) => onSaved(instrument.id) });
      }}
    >
      <h2 id={`${id}-heading`}>{instrumentId === null ? 'Build an instrument' : 'Change the instrument'}</h2>
      {save.isError && refused === null ? (
        <ErrorAlert heading="The instrument could not be saved" error={save.error} />
      ) : null}
      <InputField
        id={`${id}-name`}
        label="Name"
        error={errorOf('name')}
        name="name"
        value={name}
        maxLength={200}
        onChange={setName}
      />
      <TextAreaField
        id={`${id}-desc`}
        label="Description (optional)"
        error={errorOf('description')}
        name="description"
        value={description}
        maxLength={4000}
        onChange={setDescription}
      />
      {errorOf('items') !== null ? (
        <span className="usa-error-message" role="alert">
          {errorOf('items')}
        </span>
      ) : null}
      {items.map((it, i) => (
        <Fieldset key={i} legend={`Item ${i + 1}`}>
          <InputField
            id={`${id}-prompt-${i}`}
            label="What the observer looks for"
            error={null}
            name={`items.${i}.prompt`}
            value={it.prompt}
            maxLength={1000}
            onChange={(value) => setItem(i, { prompt: value })}
          />
          <PlanField id={`${id}-code-${i}`} label="Condition or Practice it addresses (optional)" error={null}>
            <Select
              id={`${id}-code-${i}`}
              name={`items.${i}.code`}
              value={it.code}
              onChange={(e: FieldChange) => setItem(i, { code: e.target.value })}
            >
              <option value="">None</option>
              {frameworkCodeList.map((c) => (
                <option key={c} value={c}>
                  {frameworkCodeLabel(c)}
                </option>
              ))}
            </Select>
          </PlanField>
          <PlanField id={`${id}-scale-${i}`} label="Rating scale" error={null}>
            <Select
              id={`${id}-scale-${i}`}
              name={`items.${i}.scale`}
              value={it.preset}
              onChange={(e: FieldChange) => setItem(i, { preset: e.target.value as ScalePreset })}
            >
              {(Object.keys(scalePresets) as ScalePreset[]).map((k) => (
                <option key={k} value={k}>
                  {scalePresets[k].label}
                </option>
              ))}
            </Select>
          </PlanField>
          {items.length > 1 ? (
            <Button type="button" unstyled onClick={() => setItems(items.filter((_, j) => j !== i))}>
              Remove item {i + 1}
            </Button>
          ) : null}
        </Fieldset>
      ))}
      <ButtonGroup>
        <Button type="button" outline onClick={() => setItems([...items, { prompt: '', code: '', preset: 'four' }])}>
          Add an item
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the instrument'}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function BuildInstrument() {
  const navigate = useNavigate();
  return (
    <div className="margin-top-5">
      <InstrumentForm
        instrumentId={null}
        initial={{ name: '', description: '', items: [{ prompt: '', code: '', preset: 'four' }] }}
        onSaved={(id) => void navigate(instrumentPath(id))}
      />
    </div>
  );
}

type SessionField = 'instrumentId' | 'regionCode' | 'schoolCode' | 'heldOn' | 'title';

function Sessions({ user }: { user: CurrentUser }) {
  const id = useId();
  const navigate = useNavigate();
  const state = isStateStaff(user);
  const sessions = useCalibrationSessions(undefined);
  const instruments = useInstruments();
  const open = useOpenCalibrationSession();
  const [draft, setDraft] = useState({
    instrumentId: '',
    regionCode: state ? '' : (user.scope.orgCode ?? ''),
    schoolCode: '',
    heldOn: isoToday(),
    title: '',
  });
  const refused = refusedField<SessionField>(open.error, [
    'instrumentId',
    'regionCode',
    'schoolCode',
    'heldOn',
    'title',
  ]);
  const errorOf = (f: SessionField) => (refused?.field === f ? refused.message : null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const firstInstrument = instruments.data?.items[0]?.id;
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>Calibration sessions</h2>
      {sessions.isPending ? (
        <LoadingStatus>Loading the sessions…</LoadingStatus>
      ) : sessions.isError ? (
        <ErrorAlert heading="The sessions could not be loaded" error={sessions.error} />
      ) : sessions.data.items.length === 0 ? (
        <p>No calibration session yet.</p>
      ) : (
        <ScrollRegion label="Calibration sessions">
          <Table bordered fullWidth>
            <caption>Calibration sessions, latest first{state ? '' : ' (your region)'}</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Date</th>
                <th scope="col">Instrument</th>
                <th scope="col">Region</th>
                <th scope="col">School observed</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={calibrationPath(s.id)} className="usa-link">
                      {s.title}
                    </Link>
                  </th>
                  <td>{formatDate(s.heldOn)}</td>
                  <td>{s.instrument.name}</td>
                  <td>{s.region.name}</td>
                  <td>{s.school?.name ?? 'A recorded lesson'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {firstInstrument !== undefined ? (
        <form
          className="usa-form usa-form--large"
          aria-labelledby={`${id}-open`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            open.mutate(
              {
                instrumentId: Number(draft.instrumentId || firstInstrument),
                regionCode: draft.regionCode,
                ...(draft.schoolCode.trim() === '' ? {} : { schoolCode: draft.schoolCode.trim() }),
                heldOn: draft.heldOn,
                title: draft.title.trim(),
              },
              { onSuccess: (report) => void navigate(calibrationPath(report.id)) },
            );
          }}
        >
          <h3 id={`${id}-open`}>Open a calibration session</h3>
          {open.isError && refused === null ? (
            <ErrorAlert heading="The session could not be opened" error={open.error} />
          ) : null}
          <InputField
            id={`${id}-title`}
            label="Title"
            error={errorOf('title')}
            name="title"
            value={draft.title}
            maxLength={200}
            onChange={set('title')}
          />
          <PlanField id={`${id}-instrument`} label="Instrument" error={errorOf('instrumentId')}>
            <Select
              id={`${id}-instrument`}
              name="instrumentId"
              value={draft.instrumentId || String(firstInstrument)}
              onChange={(e: FieldChange) => set('instrumentId')(e.target.value)}
            >
              {instruments.data!.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </Select>
          </PlanField>
          <PlanField id={`${id}-region`} label="Region" error={errorOf('regionCode')}>
            <RegionSelect
              id={`${id}-region`}
              name="regionCode"
              value={draft.regionCode}
              noneLabel={state ? 'Choose a region' : undefined}
              only={state ? null : user.scope.orgCode}
              onChange={(regionCode) => setDraft({ ...draft, regionCode })}
              describedBy={describedBy(`${id}-region`, false, errorOf('regionCode'))}
            />
          </PlanField>
          <InputField
            id={`${id}-school`}
            label="School observed (optional)"
            hint="8-digit code; leave empty for a recorded lesson"
            error={errorOf('schoolCode')}
            name="schoolCode"
            value={draft.schoolCode}
            maxLength={40}
            onChange={set('schoolCode')}
          />
          <InputField
            id={`${id}-date`}
            label="Date"
            error={errorOf('heldOn')}
            name="heldOn"
            type="date"
            value={draft.heldOn}
            onChange={set('heldOn')}
          />
          <Button type="submit" disabled={open.isPending}>
            Open the session
          </Button>
        </form>
      ) : null}
    </section>
  );
}
