import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { Button, Fieldset, Select, Table } from '@trussworks/react-uswds';
import { useCurrentUser } from '../api/auth.ts';
import {
  useCalibrationReport,
  useInstrument,
  useRecordSheet,
  walkthroughsPath,
  type AgreementFigures,
  type CalibrationReport,
} from '../api/walkthroughs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, RecordState } from '../components/grants-crumbs.tsx';

import { InputField } from '../components/form-field.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { formatDate, PlanField, refusedField, type FieldChange } from '../components/plan-format.tsx';

/** A share 0..1 as a percent with one decimal, or a dash. */
function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** Kappa with three decimals and its method, or what stands in for it. */
function kappa(f: AgreementFigures): string {
  if (f.kappa === null) return '—';
  return `${f.kappa.toFixed(3)} (${f.method === 'cohen' ? 'Cohen' : 'Fleiss'})`;
}

/**
 * A calibration session: the rating sheets of its observers, and their agreement per item and overall (percent
 * agreement; Cohen's kappa for two observers, Fleiss' for more). Observers' sheets are recorded here; reads are
 * audited (sheets name the observers).
 */
export function WalkthroughsSessionPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const report = useCalibrationReport(Number(id), { enabled: user !== null });
  const title = report.data?.title ?? 'Calibration session';
  useDocumentTitle(title);
  return (
    <>
      <AreaCrumbs trail={[{ to: walkthroughsPath, label: 'Walkthroughs' }]} current={title} />
      <h1>{title}</h1>
      <RecordState
        signedIn={user !== null}
        signIn={{ what: 'Calibration sessions are for agency staff.', next: `/assistance/walkthroughs/sessions/${id}` }}
        query={report}
        noun="the session"
        noAccess="This session belongs to another region"
      >
        {(data) => <SessionBody report={data} />}
      </RecordState>
    </>
  );
}

