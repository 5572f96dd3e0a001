import { useId, useState } from 'react';
import { Alert, AlertText, Button, Select, Textarea } from '@trussworks/react-uswds';
import { turnaroundPractices } from '../../core/plans/template.ts';
import {
  useAddPlanComment,
  useApprovePlan,
  useReturnPlan,
  type CommentBody,
  type Plan,
  type PlanComment,
} from '../api/plans.ts';
import { ErrorAlert } from './error-alert.tsx';
import { formatDateTime, planStatusLabels, PlanField, type FieldChange } from './plan-format.tsx';

/** The five parts of a coaching comment, as the state's coaching protocol names them. */
const commentParts = [
  { key: 'strength', label: 'A strength', hint: 'What the plan does well' },
  { key: 'improvement', label: 'One thing to improve', hint: 'The one change that matters most' },
  { key: 'guidingQuestions', label: 'Guiding questions', hint: 'Questions for the team to work through' },
  { key: 'expectedOutcomes', label: 'Expected outcomes', hint: 'What should be different as a result' },
  { key: 'nextSteps', label: 'Next steps', hint: 'What the coach will look for next' },
] as const;
type PartKey = (typeof commentParts)[number]['key'];

function practiceName(key: string | null): string {
  if (key === null) return 'The whole plan';
  const practice = turnaroundPractices.find((p) => p.key === key);
  return practice === undefined ? key : `Turnaround Practice ${practice.number}: ${practice.title}`;
}

