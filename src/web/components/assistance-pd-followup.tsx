import { useId, useRef, useState } from 'react';
import { Button, Fieldset, Radio, Table } from '@trussworks/react-uswds';
import {
  useEvaluationQuestions,
  useMyRegistrations,
  useRecordAttendance,
  useSessionSummary,
  useSubmitEvaluation,
  type Registration,
} from '../api/assistance.ts';
import { NoValue } from './accountability-format.tsx';
import { DoneNotice } from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { TextAreaField, useFieldProblems, type FieldProblem } from './form-field.tsx';
import { LoadingStatus } from './loading-status.tsx';

type Attendance = NonNullable<Registration['attendance']>;

/**
 * Attendance at a session that has taken place: attended or absent for each confirmed registration the user's scope
 * holds, recorded together (a record sent again replaces the earlier one).
 */
export function AttendanceForm({
  sessionId,
  items,
  onDone,
}: {
  sessionId: number;
  items: readonly Registration[];
  onDone: (message: string) => void;
}) {
  const id = useId();
  const record = useRecordAttendance(sessionId);
  const confirmed = items.filter((r) => r.status === 'confirmed');
  const [chosen, setChosen] = useState<Record<number, Attendance>>(() =>
    Object.fromEntries(confirmed.flatMap((r) => (r.attendance !== null ? [[r.id, r.attendance]] : []))),
  );
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(record.error, null, form, ['records']);
  if (confirmed.length === 0) return <p>No one of yours has a confirmed place in this session.</p>;
  const records = Object.entries(chosen).map(([registrationId, status]) => ({
    registrationId: Number(registrationId),
    status,
  }));
  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-label="Record attendance"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate(
          { records },
          {
            onSuccess: () =>
              onDone(`Attendance is recorded for ${records.length} ${records.length === 1 ? 'person' : 'people'}.`),
          },
        );
      }}
    >
      {record.isError && !shownBeside ? (
        <ErrorAlert heading="The attendance could not be recorded" error={record.error} />
      ) : null}
      {errorOf('records') !== null ? (
        <span className="usa-error-message" role="alert">
          {errorOf('records')}
        </span>
      ) : null}
      {confirmed.map((r) => (
        <Fieldset key={r.id} legend={`${r.name}, ${r.org.name}`} className="margin-top-2">
          <div className="display-flex flex-wrap">
            {(['attended', 'absent'] as const).map((status) => (
              <Radio
                key={status}
                id={`${id}-${r.id}-${status}`}
                name={`records.${r.id}`}
                value={status}
                className="margin-right-4"
                label={status === 'attended' ? 'Attended' : 'Absent'}
                checked={chosen[r.id] === status}
                onChange={() => setChosen((c) => ({ ...c, [r.id]: status }))}
              />
            ))}
          </div>
        </Fieldset>
      ))}
      <Button type="submit" className="margin-top-3" disabled={record.isPending || records.length === 0}>
        {record.isPending ? 'Recording…' : 'Record the attendance'}
      </Button>
    </form>
  );
}