function SessionBody({ report }: { report: CalibrationReport }) {
  const id = useId();
  const a = report.agreement;
  return (
    <>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row">
          <dt>Date</dt>
          <dd>{formatDate(report.heldOn)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Instrument</dt>
          <dd>{report.instrument.name}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Region</dt>
          <dd>{report.region.name}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Lesson observed at</dt>
          <dd>{report.school?.name ?? 'A recorded lesson'}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Observers</dt>
          <dd>{a.raters.length === 0 ? 'No sheet yet' : a.raters.join(', ')}</dd>
        </div>
      </dl>
      <section aria-labelledby={`${id}-agreement`} className="margin-top-4">
        <h2 id={`${id}-agreement`}>Agreement</h2>
        <p className="ssos-readable">
          Percent agreement: with two observers the share of lessons rated alike; with more, the mean share of agreeing
          pairs. Kappa corrects for the agreement chance alone would give: 1 is perfect, 0 no better than chance. When
          every rating falls in one category kappa cannot be computed (the note says so). Only lessons every observer
          rated count. With a single lesson, an item’s kappa rests on that one lesson: read the item’s percent agreement
          and the overall kappa, which counts every lesson and item.
        </p>
        <ScrollRegion label="Agreement">
          <Table bordered fullWidth>
            <caption>Agreement per item and overall</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="ssos-num">
                  Lessons
                </th>
                <th scope="col" className="ssos-num">
                  Percent agreement
                </th>
                <th scope="col" className="ssos-num">
                  Kappa
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {a.items.map((f) => (
                <tr key={f.itemId}>
                  <th scope="row">{f.prompt}</th>
                  <td className="ssos-num">
                    {f.subjects}
                    {f.incomplete > 0 ? ` (+${f.incomplete} incomplete)` : ''}
                  </td>
                  <td className="ssos-num">{percent(f.percentAgreement)}</td>
                  <td className="ssos-num">{kappa(f)}</td>
                  <td>{f.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Overall (lesson x item)</th>
                <td className="ssos-num">{a.overall.subjects}</td>
                <td className="ssos-num">{percent(a.overall.percentAgreement)}</td>
                <td className="ssos-num">{kappa(a.overall)}</td>
                <td>{a.overall.note ?? ''}</td>
              </tr>
            </tfoot>
          </Table>
        </ScrollRegion>
      </section>
      <Sheets report={report} />
      <RecordSheet report={report} />
    </>
  );
}

function Sheets({ report }: { report: CalibrationReport }) {
  const id = useId();
  const instrument = useInstrument(report.instrument.id);
  const items = instrument.data?.items ?? [];
  return (
    <section aria-labelledby={`${id}-sheets`} className="margin-top-4">
      <h2 id={`${id}-sheets`}>Rating sheets</h2>
      {report.sheets.length === 0 ? (
        <p>No observer has recorded a sheet yet.</p>
      ) : (
        <ScrollRegion label="Rating sheets">
          <Table bordered fullWidth>
            <caption>Each observer’s ratings, per lesson</caption>
            <thead>
              <tr>
                <th scope="col">Observer</th>
                <th scope="col">Lesson</th>
                {items.map((it) => (
                  <th key={it.id} scope="col" className="ssos-num">
                    Item {it.position}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.sheets.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.observer}</th>
                  <td>{s.lesson}</td>
                  {items.map((it) => (
                    <td key={it.id} className="ssos-num">
                      {s.ratings.find((r) => r.itemId === it.id)?.value ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

function RecordSheet({ report }: { report: CalibrationReport }) {
  const id = useId();
  const instrument = useInstrument(report.instrument.id);
  const record = useRecordSheet(report.id);
  const [observer, setObserver] = useState('');
  const [lesson, setLesson] = useState('lesson');
  const [ratings, setRatings] = useState<Record<number, string>>({});
  const refused = refusedField<'observer' | 'lesson' | 'ratings'>(record.error, ['observer', 'lesson', 'ratings']);
  const errorOf = (f: 'observer' | 'lesson' | 'ratings') => (refused?.field === f ? refused.message : null);
  if (instrument.isPending) return <LoadingStatus>Loading the instrument…</LoadingStatus>;
  if (instrument.isError) return <ErrorAlert heading="The instrument could not be loaded" error={instrument.error} />;
  const items = instrument.data.items;
  return (
    <form
      className="usa-form usa-form--large margin-top-4"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate(
          {
            observer: observer.trim(),
            lesson: lesson.trim(),
            ratings: items
              .filter((it) => (ratings[it.id] ?? '') !== '')
              .map((it) => ({ itemId: it.id, value: Number(ratings[it.id]) })),
          },
          { onSuccess: () => setRatings({}) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Record a rating sheet</h2>
      <p>Sending the same observer and lesson again replaces that sheet.</p>
      {record.isError && refused === null ? (
        <ErrorAlert heading="The sheet could not be recorded" error={record.error} />
      ) : null}
      <InputField
        id={`${id}-observer`}
        label="Observer"
        error={errorOf('observer')}
        name="observer"
        value={observer}
        maxLength={200}
        onChange={setObserver}
      />
      <InputField
        id={`${id}-lesson`}
        label="Lesson"
        hint="Which lesson or classroom (no teacher names needed)"
        error={errorOf('lesson')}
        name="lesson"
        value={lesson}
        maxLength={200}
        onChange={setLesson}
      />
      <Fieldset legend="Ratings">
        {errorOf('ratings') !== null ? (
          <span className="usa-error-message" role="alert">
            {errorOf('ratings')}
          </span>
        ) : null}
        {items.map((it) => (
          <PlanField key={it.id} id={`${id}-item-${it.id}`} label={`${it.position}. ${it.prompt}`} error={null}>
            <Select
              id={`${id}-item-${it.id}`}
              name={`ratings.${it.id}`}
              value={ratings[it.id] ?? ''}
              onChange={(e: FieldChange) => setRatings({ ...ratings, [it.id]: e.target.value })}
            >
              <option value="">Not rated</option>
              {it.scale.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.value} {p.label}
                </option>
              ))}
            </Select>
          </PlanField>
        ))}
      </Fieldset>
      <Button type="submit" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record the sheet'}
      </Button>
    </form>
  );
}
