import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ButtonGroup, Fieldset, Select, Table } from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isStateStaff } from '../api/assistance.ts';
import { useCurrentUser } from '../api/auth.ts';
import {
  grantProgramPath,
  grantsPath,
  isGrantRecipient,
  useApplication,
  useBudgetLine,
  useExpenditureReport,
  useMoveApplication,
  useUpdateApplication,
  type BudgetLine,
  type BudgetLineBody,
  type GrantApplicationDetail,
  type PlanOption,
} from '../api/grants.ts';
import { planPath } from '../api/plans.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InputField, TextAreaField } from '../components/form-field.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, RecordState } from '../components/grants-crumbs.tsx';
import {
  ApplicationStatusTag,
  centsToInput,
  formatCents,
  formatPercent,
  isoToday,
  parseDollars,
} from '../components/grants-format.tsx';

import {
  describedBy,
  formatDate,
  formatPeriod,
  PlanField,
  refusedField,
  type FieldChange,
} from '../components/plan-format.tsx';

/**
 * A grant application: its request and narrative, where it stands, and once awarded its budget lines (tied to the
 * recipient's plan strategies) and expenditure reports, with spent vs awarded. The recipient's leaders and state
 * staff write; state staff award or decline; regional staff read.
 */
export function GrantApplicationPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const application = useApplication(Number(id), { enabled: user !== null });
  const a = application.data;
  const title = a ? `${a.org.name}: ${a.program.fundCode} FY${a.fiscalYear}` : 'Grant application';
  useDocumentTitle(title);
  return (
    <>
      <AreaCrumbs
        trail={[{ to: grantsPath, label: 'Grants' }]}
        current={a ? `${a.org.name}, ${a.program.fundCode}` : 'Application'}
      />
      <h1>{title}</h1>
      <RecordState
        signedIn={user !== null}
        signIn={{
          what: 'Grant applications are for agency staff and the recipients’ leaders.',
          next: `/assistance/grants/applications/${id}`,
        }}
        query={application}
        noun="the application"
        noAccess="This application is not within your organization or region"
      >
        {(data) => <ApplicationBody detail={data} user={user!} />}
      </RecordState>
    </>
  );
}

