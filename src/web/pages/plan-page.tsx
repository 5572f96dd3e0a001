import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Fieldset,
  Table,
  Textarea,
  TextInput,
} from '@trussworks/react-uswds';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { blockFieldLabels, blockFields, type BlockField } from '../../core/plans/template.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  isPlanReviewer,
  isPlanTeam,
  orgPlansPath,
  plansReviewPath,
  usePlan,
  usePlanHistory,
  useSubmitPlan,
  useUpdatePlan,
  type Plan,
  type PlanUpdateBody,
} from '../api/plans.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { PlanCoverForm, PlanCoverView } from '../components/plan-cover.tsx';
import { PlanDashboardSection } from '../components/plan-dashboard.tsx';
import {
  describedBy,
  formatDateTime,
  formatHistoryEvent,
  formatHistoryValue,
  formatPeriod,
  planKindLabels,
  PlanField,
  PlanStatusTag,
  refusedField,
  type FieldChange,
} from '../components/plan-format.tsx';
import { PlanGoals } from '../components/plan-goals.tsx';
import { PlanComments, PlanNotice, PlanReview } from '../components/plan-review.tsx';
import { PlanActionSteps, PlanBenchmarks } from '../components/plan-steps.tsx';

/**
 * One turnaround or improvement plan: its state and what to do next, the progress dashboard, the coaching comments,
 * the template sections, SMART goals, interim benchmarks, action steps and the history of every change. The team
 * writes and submits it; reviewers return it with a coaching comment or approve it.
 */
