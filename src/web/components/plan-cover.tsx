import { useEffect, useId, useRef, useState } from 'react';
import { Alert, AlertText, Button, Fieldset, TextInput } from '@trussworks/react-uswds';
import { useUpdatePlan, type Plan, type PlanUpdateBody } from '../api/plans.ts';
import { ErrorAlert } from './error-alert.tsx';
import {
  describedBy,
  formatDate,
  formatPeriod,
  formatSchoolYear,
  planKindLabels,
  PlanField,
  refusedField,
  SchoolYearSelect,
  TitleAndPeriodFields,
  type FieldChange,
} from './plan-format.tsx';

type Cover = Plan['cover'];
type DateField =
  'superintendentSignedOn' | 'submittedToStakeholdersOn' | 'submittedToSchoolCommitteeOn' | 'submittedToStateOn';

/** The dates on the template's cover, as the form and the reader see them. */
const coverDates: { field: DateField; label: string }[] = [
  { field: 'superintendentSignedOn', label: 'Signed by the superintendent on' },
  { field: 'submittedToStakeholdersOn', label: 'Submitted to the local stakeholder group on' },
  { field: 'submittedToSchoolCommitteeOn', label: 'Submitted to the school committee on' },
  { field: 'submittedToStateOn', label: 'Submitted to the state on' },
];

/** The fields a refusal of the cover form may name, each shown beside its input. */
const coverFields = [
  'title',
  'startYear',
  'endYear',
  'cover.superintendent',
  ...coverDates.map((d) => `cover.${d.field}` as const),
  'cover.designationYear',
  'cover.exitEligibleYear',
] as const;
type CoverField = (typeof coverFields)[number];