/** The coaching comments on the plan, newest first, as the team and the reviewers read them. */
export function PlanComments({ plan }: { plan: Plan }) {
  const comments = [...plan.comments].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <section aria-labelledby="plan-comments">
      <h2 id="plan-comments">Coaching comments</h2>
      {comments.length === 0 ? (
        <p>No coaching comments yet. Reviewers comment when they return or approve the plan.</p>
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {comments.map((c) => (
            <li key={c.id}>
              <CommentCard comment={c} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CommentCard({ comment }: { comment: PlanComment }) {
  return (
    <article
      className="usa-summary-box"
      style={{ marginBottom: '1rem' }}
      aria-label={`Coaching comment of ${formatDateTime(comment.createdAt)}`}
    >
      <div className="usa-summary-box__body">
        <h3 className="usa-summary-box__heading">{practiceName(comment.practice)}</h3>
        <p>
          {comment.author !== null ? comment.author.name : 'A former reviewer'} · {formatDateTime(comment.createdAt)} ·
          made while the plan was {planStatusLabels[comment.planStatus].toLowerCase()}
        </p>
        <dl className="ssos-facts">
          {commentParts
            .filter((part) => comment[part.key].trim() !== '')
            .map((part) => (
              <div className="ssos-facts__row" key={part.key}>
                <dt>{part.label}</dt>
                <dd className="ssos-readable" style={{ whiteSpace: 'pre-wrap' }}>
                  {comment[part.key]}
                </dd>
              </div>
            ))}
        </dl>
      </div>
    </article>
  );
}

type Draft = Record<PartKey, string> & { practice: string };
const blank: Draft = {
  practice: '',
  strength: '',
  improvement: '',
  guidingQuestions: '',
  expectedOutcomes: '',
  nextSteps: '',
};

function toComment(draft: Draft): CommentBody {
  const body: CommentBody = {
    practice: draft.practice === '' ? null : (draft.practice as (typeof turnaroundPractices)[number]['key']),
  };
  for (const part of commentParts) {
    const text = draft[part.key].trim();
    if (text !== '') body[part.key] = text;
  }
  return body;
}

function isEmpty(draft: Draft): boolean {
  return commentParts.every((p) => draft[p.key].trim() === '');
}

/**
 * The reviewer's form: a coaching comment, then return the plan with it or approve it (while it is submitted), or
 * add it alone. Only the actions the server allows now are offered; a refusal (409) is shown as the server words it.
 */
export function PlanReview({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(blank);
  const [missing, setMissing] = useState<string | null>(null);
  const returnPlan = useReturnPlan(plan.id);
  const approve = useApprovePlan(plan.id);
  const comment = useAddPlanComment(plan.id);
  const failed = [returnPlan, approve, comment].find((m) => m.isError);
  const pending = returnPlan.isPending || approve.isPending || comment.isPending;
  const reset = () => {
    returnPlan.reset();
    approve.reset();
    comment.reset();
    setMissing(null);
  };
  const finish = (message: string) => {
    setDraft(blank);
    onDone(message);
  };
  const needsComment = (what: string) => {
    if (!isEmpty(draft)) return false;
    setMissing(`Write at least one part of the coaching comment to ${what}.`);
    document.getElementById(`${id}-improvement`)?.focus();
    return true;
  };
  const heading = plan.permissions.review ? 'Review the plan' : 'Add a coaching comment';

  return (
    <section aria-labelledby="plan-review">
      <h2 id="plan-review">{heading}</h2>
      <p className="ssos-readable">
        {plan.permissions.review
          ? 'Return the plan to the team with a coaching comment saying what to revise, or approve it (a comment is optional). The team sees every comment.'
          : 'The team sees the comment on the plan; the plan’s status does not change.'}
      </p>
      {failed !== undefined ? <ErrorAlert heading="That could not be done" error={failed.error} /> : null}
      <form
        className="usa-form usa-form--large"
        aria-labelledby="plan-review"
        noValidate
        onSubmit={(event) => event.preventDefault()}
      >
        <PlanField id={`${id}-practice`} label="Comment on" error={null}>
          <Select
            id={`${id}-practice`}
            name="practice"
            value={draft.practice}
            onChange={(e: FieldChange) => setDraft((d) => ({ ...d, practice: e.target.value }))}
          >
            <option value="">The whole plan</option>
            {turnaroundPractices.map((p) => (
              <option key={p.key} value={p.key}>
                Turnaround Practice {p.number}: {p.title}
              </option>
            ))}
          </Select>
        </PlanField>
        {commentParts.map((part) => (
          <PlanField
            key={part.key}
            id={`${id}-${part.key}`}
            label={part.label}
            hint={part.hint}
            error={part.key === 'improvement' ? missing : null}
          >
            <Textarea
              id={`${id}-${part.key}`}
              name={part.key}
              value={draft[part.key]}
              maxLength={20000}
              onChange={(e: FieldChange) => {
                setMissing(null);
                setDraft((d) => ({ ...d, [part.key]: e.target.value }));
              }}
              aria-describedby={`${id}-${part.key}-hint${part.key === 'improvement' && missing !== null ? ` ${id}-${part.key}-error` : ''}`}
              aria-invalid={part.key === 'improvement' && missing !== null ? true : undefined}
            />
          </PlanField>
        ))}
        <div className="usa-button-group" style={{ marginTop: '1.5rem' }}>
          {plan.permissions.review ? (
            <>
              <Button
                type="button"
                disabled={pending}
                onClick={() => {
                  reset();
                  if (needsComment('return the plan')) return;
                  returnPlan.mutate(toComment(draft), {
                    onSuccess: () => finish('The plan is returned to the team with your coaching comment.'),
                  });
                }}
              >
                Return with comments
              </Button>
              <Button
                type="button"
                disabled={pending}
                onClick={() => {
                  reset();
                  approve.mutate(isEmpty(draft) ? undefined : toComment(draft), {
                    onSuccess: () => finish('The plan is approved.'),
                  });
                }}
              >
                Approve the plan
              </Button>
            </>
          ) : null}
          {plan.permissions.comment ? (
            <Button
              type="button"
              outline
              disabled={pending}
              onClick={() => {
                reset();
                if (needsComment('add it')) return;
                comment.mutate(toComment(draft), { onSuccess: () => finish('Your coaching comment is added.') });
              }}
            >
              Add the comment only
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** Confirmation after a workflow step. */
export function PlanNotice({ message }: { message: string }) {
  if (message === '') return null;
  return (
    <Alert type="success" slim headingLevel="h2" role="status">
      <AlertText>{message}</AlertText>
    </Alert>
  );
}