export function PlanPage() {
  const { id: rawId = '' } = useParams();
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : 0;
  const plan = usePlan(id);
  const user = useCurrentUser();
  const data = plan.data;
  const heading = data?.title ?? 'Plan';
  useDocumentTitle(heading);

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to="/">
            <span>Home</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {isPlanReviewer(user) ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={plansReviewPath}>
              <span>Plans to review</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        {data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={orgPlansPath(data.org.code)}>
              <span>{data.org.name}: plans</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>{heading}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {id === 0 ? (
        <ErrorAlert heading="There is no such plan" error={new Error('The address does not name a plan.')} />
      ) : plan.isPending ? (
        <LoadingStatus>Loading the plan…</LoadingStatus>
      ) : plan.isError ? (
        <ErrorAlert
          heading={
            isApiError(plan.error, 'not_found')
              ? 'There is no such plan'
              : isApiError(plan.error, 'forbidden', 'out_of_scope')
                ? 'You do not have access to this plan'
                : 'The plan could not be loaded'
          }
          error={plan.error}
        />
      ) : (
        <PlanView plan={plan.data} isTeam={isPlanTeam(user)} />
      )}
    </>
  );
}

/** What the plan's state means for the reader, and what to do next. */
function stateAdvice(plan: Plan, isTeam: boolean): string {
  switch (plan.status) {
    case 'draft':
      return isTeam
        ? 'The plan is a draft. Write the sections, goals, benchmarks and action steps, then submit it for review.'
        : 'The plan is a draft: the team is writing it. It can be reviewed once it is submitted.';
    case 'submitted':
      return plan.permissions.review
        ? 'The plan is submitted and waits for your review: return it with a coaching comment, or approve it.'
        : 'The plan is submitted and under review: it cannot be changed until the reviewer returns it with comments or approves it.';
    case 'returned':
      return isTeam
        ? 'The plan was returned with coaching comments. Revise it, then submit it again.'
        : 'The plan was returned to the team with coaching comments; it comes back when the team submits it again.';
    case 'approved':
      return isTeam
        ? 'The plan is approved. Its content is no longer edited; record progress on the action steps and benchmarks.'
        : 'The plan is approved. The team records progress on its action steps and benchmarks.';
  }
}

function PlanView({ plan, isTeam }: { plan: Plan; isTeam: boolean }) {
  const [notice, setNotice] = useState('');
  const submit = useSubmitPlan(plan.id);
  const practiceCount = plan.practices.length;
  return (
    <>
      <p className="ssos-h1-kicker">
        {planKindLabels[plan.kind]} · {plan.org.name} · {formatPeriod(plan)}
      </p>
      <p>
        Status: <PlanStatusTag status={plan.status} />
      </p>
      <PlanNotice message={notice} />
      <Alert type="info" headingLevel="h2" slim>
        <AlertText>{stateAdvice(plan, isTeam)}</AlertText>
      </Alert>
      {submit.isError ? <ErrorAlert heading="The plan could not be submitted" error={submit.error} /> : null}
      {plan.permissions.submit ? (
        <p>
          <Button
            type="button"
            disabled={submit.isPending}
            onClick={() => {
              setNotice('');
              submit.mutate(undefined, {
                onSuccess: () => setNotice('The plan is submitted for review.'),
              });
            }}
          >
            {submit.isPending
              ? 'Submitting…'
              : plan.status === 'returned'
                ? 'Submit the revised plan'
                : 'Submit for review'}
          </Button>
        </p>
      ) : null}
      <nav aria-label="On this page" className="ssos-readable">
        <ul className="usa-list">
          <li>
            <a href="#plan-dashboard" className="usa-link">
              Progress dashboard
            </a>
          </li>
          <li>
            <a href="#plan-comments" className="usa-link">
              Coaching comments ({plan.comments.length})
            </a>
          </li>
          <li>
            <a href="#plan-cover" className="usa-link">
              Cover: title, period, signature, dates submitted, designation
            </a>
          </li>
          <li>
            <a href="#plan-sections" className="usa-link">
              Plan sections: executive summary, {practiceCount} Turnaround Practices, financial plan, stakeholders
            </a>
          </li>
          <li>
            <a href="#plan-goals" className="usa-link">
              SMART goals ({plan.goals.length})
            </a>
          </li>
          <li>
            <a href="#plan-benchmarks" className="usa-link">
              Interim benchmarks ({plan.benchmarks.length})
            </a>
          </li>
          <li>
            <a href="#plan-action-steps" className="usa-link">
              Action steps ({plan.actionSteps.length})
            </a>
          </li>
          {plan.permissions.review || plan.permissions.comment ? (
            <li>
              <a href="#plan-review" className="usa-link">
                {plan.permissions.review
                  ? 'Review the plan: return it with comments or approve it'
                  : 'Add a coaching comment'}
              </a>
            </li>
          ) : null}
          <li>
            <a href="#plan-history" className="usa-link">
              History
            </a>
          </li>
        </ul>
      </nav>
      <PlanDashboardSection planId={plan.id} />
      <PlanComments plan={plan} />
      {plan.permissions.edit ? <PlanCoverForm key={`cover-${plan.id}`} plan={plan} /> : <PlanCoverView plan={plan} />}
      {plan.permissions.edit ? <SectionsForm key={`sections-${plan.id}`} plan={plan} /> : <SectionsView plan={plan} />}
      <PlanGoals plan={plan} />
      <PlanBenchmarks plan={plan} isTeam={isTeam} />
      <PlanActionSteps plan={plan} isTeam={isTeam} />
      {plan.permissions.review || plan.permissions.comment ? (
        <PlanReview
          plan={plan}
          onDone={(message) => {
            setNotice(message);
            window.scrollTo({ top: 0 });
          }}
        />
      ) : null}
      <PlanHistorySection planId={plan.id} />
    </>
  );
}

function Paragraphs({ text, empty }: { text: string; empty: string }) {
  if (text.trim() === '') return <p className="usa-hint">{empty}</p>;
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i} className="ssos-readable" style={{ whiteSpace: 'pre-wrap' }}>
          {para}
        </p>
      ))}
    </>
  );
}