/** The school years the plan's period and cover years can be chosen from, around its period. */
function coverYears(plan: Plan): number[] {
  const from = Math.min(plan.startYear, plan.cover.designationYear ?? plan.startYear) - 4;
  const to = Math.max(plan.endYear, plan.cover.exitEligibleYear ?? plan.endYear) + 4;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The cover as the reader sees it once the plan is no longer edited (or by reviewers). */
export function PlanCoverView({ plan }: { plan: Plan }) {
  const c = plan.cover;
  const year = (y: number | null) => (y === null ? 'Not given' : formatSchoolYear(y));
  return (
    <section aria-labelledby="plan-cover">
      <h2 id="plan-cover">Cover</h2>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row ssos-facts__row--wide">
          <dt>Kind of plan</dt>
          <dd>{planKindLabels[plan.kind]}</dd>
        </div>
        <div className="ssos-facts__row ssos-facts__row--wide">
          <dt>Period</dt>
          <dd>{formatPeriod(plan)}</dd>
        </div>
        <div className="ssos-facts__row ssos-facts__row--wide">
          <dt>Superintendent</dt>
          <dd>{c.superintendent ?? 'Not given'}</dd>
        </div>
        {coverDates.map((d) => (
          <div key={d.field} className="ssos-facts__row ssos-facts__row--wide">
            <dt>{d.label}</dt>
            <dd>{c[d.field] === null ? 'Not given' : formatDate(c[d.field]!)}</dd>
          </div>
        ))}
        <div className="ssos-facts__row ssos-facts__row--wide">
          <dt>Year of designation</dt>
          <dd>{year(c.designationYear)}</dd>
        </div>
        <div className="ssos-facts__row ssos-facts__row--wide">
          <dt>Year eligible to exit</dt>
          <dd>{year(c.exitEligibleYear)}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * The cover as the team writes it: the title and period, the superintendent's signature, the dates the plan went to
 * the stakeholder group, the school committee and the state, the year of designation and the year eligible to exit.
 * Each field the server refuses shows its message beside it.
 */
export function PlanCoverForm({ plan }: { plan: Plan }) {
  const id = useId();
  const update = useUpdatePlan(plan.id);
  const [title, setTitle] = useState(plan.title);
  const [startYear, setStartYear] = useState(String(plan.startYear));
  const [endYear, setEndYear] = useState(String(plan.endYear));
  const [cover, setCover] = useState<Cover>(plan.cover);
  const [saved, setSaved] = useState(false);
  const refused = refusedField(update.error, coverFields);
  const errorOf = (field: CoverField) => (refused?.field === field ? refused.message : null);
  const form = useRef<HTMLFormElement>(null);
  const refusedName = refused?.field;
  useEffect(() => {
    if (refusedName !== undefined) form.current?.querySelector<HTMLElement>(`[name="${refusedName}"]`)?.focus();
  }, [refusedName, update.error]);
  const years = coverYears(plan);
  const set = <K extends keyof Cover>(field: K, value: Cover[K]) => {
    setSaved(false);
    setCover((c) => ({ ...c, [field]: value }));
  };
  const yearOf = (text: string) => (text === '' ? null : Number(text));

  return (
    <section aria-labelledby="plan-cover">
      <h2 id="plan-cover">Cover</h2>
      <form
        ref={form}
        className="usa-form usa-form--large"
        aria-labelledby="plan-cover"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const body: PlanUpdateBody = {
            title: title.trim(),
            startYear: Number(startYear),
            endYear: Number(endYear),
            cover: { ...cover, superintendent: cover.superintendent?.trim() || null },
          };
          update.mutate(body, { onSuccess: () => setSaved(true) });
        }}
      >
        {update.isError && refused === null ? (
          <ErrorAlert heading="The cover could not be saved" error={update.error} />
        ) : null}
        <p>
          <span className="text-bold">Kind of plan:</span> {planKindLabels[plan.kind]} (chosen when the plan was
          started)
        </p>
        <TitleAndPeriodFields
          id={id}
          title={title}
          startYear={startYear}
          endYear={endYear}
          years={years}
          errorOf={errorOf}
          onTitle={(value) => {
            setSaved(false);
            setTitle(value);
          }}
          onStartYear={setStartYear}
          onEndYear={setEndYear}
        />
        <Fieldset legend="Signature and dates submitted" className="margin-top-4">
          <PlanField
            id={`${id}-superintendent`}
            label="Superintendent (optional)"
            hint="Who signed the plan for the district"
            error={errorOf('cover.superintendent')}
          >
            <TextInput
              id={`${id}-superintendent`}
              name="cover.superintendent"
              type="text"
              value={cover.superintendent ?? ''}
              maxLength={200}
              validationStatus={errorOf('cover.superintendent') !== null ? 'error' : undefined}
              onChange={(e: FieldChange) => set('superintendent', e.target.value)}
              {...describedBy(`${id}-superintendent`, true, errorOf('cover.superintendent'))}
            />
          </PlanField>
          <div className="ssos-date-pair">
            {coverDates.map((d) => {
              const error = errorOf(`cover.${d.field}`);
              return (
                <PlanField key={d.field} id={`${id}-${d.field}`} label={`${d.label} (optional)`} error={error}>
                  <input
                    className={`usa-input${error !== null ? ' usa-input--error' : ''}`}
                    id={`${id}-${d.field}`}
                    name={`cover.${d.field}`}
                    type="date"
                    value={cover[d.field] ?? ''}
                    onChange={(e: FieldChange) => set(d.field, e.target.value === '' ? null : e.target.value)}
                    {...describedBy(`${id}-${d.field}`, false, error)}
                  />
                </PlanField>
              );
            })}
          </div>
        </Fieldset>
        <Fieldset legend="Designation" className="margin-top-4">
          <div className="ssos-date-pair">
            <SchoolYearSelect
              id={`${id}-designation`}
              name="cover.designationYear"
              label="Year of designation (optional)"
              value={cover.designationYear === null ? '' : String(cover.designationYear)}
              years={years}
              error={errorOf('cover.designationYear')}
              noneLabel="Not given"
              onChange={(v) => set('designationYear', yearOf(v))}
            />
            <SchoolYearSelect
              id={`${id}-exit`}
              name="cover.exitEligibleYear"
              label="Year eligible to exit (optional)"
              value={cover.exitEligibleYear === null ? '' : String(cover.exitEligibleYear)}
              years={years}
              error={errorOf('cover.exitEligibleYear')}
              noneLabel="Not given"
              onChange={(v) => set('exitEligibleYear', yearOf(v))}
            />
          </div>
        </Fieldset>
        {saved && !update.isPending ? (
          <Alert type="success" slim headingLevel="h3" role="status">
            <AlertText>The cover is saved.</AlertText>
          </Alert>
        ) : null}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the cover'}
        </Button>
      </form>
    </section>
  );
}