function ApplicationBody({ detail, user }: { detail: GrantApplicationDetail; user: CurrentUser }) {
  // Leaders only ever read their own organization's applications, so they write the ones they see.
  const writes = isStateStaff(user) || isGrantRecipient(user);
  return (
    <>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row">
          <dt>Status</dt>
          <dd>
            <ApplicationStatusTag status={detail.status} />
            {detail.submittedAt ? ` (submitted ${formatDate(detail.submittedAt)})` : ''}
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Program</dt>
          <dd>
            <Link to={grantProgramPath(detail.program.id)} className="usa-link">
              {detail.program.fundCode}: {detail.program.name}
            </Link>
            , fiscal year {detail.fiscalYear}
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Recipient</dt>
          <dd>
            {detail.org.name}
            {detail.district ? `, ${detail.district.name}` : ''}
            {detail.region ? ` (${detail.region.name})` : ''}
          </dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Requested</dt>
          <dd>{formatCents(detail.requestedCents)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Allocation</dt>
          <dd>
            {detail.allocation === null
              ? 'The program has no allocation for this year: any amount may be awarded.'
              : detail.allocation.amountCents === null
                ? `Not a recipient of the FY${detail.fiscalYear} allocation.`
                : `${formatCents(detail.allocation.amountCents)} in the FY${detail.fiscalYear} allocation (${detail.allocation.status === 'final' ? 'final' : 'draft'})`}
          </dd>
        </div>
        {detail.award ? (
          <div className="ssos-facts__row">
            <dt>Award</dt>
            <dd>
              {formatCents(detail.award.amountCents)} on {formatDate(detail.award.awardedOn)}
            </dd>
          </div>
        ) : null}
        {detail.decisionNote !== '' ? (
          <div className="ssos-facts__row">
            <dt>{detail.status === 'declined' ? 'Why it was declined' : 'Note'}</dt>
            <dd>{detail.decisionNote}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="narrative" className="ssos-readable">
        <h2 id="narrative">Narrative</h2>
        {detail.narrative === '' ? (
          <p>No narrative yet.</p>
        ) : (
          <p style={{ whiteSpace: 'pre-wrap' }}>{detail.narrative}</p>
        )}
      </section>
      {detail.status === 'draft' && writes ? <EditDraft detail={detail} /> : null}
      {detail.status === 'submitted' && isStateStaff(user) ? <Decide detail={detail} /> : null}
      {detail.award && detail.figures ? (
        <>
          <section aria-labelledby="figures" className="margin-top-4">
            <h2 id="figures">Spent vs awarded</h2>
            <dl className="ssos-facts ssos-readable">
              {(
                [
                  ['Awarded', formatCents(detail.figures.awardedCents)],
                  ['Budgeted', formatCents(detail.figures.budgetedCents)],
                  ['Spent', formatCents(detail.figures.spentCents)],
                  ['Remaining', formatCents(detail.figures.remainingCents)],
                  ['Spent (%)', formatPercent(detail.figures.percentSpent)],
                ] as const
              ).map(([term, value]) => (
                <div key={term} className="ssos-facts__row">
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <BudgetLines detail={detail} awardId={detail.award.id} writes={writes} />
          <Reports detail={detail} awardId={detail.award.id} writes={writes} />
        </>
      ) : null}
    </>
  );
}

/** A draft: change the request and narrative, or submit it. */
function EditDraft({ detail }: { detail: GrantApplicationDetail }) {
  const id = useId();
  const update = useUpdateApplication(detail.id);
  const move = useMoveApplication(detail.id);
  const [requested, setRequested] = useState(centsToInput(detail.requestedCents));
  const [narrative, setNarrative] = useState(detail.narrative);
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField<'requestedCents' | 'narrative'>(update.error, ['requestedCents', 'narrative']);
  const errorOf = (f: 'requestedCents' | 'narrative') =>
    f === 'requestedCents' && local !== null ? local : refused?.field === f ? refused.message : null;
  return (
    <form
      className="usa-form usa-form--large margin-top-4"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const cents = parseDollars(requested);
        if (cents === null) return setLocal('Write the amount in dollars, e.g. 75000 or 75,000.00.');
        setLocal(null);
        update.mutate({ requestedCents: cents, narrative });
      }}
    >
      <h2 id={`${id}-heading`}>The draft</h2>
      {update.isError && refused === null ? (
        <ErrorAlert heading="The draft could not be saved" error={update.error} />
      ) : null}
      {move.isError ? <ErrorAlert heading="The application could not be submitted" error={move.error} /> : null}
      <InputField
        id={`${id}-req`}
        label="Amount requested, in dollars"
        error={errorOf('requestedCents')}
        name="requestedCents"
        value={requested}
        onChange={setRequested}
      />
      <TextAreaField
        id={`${id}-narrative`}
        label="Narrative"
        error={errorOf('narrative')}
        name="narrative"
        value={narrative}
        maxLength={20000}
        onChange={setNarrative}
      />
      <ButtonGroup>
        <Button type="submit" outline disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the draft'}
        </Button>
        <Button type="button" disabled={move.isPending} onClick={() => move.mutate({ action: 'submit' })}>
          {move.isPending ? 'Submitting…' : 'Submit to the state'}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** State staff: award a submitted application (within the final allocation line) or decline it with the reason. */
function Decide({ detail }: { detail: GrantApplicationDetail }) {
  const id = useId();
  const move = useMoveApplication(detail.id);
  const suggested = Math.min(detail.requestedCents, detail.allocation?.amountCents ?? detail.requestedCents);
  const [amount, setAmount] = useState(centsToInput(suggested));
  const [awardedOn, setAwardedOn] = useState(isoToday());
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField<'amountCents' | 'awardedOn' | 'note'>(move.error, ['amountCents', 'awardedOn', 'note']);
  const errorOf = (f: 'amountCents' | 'awardedOn' | 'note') =>
    f === 'amountCents' && local !== null ? local : refused?.field === f ? refused.message : null;
  return (
    <form
      className="usa-form usa-form--large margin-top-4"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const cents = parseDollars(amount);
        if (cents === null) return setLocal('Write the amount in dollars, e.g. 75000 or 75,000.00.');
        setLocal(null);
        move.mutate({ action: 'award', body: { amountCents: cents, awardedOn, note } });
      }}
    >
      <h2 id={`${id}-heading`}>Decide</h2>
      <p>Award an amount (never above the recipient’s line of a final allocation), or decline saying why.</p>
      {move.isError && refused === null ? (
        <ErrorAlert heading="The decision could not be recorded" error={move.error} />
      ) : null}
      <InputField
        id={`${id}-amount`}
        label="Amount awarded, in dollars"
        error={errorOf('amountCents')}
        name="amountCents"
        value={amount}
        onChange={setAmount}
      />
      <InputField
        id={`${id}-date`}
        label="Award date"
        error={errorOf('awardedOn')}
        name="awardedOn"
        type="date"
        value={awardedOn}
        onChange={setAwardedOn}
      />
      <TextAreaField
        id={`${id}-note`}
        label="Note (required to decline)"
        error={errorOf('note')}
        name="note"
        value={note}
        maxLength={4000}
        onChange={setNote}
      />
      <ButtonGroup>
        <Button type="submit" disabled={move.isPending}>
          Award
        </Button>
        <Button
          type="button"
          secondary
          disabled={move.isPending}
          onClick={() => move.mutate({ action: 'decline', body: { note } })}
        >
          Decline
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** A strategy choice as a select value: '', `practice:<plan>:<key>` or `step:<plan>:<step>`. */
function strategyValue(line: BudgetLine | null): string {
  const s = line?.strategy;
  if (!s) return '';
  if (s.kind === 'practice' && s.practice) return `practice:${s.plan.id}:${s.practice.key}`;
  if (s.kind === 'action_step' && s.actionStep) return `step:${s.plan.id}:${s.actionStep.id}`;
  return '';
}

function strategyBody(value: string): BudgetLineBody['strategy'] {
  const [kind, plan, ref] = value.split(':');
  if (kind === 'practice') return { kind: 'practice', planId: Number(plan), practice: ref as 'instruction' };
  if (kind === 'step') return { kind: 'action_step', planId: Number(plan), actionStepId: Number(ref) };
  return null;
}

/** The strategies of the recipient's plans, grouped by plan. */
function StrategyOptions({ plans }: { plans: readonly PlanOption[] }) {
  return (
    <>
      <option value="">Not tied to a plan strategy</option>
      {plans.map((p) => (
        <optgroup key={p.id} label={`${p.title} (${formatPeriod(p)})`}>
          {p.practices.map((pr) => (
            <option key={pr.key} value={`practice:${p.id}:${pr.key}`}>
              Turnaround Practice {pr.number}: {pr.title}
              {pr.strategies.trim() === '' ? ' (no strategies written yet)' : ''}
            </option>
          ))}
          {p.actionSteps.map((s) => (
            <option key={s.id} value={`step:${p.id}:${s.id}`}>
              Action step: {s.description}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

type LineField = 'objectCode' | 'description' | 'amountCents' | 'strategy';

function BudgetLines({
  detail,
  awardId,
  writes,
}: {
  detail: GrantApplicationDetail;
  awardId: number;
  writes: boolean;
}) {
  const id = useId();
  const change = useBudgetLine(awardId);
  const [editing, setEditing] = useState<BudgetLine | null>(null);
  const blank = { objectCode: '', description: '', amount: '', strategy: '' };
  const [draft, setDraft] = useState(blank);
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField<LineField>(change.error, ['objectCode', 'description', 'amountCents', 'strategy']);
  const errorOf = (f: LineField) =>
    f === 'amountCents' && local !== null ? local : refused?.field === f ? refused.message : null;
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const startEdit = (line: BudgetLine) => {
    setEditing(line);
    setDraft({
      objectCode: line.objectCode,
      description: line.description,
      amount: centsToInput(line.amountCents),
      strategy: strategyValue(line),
    });
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-4">
      <h2 id={`${id}-heading`}>Budget lines</h2>
      {detail.planOptions.length > 0 ? (
        <p className="ssos-readable">
          Lines can fund a strategy of {detail.org.name}’s plans:{' '}
          {detail.planOptions.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              <Link to={planPath(p.id)} className="usa-link">
                {p.title}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      {detail.budgetLines.length === 0 ? (
        <p>No budget line yet.</p>
      ) : (
        <ScrollRegion label="Budget lines">
          <Table bordered fullWidth>
            <caption>Budget lines of the award: the lines never total more than the award</caption>
            <thead>
              <tr>
                <th scope="col">Object code</th>
                <th scope="col">Description</th>
                <th scope="col">Plan strategy</th>
                <th scope="col" className="ssos-num">
                  Amount
                </th>
                <th scope="col" className="ssos-num">
                  Spent
                </th>
                <th scope="col" className="ssos-num">
                  Remaining
                </th>
                {writes ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.budgetLines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.objectCode}</th>
                  <td>{l.description}</td>
                  <td>{l.strategy?.label ?? '—'}</td>
                  <td className="ssos-num">{formatCents(l.amountCents)}</td>
                  <td className="ssos-num">{formatCents(l.spentCents)}</td>
                  <td className="ssos-num">{formatCents(l.remainingCents)}</td>
                  {writes ? (
                    <td>
                      <ButtonGroup type="default">
                        <Button type="button" unstyled onClick={() => startEdit(l)}>
                          Edit<span className="usa-sr-only"> line {l.objectCode}</span>
                        </Button>
                        <Button
                          type="button"
                          unstyled
                          disabled={change.isPending}
                          onClick={() => change.mutate({ lineId: l.id, remove: true })}
                        >
                          Delete<span className="usa-sr-only"> line {l.objectCode}</span>
                        </Button>
                      </ButtonGroup>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {writes ? (
        <form
          className="usa-form usa-form--large"
          aria-labelledby={`${id}-form`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const cents = parseDollars(draft.amount);
            if (cents === null) return setLocal('Write the amount in dollars, e.g. 40000 or 40,000.00.');
            setLocal(null);
            change.mutate(
              {
                lineId: editing?.id ?? null,
                body: {
                  objectCode: draft.objectCode.trim(),
                  description: draft.description.trim(),
                  amountCents: cents,
                  strategy: strategyBody(draft.strategy),
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
          <h3 id={`${id}-form`}>{editing ? `Change line ${editing.objectCode}` : 'Add a budget line'}</h3>
          {change.isError && refused === null ? (
            <ErrorAlert heading="The budget line could not be saved" error={change.error} />
          ) : null}
          <InputField
            id={`${id}-code`}
            label="Object code"
            hint="e.g. 5100"
            error={errorOf('objectCode')}
            name="objectCode"
            value={draft.objectCode}
            maxLength={20}
            onChange={set('objectCode')}
          />
          <InputField
            id={`${id}-desc`}
            label="Description"
            error={errorOf('description')}
            name="description"
            value={draft.description}
            maxLength={500}
            onChange={set('description')}
          />
          <InputField
            id={`${id}-amount`}
            label="Amount, in dollars"
            error={errorOf('amountCents')}
            name="amountCents"
            value={draft.amount}
            onChange={set('amount')}
          />
          <PlanField id={`${id}-strategy`} label="Plan strategy it funds" error={errorOf('strategy')}>
            <Select
              id={`${id}-strategy`}
              name="strategy"
              value={draft.strategy}
              onChange={(e: FieldChange) => set('strategy')(e.target.value)}
              {...describedBy(`${id}-strategy`, false, errorOf('strategy'))}
            >
              <StrategyOptions plans={detail.planOptions} />
            </Select>
          </PlanField>
          <ButtonGroup>
            <Button type="submit" disabled={change.isPending}>
              {editing ? 'Save the line' : 'Add the line'}
            </Button>
            {editing ? (
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
            ) : null}
          </ButtonGroup>
        </form>
      ) : null}
    </section>
  );
}

function Reports({ detail, awardId, writes }: { detail: GrantApplicationDetail; awardId: number; writes: boolean }) {
  const id = useId();
  const change = useExpenditureReport(awardId);
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [notes, setNotes] = useState('');
  const [amounts, setAmounts] = useState<Record<number, string>>({});
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField<'periodStart' | 'periodEnd' | 'amounts'>(change.error, [
    'periodStart',
    'periodEnd',
    'amounts',
  ]);
  const errorOf = (f: 'periodStart' | 'periodEnd' | 'amounts') =>
    f === 'amounts' && local !== null ? local : refused?.field === f ? refused.message : null;
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-4">
      <h2 id={`${id}-heading`}>Expenditure reports</h2>
      {detail.expenditureReports.length === 0 ? (
        <p>No expenditure report yet.</p>
      ) : (
        <ScrollRegion label="Expenditure reports">
          <Table bordered fullWidth>
            <caption>What was spent, per period and budget line</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Spent per line</th>
                <th scope="col" className="ssos-num">
                  Total
                </th>
                {writes ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {detail.expenditureReports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {formatDate(r.periodStart)} to {formatDate(r.periodEnd)}
                    {r.notes !== '' ? <span className="display-block text-base-dark">{r.notes}</span> : null}
                  </th>
                  <td>
                    {r.amounts.map((x) => `${x.objectCode} ${x.description}: ${formatCents(x.amountCents)}`).join('; ')}
                  </td>
                  <td className="ssos-num">{formatCents(r.totalCents)}</td>
                  {writes ? (
                    <td>
                      <Button
                        type="button"
                        unstyled
                        disabled={change.isPending}
                        onClick={() => change.mutate({ reportId: r.id, remove: true })}
                      >
                        Withdraw<span className="usa-sr-only"> the report from {r.periodStart}</span>
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {writes && detail.budgetLines.length > 0 ? (
        <form
          className="usa-form usa-form--large"
          aria-labelledby={`${id}-form`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const lines = detail.budgetLines
              .filter((l) => (amounts[l.id] ?? '').trim() !== '')
              .map((l) => ({ budgetLineId: l.id, amountCents: parseDollars(amounts[l.id]!) }));
            if (lines.length === 0) return setLocal('Write what was spent on at least one line.');
            if (lines.some((l) => l.amountCents === null))
              return setLocal('Write the amounts in dollars, e.g. 15000 or 15,000.00.');
            setLocal(null);
            change.mutate(
              {
                reportId: null,
                body: {
                  periodStart,
                  periodEnd,
                  notes,
                  amounts: lines.map((l) => ({ budgetLineId: l.budgetLineId, amountCents: l.amountCents! })),
                },
              },
              {
                onSuccess: () => {
                  setAmounts({});
                  setNotes('');
                },
              },
            );
          }}
        >
          <h3 id={`${id}-form`}>Report spending</h3>
          <p>Cumulative spending on a line may not exceed it; report periods may not overlap.</p>
          {change.isError && refused === null ? (
            <ErrorAlert heading="The report could not be filed" error={change.error} />
          ) : null}
          <div className="ssos-date-pair">
            <InputField
              id={`${id}-start`}
              label="Period from"
              error={errorOf('periodStart')}
              name="periodStart"
              type="date"
              value={periodStart}
              onChange={setPeriodStart}
            />
            <InputField
              id={`${id}-end`}
              label="Period to"
              error={errorOf('periodEnd')}
              name="periodEnd"
              type="date"
              value={periodEnd}
              onChange={setPeriodEnd}
            />
          </div>
          <Fieldset legend="Spent in the period, in dollars">
            {errorOf('amounts') !== null ? (
              <span className="usa-error-message" role="alert">
                {errorOf('amounts')}
              </span>
            ) : null}
            {detail.budgetLines.map((l) => (
              <InputField
                id={`${id}-line-${l.id}`}
                label={`${l.objectCode} ${l.description} (${formatCents(l.remainingCents)} left)`}
                error={null}
                name={`amounts.${l.id}`}
                value={amounts[l.id] ?? ''}
                onChange={(value) => setAmounts({ ...amounts, [l.id]: value })}
              />
            ))}
          </Fieldset>
          <TextAreaField
            id={`${id}-notes`}
            label="Notes (optional)"
            error={null}
            name="notes"
            value={notes}
            maxLength={4000}
            onChange={setNotes}
          />
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? 'Filing…' : 'File the report'}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