/** The template sections as the reader sees them once the plan is no longer edited (or by reviewers). */
function SectionsView({ plan }: { plan: Plan }) {
  return (
    <section aria-labelledby="plan-sections">
      <h2 id="plan-sections">Plan sections</h2>
      <h3>Executive summary</h3>
      <Paragraphs text={plan.executiveSummary} empty="Not written yet." />
      {plan.practices.map((practice) => (
        <div key={practice.key}>
          <h3>
            Turnaround Practice {practice.number}: {practice.title}
          </h3>
          {blockFields.map((field) => (
            <div key={field}>
              <h4>{blockFieldLabels[field]}</h4>
              <Paragraphs text={plan.blocks[practice.key]?.[field] ?? ''} empty="Not written yet." />
            </div>
          ))}
        </div>
      ))}
      <h3>Financial plan</h3>
      <Paragraphs text={plan.financialPlan} empty="Not written yet." />
      <h3>Stakeholder group</h3>
      {plan.stakeholders.length === 0 ? (
        <p className="usa-hint">No members named yet.</p>
      ) : (
        <ul className="usa-list">
          {plan.stakeholders.map((s, i) => (
            <li key={i}>
              {s.name}, {s.role}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Blocks = Plan['blocks'];

/** The template sections as the team writes them: one form, saved together. */
function SectionsForm({ plan }: { plan: Plan }) {
  const id = useId();
  const update = useUpdatePlan(plan.id);
  const [summary, setSummary] = useState(plan.executiveSummary);
  const [financial, setFinancial] = useState(plan.financialPlan);
  const [blocks, setBlocks] = useState<Blocks>(plan.blocks);
  const [stakeholders, setStakeholders] = useState(plan.stakeholders);
  const [saved, setSaved] = useState(false);
  const refused = refusedField(update.error, ['executiveSummary', 'financialPlan', 'stakeholders', 'blocks']);
  const errorOf = (field: string) => (refused?.field === field ? refused.message : null);
  const form = useRef<HTMLFormElement>(null);
  const refusedName = refused?.field;
  useEffect(() => {
    if (refusedName !== undefined) form.current?.querySelector<HTMLElement>(`[name^="${refusedName}"]`)?.focus();
  }, [refusedName, update.error]);
  const setBlock = (key: string, field: BlockField, value: string) =>
    setBlocks((b) => ({
      ...b,
      [key]: {
        ...(b[key as keyof Blocks] ?? { dataAnalysis: '', strategies: '', districtSupport: '' }),
        [field]: value,
      },
    }));

  return (
    <section aria-labelledby="plan-sections">
      <h2 id="plan-sections">Plan sections</h2>
      <form
        ref={form}
        className="usa-form usa-form--large ssos-plan-sections"
        aria-labelledby="plan-sections"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const body: PlanUpdateBody = {
            executiveSummary: summary,
            financialPlan: financial,
            blocks,
            stakeholders: stakeholders
              .map((s) => ({ name: s.name.trim(), role: s.role.trim() }))
              .filter((s) => s.name !== '' || s.role !== ''),
          };
          update.mutate(body, { onSuccess: () => setSaved(true) });
        }}
      >
        {update.isError && refused === null ? (
          <ErrorAlert heading="The sections could not be saved" error={update.error} />
        ) : null}
        <PlanField
          id={`${id}-summary`}
          label="Executive summary"
          hint="The plan in brief: where the school is, what it will do and why"
          error={errorOf('executiveSummary')}
        >
          <Textarea
            id={`${id}-summary`}
            name="executiveSummary"
            value={summary}
            maxLength={20000}
            onChange={(e: FieldChange) => setSummary(e.target.value)}
            {...describedBy(`${id}-summary`, true, errorOf('executiveSummary'))}
          />
        </PlanField>
        {plan.practices.map((practice) => (
          <Fieldset key={practice.key} legend={`Turnaround Practice ${practice.number}: ${practice.title}`}>
            {blockFields.map((field) => (
              <PlanField
                key={field}
                id={`${id}-${practice.key}-${field}`}
                label={`${blockFieldLabels[field]} (Practice ${practice.number})`}
                error={errorOf('blocks')}
              >
                <Textarea
                  id={`${id}-${practice.key}-${field}`}
                  name={`blocks.${practice.key}.${field}`}
                  value={blocks[practice.key]?.[field] ?? ''}
                  maxLength={20000}
                  onChange={(e: FieldChange) => setBlock(practice.key, field, e.target.value)}
                />
              </PlanField>
            ))}
          </Fieldset>
        ))}
        <PlanField
          id={`${id}-financial`}
          label="Financial plan"
          hint="How the plan is funded: sources, amounts and what they pay for"
          error={errorOf('financialPlan')}
        >
          <Textarea
            id={`${id}-financial`}
            name="financialPlan"
            value={financial}
            maxLength={20000}
            onChange={(e: FieldChange) => setFinancial(e.target.value)}
            {...describedBy(`${id}-financial`, true, errorOf('financialPlan'))}
          />
        </PlanField>
        <Fieldset legend="Stakeholder group">
          <p className="usa-hint">The members of the local stakeholder group: their names and roles.</p>
          {errorOf('stakeholders') !== null ? (
            <span className="usa-error-message" role="alert">
              {errorOf('stakeholders')}
            </span>
          ) : null}
          {stakeholders.map((s, i) => (
            <div key={i} className="ssos-date-pair">
              <PlanField id={`${id}-sh-${i}-name`} label={`Member ${i + 1}: name`} error={null}>
                <TextInput
                  id={`${id}-sh-${i}-name`}
                  name={`stakeholders.${i}.name`}
                  type="text"
                  value={s.name}
                  maxLength={200}
                  onChange={(e: FieldChange) =>
                    setStakeholders((all) => all.map((m, j) => (j === i ? { ...m, name: e.target.value } : m)))
                  }
                />
              </PlanField>
              <PlanField id={`${id}-sh-${i}-role`} label={`Member ${i + 1}: role`} error={null}>
                <TextInput
                  id={`${id}-sh-${i}-role`}
                  name={`stakeholders.${i}.role`}
                  type="text"
                  value={s.role}
                  maxLength={200}
                  onChange={(e: FieldChange) =>
                    setStakeholders((all) => all.map((m, j) => (j === i ? { ...m, role: e.target.value } : m)))
                  }
                />
              </PlanField>
              <div className="usa-form-group">
                <Button
                  type="button"
                  unstyled
                  className="usa-link"
                  aria-label={`Remove member ${i + 1}${s.name !== '' ? `, ${s.name}` : ''}`}
                  onClick={() => setStakeholders((all) => all.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </div>
            </div>
          ))}
          <Button type="button" outline onClick={() => setStakeholders((all) => [...all, { name: '', role: '' }])}>
            Add a member
          </Button>
        </Fieldset>
        {saved && !update.isPending ? (
          <Alert type="success" slim headingLevel="h3" role="status">
            <AlertText>The sections are saved.</AlertText>
          </Alert>
        ) : null}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the sections'}
        </Button>
      </form>
    </section>
  );
}

/** The changes worth showing: a field whose value really changed (a new plan's empty fields are left out). */
function shownChanges<C extends { before: unknown; after: unknown }>(changes: C[]): C[] {
  return changes.filter((c) => formatHistoryValue(c.before) !== formatHistoryValue(c.after));
}

/** Every change to the plan: who, when, and each field before and after. */
function PlanHistorySection({ planId }: { planId: number }) {
  const history = usePlanHistory(planId);
  return (
    <section aria-labelledby="plan-history">
      <h2 id="plan-history">History</h2>
      {history.isPending ? (
        <LoadingStatus>Loading the history…</LoadingStatus>
      ) : history.isError ? (
        <ErrorAlert heading="The history could not be loaded" error={history.error} />
      ) : history.data.items.length === 0 ? (
        <p>No changes yet.</p>
      ) : (
        <ScrollRegion label="History of the plan">
          <Table bordered fullWidth>
            <caption>Every change to the plan, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {[...history.data.items].reverse().map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.user.email ?? 'The system'}</td>
                  <th scope="row">{formatHistoryEvent(entry.event)}</th>
                  <td>
                    {shownChanges(entry.changes).length === 0 ? (
                      '—'
                    ) : (
                      <ul className="usa-list usa-list--unstyled">
                        {shownChanges(entry.changes).map((c, i) => (
                          <li key={i}>
                            <code>{c.field}</code>: {formatHistoryValue(c.before)} → {formatHistoryValue(c.after)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}