/** A session in numbers: attendance, and the mean rating per evaluation question (withheld under the minimum). */
export function SessionNumbers({ sessionId }: { sessionId: number }) {
  const summary = useSessionSummary(sessionId);
  if (summary.isPending) return <LoadingStatus>Loading the figures…</LoadingStatus>;
  if (summary.isError) return <ErrorAlert heading="The figures could not be loaded" error={summary.error} />;
  const { attendance, evaluations, minimum, questions, comments } = summary.data;
  const withheld = evaluations < minimum;
  return (
    <>
      <p>
        {attendance.rate === null
          ? 'No attendance is recorded yet.'
          : `${attendance.attended} of ${attendance.attended + attendance.absent} recorded attended (${attendance.rate}%)`}
        {attendance.notRecorded > 0 ? `; ${attendance.notRecorded} confirmed not recorded yet.` : '.'} {evaluations}{' '}
        {evaluations === 1 ? 'evaluation' : 'evaluations'} received
        {withheld && evaluations > 0
          ? `: the means and comments are withheld until at least ${minimum} people have evaluated the session.`
          : '.'}
      </p>
      {evaluations > 0 ? (
        <Table bordered>
          <caption>Mean rating per question (1 to 5)</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answers</th>
              <th scope="col">Mean</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.code}>
                <th scope="row" className="text-normal">
                  {q.prompt}
                </th>
                <td>{q.n}</td>
                <td>{q.suppressed || q.mean === null ? <NoValue label="withheld" /> : q.mean.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {comments !== null && comments.length > 0 ? (
        <>
          <h3>Comments</h3>
          <ul className="usa-list">
            {comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * The evaluation of a session by the signed-in user, when they attended it and have not evaluated it yet (their
 * registration is found by their email); nothing otherwise.
 */
export function EvaluationForm({ sessionId }: { sessionId: number }) {
  const id = useId();
  const mine = useMyRegistrations();
  const mineHere = mine.data?.items.find((m) => m.registration.sessionId === sessionId);
  const questions = useEvaluationQuestions({ enabled: mineHere?.canEvaluate === true });
  const submit = useSubmitEvaluation(sessionId);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comments, setComments] = useState('');
  const [local, setLocal] = useState<FieldProblem | null>(null);
  const [done, setDone] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(submit.error, local, form, ['ratings', 'comments']);
  if (done)
    return (
      <section aria-labelledby={`${id}-heading`} className="margin-top-5">
        <h2 id={`${id}-heading`}>Your evaluation</h2>
        <DoneNotice message="Thank you: your evaluation is received." />
      </section>
    );
  if (mineHere === undefined || !mineHere.canEvaluate || questions.data === undefined) return null;
  const { scale, items } = questions.data;
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>Your evaluation</h2>
      <form
        ref={form}
        className="usa-form usa-form--large"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const missing = items.find((q) => ratings[q.code] === undefined);
          if (missing !== undefined) {
            setLocal({ field: 'ratings', message: `Rate every statement: “${missing.prompt}” has no rating yet` });
            return;
          }
          setLocal(null);
          submit.mutate(
            {
              registrationId: mineHere.registration.id,
              body: { ratings: items.map((q) => ({ question: q.code, rating: ratings[q.code]! })), comments },
            },
            { onSuccess: () => setDone(true) },
          );
        }}
      >
        <p>
          You attended this session: how did it go for you? Each statement is rated from {scale.min} to {scale.max}.
        </p>
        {submit.isError && !shownBeside ? (
          <ErrorAlert heading="The evaluation could not be sent" error={submit.error} />
        ) : null}
        {errorOf('ratings') !== null ? (
          <span className="usa-error-message" role="alert">
            {errorOf('ratings')}
          </span>
        ) : null}
        {items.map((q) => (
          <Fieldset key={q.code} legend={q.prompt} className="margin-top-3">
            <div className="display-flex flex-wrap">
              {points.map((p) => (
                <Radio
                  key={p}
                  id={`${id}-${q.code}-${p}`}
                  name={`ratings.${q.code}`}
                  value={String(p)}
                  className="margin-right-3"
                  label={scale.labels[String(p)] !== undefined ? `${p} ${scale.labels[String(p)]}` : String(p)}
                  checked={ratings[q.code] === p}
                  onChange={() => setRatings((r) => ({ ...r, [q.code]: p }))}
                />
              ))}
            </div>
          </Fieldset>
        ))}
        <TextAreaField
          id={`${id}-comments`}
          name="comments"
          label="Comments (optional)"
          error={errorOf('comments')}
          maxLength={4000}
          value={comments}
          onChange={setComments}
        />
        <Button type="submit" className="margin-top-3" disabled={submit.isPending}>
          {submit.isPending ? 'Sending…' : 'Send the evaluation'}
        </Button>
      </form>
    </section>
  );
}
