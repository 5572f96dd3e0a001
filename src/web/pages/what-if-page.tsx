import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Button,
  ErrorMessage,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Select,
  Table,
  Textarea,
  TextInput,
} from '@trussworks/react-uswds';
import type { RunSummary2018 } from '../../core/accountability/engine-2018.ts';
import type { FrameworkValues, WhatIfResult } from '../../server/api/accountability.ts';
import { useAccountabilityFramework, useAccountabilityResults, useWhatIf } from '../api/accountability.ts';
import { useSession } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  accountabilityPath,
  formatClassification,
  formatCount,
  formatNumber,
  formatPct,
  NoValue,
  orgAccountabilityPath,
  whatIfPath,
  whatIfRoles,
} from '../components/accountability-format.tsx';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const title = 'Accountability what-if';

type Value = FrameworkValues['values'][number]['value'];

/** One value the form offers: its path in the framework, its label and a hint. */
interface Knob {
  path: string;
  label: string;
  hint?: string;
}

/** A fieldset of knobs, with the framework setting whose note explains them. */
interface KnobGroup {
  id: string;
  legend: string;
  setting: string;
  knobs: Knob[];
  /** Weight tables are many small fieldsets inside one. */
  subgroups?: { legend: string; knobs: Knob[] }[];
}

const categoryNames: Record<string, string> = {
  achievement: 'Achievement',
  growth: 'Growth',
  hsCompletion: 'High school completion',
  elp: 'English language proficiency',
  additional: 'Additional indicators',
};

/** The common knobs, as far as the framework has them (paths it lacks are left out). */
function buildKnobGroups(values: ReadonlyMap<string, Value>): KnobGroup[] {
  const has = (k: Knob) => values.has(k.path);
  const groups: KnobGroup[] = [
    {
      id: 'classification',
      legend: 'Classification thresholds',
      setting: 'classification',
      knobs: [
        {
          path: 'classification.lowestPercentileMax',
          label: 'Among the lowest performing schools: accountability percentile at or below',
        },
        {
          path: 'classification.groupPercentileMax',
          label: 'Low performing student group: the group’s percentile at or below',
        },
        { path: 'classification.graduation.below', label: 'Low graduation rate: 4-year rate below (%)' },
        {
          path: 'classification.participation.below',
          label: 'Low participation: participation rate below (%)',
        },
      ].filter(has),
    },
    {
      id: 'minimum-n',
      legend: 'Minimum group size',
      setting: 'minimumN',
      knobs: [{ path: 'minimumN', label: 'Students needed for an indicator to be rated' }].filter(has),
    },
    {
      id: 'growth',
      legend: 'Growth points (mean student growth percentile)',
      setting: 'pointRules.growth',
      knobs: [0, 1, 2, 3]
        .map((i) => {
          const points = values.get(`pointRules.growth.bands.${i}.points`);
          return {
            path: `pointRules.growth.bands.${i}.min`,
            label: `${String(points)} point${points === 1 ? '' : 's'} from a mean growth percentile of`,
          };
        })
        .filter(has),
    },
  ];
  const tables: { legend: string; knobs: Knob[] }[] = [];
  for (let i = 0; values.has(`weightTables.${i}.id`); i++) {
    const knobs = Object.keys(categoryNames)
      .map((c) => ({
        path: `weightTables.${i}.weights.${c}`,
        label: `${categoryNames[c]} weight (%), ${String(values.get(`weightTables.${i}.label`) ?? `table ${i + 1}`)}`,
      }))
      .filter(has);
    if (knobs.length > 0)
      tables.push({ legend: String(values.get(`weightTables.${i}.label`) ?? `Table ${i + 1}`), knobs });
  }
  if (tables.length > 0)
    groups.push({ id: 'weights', legend: 'Category weights', setting: 'weightTables', knobs: [], subgroups: tables });
  return groups.filter((g) => g.knobs.length > 0 || (g.subgroups?.length ?? 0) > 0);
}

/** A typed value from what was entered, of the same kind as the current value; an error message otherwise. */
function parseValue(text: string, current: Value | undefined): { value: Value } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Enter a value' };
  const kind = current === undefined ? guessKind(t) : typeof current;
  if (kind === 'number') {
    const n = Number(t);
    return Number.isFinite(n) ? { value: n } : { error: 'Enter a number, like 10 or 66.7' };
  }
  if (kind === 'boolean') {
    if (/^(true|yes)$/i.test(t)) return { value: true };
    if (/^(false|no)$/i.test(t)) return { value: false };
    return { error: 'Enter true or false' };
  }
  return { value: t };
}

function guessKind(text: string): 'number' | 'boolean' | 'string' {
  if (text !== '' && Number.isFinite(Number(text))) return 'number';
  if (/^(true|false)$/i.test(text)) return 'boolean';
  return 'string';
}

/** The lines of the advanced box: `path = value`, one a line; blank lines are skipped. */
function parseAdvanced(
  text: string,
  values: ReadonlyMap<string, Value>,
): { changes: { path: string; value: Value }[]; error: string | null } {
  const changes: { path: string; value: Value }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { changes, error: `Line ${i + 1}: write the path, an equals sign and the value` };
    const path = line.slice(0, eq).trim();
    const parsed = parseValue(line.slice(eq + 1), values.get(path));
    if ('error' in parsed) return { changes, error: `Line ${i + 1} (${path}): ${parsed.error.toLowerCase()}` };
    changes.push({ path, value: parsed.value });
  }
  return { changes, error: null };
}

/**
 * The what-if: change framework values (thresholds, minimum group size, growth bands, weights, or any value by its
 * path), rerun a year without touching the official run, and see which schools and districts change. State
 * administrators and state staff only.
 */
export function WhatIfPage() {
  useDocumentTitle(title);
  const session = useSession();
  const user = session.data?.user ?? null;
  const allowed = user !== null && whatIfRoles.includes(user.role);

  return (
    <>
      <h1>{title}</h1>
      <p className="usa-intro ssos-readable">
        Change a value of the accountability framework, such as a threshold, a weight or a growth band, and see which
        schools and districts would be classified differently. The official results are not changed and nothing is
        stored.
      </p>
      {session.isPending ? (
        <LoadingStatus>Checking your access…</LoadingStatus>
      ) : !allowed ? (
        <NoAccess signedIn={user !== null} />
      ) : (
        <WhatIfForm />
      )}
    </>
  );
}

function NoAccess({ signedIn }: { signedIn: boolean }) {
  return (
    <Alert type="warning" className="ssos-readable">
      <AlertHeading level="h2">You do not have access to what-if runs</AlertHeading>
      <AlertText>
        What-if runs are open to state administrators and state staff.{' '}
        {signedIn ? (
          'Ask a state administrator if you need them.'
        ) : (
          <>
            <Link to={`/sign-in?next=${encodeURIComponent(whatIfPath)}`} className="usa-link">
              Sign in
            </Link>{' '}
            with a state account to use them.
          </>
        )}{' '}
        <Link to={accountabilityPath} className="usa-link">
          See the official results
        </Link>
        .
      </AlertText>
    </Alert>
  );
}

function WhatIfForm() {
  const [searchParams] = useSearchParams();
  const framework = useAccountabilityFramework();
  const latest = useAccountabilityResults({ limit: 1 });
  const whatIf = useWhatIf();
  const values = useMemo(
    () => new Map((framework.data?.values ?? []).map((v) => [v.path, v.value] as const)),
    [framework.data],
  );
  const groups = useMemo(() => buildKnobGroups(values), [values]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [advanced, setAdvanced] = useState('');
  const [year, setYear] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const years = latest.data?.years ?? [];
  const requestedYear = searchParams.get('year');
  const chosenYear =
    year !== ''
      ? year
      : requestedYear !== null && years.includes(Number(requestedYear))
        ? requestedYear
        : String(years[0] ?? '');

  // A server error names the path: show it at the field it came from.
  const serverError = whatIf.isError ? whatIf.error : null;
  const serverPath =
    serverError !== null && isApiError(serverError, 'validation_failed')
      ? /^([\w.]+):/.exec(serverError.message)?.[1]
      : undefined;

  useEffect(() => {
    if (formError !== null || whatIf.isError) errorRef.current?.focus();
  }, [formError, whatIf.isError, whatIf.submittedAt]);
  useEffect(() => {
    if (whatIf.isSuccess) resultRef.current?.focus();
  }, [whatIf.isSuccess, whatIf.data]);

  if (framework.isPending || latest.isPending) return <LoadingStatus>Loading the framework…</LoadingStatus>;
  if (framework.isError) return <ErrorAlert heading="The framework could not be loaded" error={framework.error} />;
  if (latest.isError) return <ErrorAlert heading="The accountability years could not be loaded" error={latest.error} />;
  if (years.length === 0)
    return (
      <Alert type="info" slim>
        <AlertText>No official accountability run exists yet: a what-if compares with one.</AlertText>
      </Alert>
    );

  const knobs = groups.flatMap((g) => [...g.knobs, ...(g.subgroups ?? []).flatMap((s) => s.knobs)]);
  const draftOf = (path: string) => drafts[path] ?? String(values.get(path) ?? '');

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const changes: { path: string; value: Value }[] = [];
    for (const knob of knobs) {
      const text = drafts[knob.path];
      if (text === undefined || text.trim() === String(values.get(knob.path))) continue;
      const parsed = parseValue(text, values.get(knob.path));
      if ('error' in parsed) errors[knob.path] = parsed.error;
      else if (parsed.value !== values.get(knob.path)) changes.push({ path: knob.path, value: parsed.value });
    }
    const extra = parseAdvanced(advanced, values);
    if (extra.error !== null) errors.advanced = extra.error;
    changes.push(...extra.changes);
    setFieldErrors(errors);
    whatIf.reset();
    if (Object.keys(errors).length > 0) {
      setFormError(`${Object.keys(errors).length === 1 ? 'One value needs' : 'Some values need'} correcting.`);
      return;
    }
    if (changes.length === 0) {
      setFormError('Change at least one value: every value is as the framework has it.');
      return;
    }
    setFormError(null);
    whatIf.mutate({ year: Number(chosenYear), changes });
  };

  const knobInput = (knob: Knob, setting: string | undefined) => {
    const id = `knob-${knob.path.replace(/\./g, '-')}`;
    const current = values.get(knob.path);
    const error = fieldErrors[knob.path] ?? (serverPath === knob.path ? serverError?.message : undefined);
    const changed = drafts[knob.path] !== undefined && drafts[knob.path]!.trim() !== String(current);
    return (
      <FormGroup key={knob.path} error={error !== undefined} className="ssos-knob">
        <Label htmlFor={id} error={error !== undefined}>
          {knob.label}
        </Label>
        <span className="usa-hint" id={`${id}-hint`}>
          Now {String(current)}
          {setting !== undefined ? ` (${setting})` : ''}
          <code className="ssos-path">{knob.path}</code>
        </span>
        {error !== undefined ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <TextInput
          id={id}
          name={knob.path}
          type="text"
          inputMode="decimal"
          inputSize="small"
          value={draftOf(knob.path)}
          validationStatus={error !== undefined ? 'error' : undefined}
          aria-describedby={error !== undefined ? `${id}-hint ${id}-error` : `${id}-hint`}
          className={changed ? 'ssos-knob--changed' : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            const next = e.target.value;
            setDrafts((d) => ({ ...d, [knob.path]: next }));
          }}
        />
      </FormGroup>
    );
  };

  const weightInput = (knob: Knob) => {
    const id = `knob-${knob.path.replace(/\./g, '-')}`;
    const current = values.get(knob.path);
    const error = fieldErrors[knob.path] ?? (serverPath === knob.path ? serverError?.message : undefined);
    const changed = drafts[knob.path] !== undefined && drafts[knob.path]!.trim() !== String(current);
    return (
      <>
        <Label htmlFor={id} className="usa-sr-only">
          {knob.label}, now {String(current)}
        </Label>
        {error !== undefined ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <TextInput
          id={id}
          name={knob.path}
          type="text"
          inputMode="decimal"
          value={draftOf(knob.path)}
          validationStatus={error !== undefined ? 'error' : undefined}
          aria-describedby={error !== undefined ? `${id}-error` : undefined}
          className={changed ? 'ssos-weight-input ssos-knob--changed' : 'ssos-weight-input'}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            const next = e.target.value;
            setDrafts((d) => ({ ...d, [knob.path]: next }));
          }}
        />
      </>
    );
  };

  const settings = framework.data.settings;
  const statusOf = (key: string) => settings[key]?.status;
  const advancedError =
    fieldErrors.advanced ??
    (serverPath !== undefined && !knobs.some((k) => k.path === serverPath) ? serverError?.message : undefined);

  return (
    <>
      {formError !== null || serverError !== null ? (
        <div ref={errorRef} tabIndex={-1} className="ssos-focus-target margin-top-3">
          {formError !== null ? (
            <Alert type="error" role="alert">
              <AlertHeading level="h2">The what-if was not run</AlertHeading>
              <AlertText>{formError}</AlertText>
            </Alert>
          ) : isApiError(serverError, 'forbidden', 'not_signed_in') ? (
            <Alert type="error" role="alert">
              <AlertHeading level="h2">You do not have access to what-if runs</AlertHeading>
              <AlertText>{serverError!.message}</AlertText>
            </Alert>
          ) : (
            <ErrorAlert heading="The what-if could not be run" error={serverError} />
          )}
        </div>
      ) : null}
      <Form onSubmit={onSubmit} className="ssos-what-if-form" aria-label="What-if values">
        <div className="ssos-knob-row">
          <div>
            <Label htmlFor="what-if-year">Accountability year</Label>
            <Select
              id="what-if-year"
              name="year"
              value={chosenYear}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setYear(e.target.value)}
            >
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </div>
        </div>
        {groups.map((g) => (
          <Fieldset key={g.id} legend={g.legend} className="ssos-knob-group">
            {settings[g.setting] !== undefined ? (
              <p className="usa-hint ssos-readable">
                <span className={`usa-tag ssos-status ssos-status--${settings[g.setting]!.status}`}>
                  {settings[g.setting]!.status}
                </span>{' '}
                {settings[g.setting]!.note}
              </p>
            ) : null}
            {g.knobs.length > 0 ? (
              <div className="ssos-knob-row">{g.knobs.map((k) => knobInput(k, statusOf(k.path)))}</div>
            ) : null}
            {g.subgroups !== undefined ? (
              <div className="ssos-table-scroll" role="region" aria-label="Category weights by group" tabIndex={0}>
                <table className="usa-table usa-table--compact ssos-weights-table">
                  <caption>
                    Weights in percent of each group’s points; a dash means the category is not part of that group’s
                    results.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Group</th>
                      {Object.keys(categoryNames).map((c) => (
                        <th key={c} scope="col">
                          {categoryNames[c]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {g.subgroups.map((table) => (
                      <tr key={table.legend}>
                        <th scope="row">{table.legend}</th>
                        {Object.keys(categoryNames).map((c) => {
                          const knob = table.knobs.find((k) => k.path.endsWith(`.${c}`));
                          return (
                            <td key={c}>
                              {knob !== undefined ? weightInput(knob) : <NoValue label="not part of it" />}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </Fieldset>
        ))}
        <Fieldset legend="Any value by its path" className="ssos-knob-group">
          <FormGroup error={advancedError !== undefined}>
            <Label htmlFor="what-if-advanced" error={advancedError !== undefined}>
              Other changes, one a line: path = value
            </Label>
            <span className="usa-hint" id="what-if-advanced-hint">
              For example <code>classification.participation.method = average</code> or{' '}
              <code>recognition.minPercentile = 85</code>. The framework has {formatCount(values.size)} values; the{' '}
              <a href="/api/accountability/framework" className="usa-link">
                list of every value and its path
              </a>{' '}
              is in JSON.
            </span>
            {advancedError !== undefined ? (
              <ErrorMessage id="what-if-advanced-error">{advancedError}</ErrorMessage>
            ) : null}
            <Textarea
              id="what-if-advanced"
              name="advanced"
              className="ssos-advanced"
              value={advanced}
              spellCheck={false}
              error={advancedError !== undefined}
              aria-describedby={
                advancedError !== undefined ? 'what-if-advanced-hint what-if-advanced-error' : 'what-if-advanced-hint'
              }
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setAdvanced(e.target.value)}
            />
          </FormGroup>
        </Fieldset>
        <div className="ssos-filter-actions">
          <Button type="submit" disabled={whatIf.isPending}>
            {whatIf.isPending ? 'Running the what-if…' : 'Run the what-if'}
          </Button>
          <Button
            type="button"
            outline
            onClick={() => {
              setDrafts({});
              setAdvanced('');
              setFieldErrors({});
              setFormError(null);
              whatIf.reset();
            }}
          >
            Reset all values
          </Button>
        </div>
      </Form>
      <div role="status" className="ssos-search-status">
        {whatIf.isPending ? <p>Recomputing every school and district for {chosenYear}…</p> : null}
      </div>
      {whatIf.isSuccess ? <WhatIfOutcome result={whatIf.data} values={values} headingRef={resultRef} /> : null}
    </>
  );
}

function WhatIfOutcome({
  result,
  values,
  headingRef,
}: {
  result: WhatIfResult;
  values: ReadonlyMap<string, Value>;
  headingRef: React.Ref<HTMLHeadingElement>;
}) {
  const before = result.officialSummary as unknown as RunSummary2018;
  const after = result.summary as unknown as RunSummary2018;
  const schools = result.changed.filter((c) => c.org.level === 'school').length;
  const districts = result.changed.length - schools;
  const rows: { label: string; pick: (s: RunSummary2018) => number | null; format?: (n: number) => string }[] = [
    { label: 'Schools classified', pick: (s) => s.schoolsClassified },
    { label: 'Schools requiring assistance or intervention', pick: (s) => s.schoolsRequiringAssistance },
    {
      label: 'Share of the schools classified',
      pick: (s) => s.sharePct,
      format: (n) => `${formatNumber(n, 1)}%`,
    },
    { label: 'Focused/targeted support', pick: (s) => s.focused },
    { label: 'Broad/comprehensive support', pick: (s) => s.broad },
    { label: 'Schools of recognition', pick: (s) => s.schoolsOfRecognition },
    { label: 'Districts requiring assistance or intervention', pick: (s) => s.districtsRequiringAssistance },
  ];
  const show = (n: number | null, format?: (n: number) => string) =>
    n === null ? <NoValue /> : format ? format(n) : formatCount(n);

  return (
    <section aria-labelledby="what-if-result-heading" className="margin-top-5">
      <h2 id="what-if-result-heading" ref={headingRef} tabIndex={-1} className="ssos-focus-target">
        What would change in {result.year}
      </h2>
      <p>
        With{' '}
        {result.changes.map((c, i) => (
          <span key={c.path}>
            {i > 0 ? (i === result.changes.length - 1 ? ' and ' : ', ') : ''}
            <code>{c.path}</code> {String(values.get(c.path) ?? '?')} → {String(c.value)}
          </span>
        ))}
        :{' '}
        <strong>
          {result.changed.length === 0
            ? 'no school or district changes classification or reason.'
            : `${formatCount(schools)} school${schools === 1 ? '' : 's'} and ${formatCount(districts)} district${districts === 1 ? '' : 's'} change classification or reason.`}
        </strong>
      </p>
      <Table compact caption="Summary: the official run beside the what-if">
        <thead>
          <tr>
            <th scope="col">Count</th>
            <th scope="col" className="ssos-num">
              Official run
            </th>
            <th scope="col" className="ssos-num">
              What-if
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const a = r.pick(before);
            const b = r.pick(after);
            return (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="ssos-num">{show(a, r.format)}</td>
                <td className="ssos-num">{a !== b ? <strong>{show(b, r.format)}</strong> : show(b, r.format)}</td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {result.changed.length > 0 ? (
        <>
          <h3>Schools and districts that change</h3>
          <Table
            fullWidth
            striped
            stackedStyle="headers"
            caption={<span className="usa-sr-only">Schools and districts whose classification or reason changes</span>}
          >
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Classification and reason, official</th>
                <th scope="col">Classification and reason, what-if</th>
                <th scope="col" className="ssos-num">
                  Percentile
                </th>
                <th scope="col" className="ssos-num">
                  Cumulative
                </th>
              </tr>
            </thead>
            <tbody>
              {result.changed.map((c) => (
                <tr key={c.org.code}>
                  <th scope="row" data-label="Name">
                    <Link to={orgAccountabilityPath(c.org.code, result.year)} className="usa-link">
                      {c.org.name}
                    </Link>
                    <span className="ssos-type-label"> ({c.org.level === 'school' ? 'school' : 'district'})</span>
                  </th>
                  <td data-label="Official">{describeHeadline(c.before)}</td>
                  <td data-label="What-if">{describeHeadline(c.after)}</td>
                  <td data-label="Percentile" className="ssos-num">
                    <BeforeAfter before={c.before?.percentile ?? null} after={c.after?.percentile ?? null} />
                  </td>
                  <td data-label="Cumulative" className="ssos-num">
                    <BeforeAfter
                      before={c.before?.cumulativePct ?? null}
                      after={c.after?.cumulativePct ?? null}
                      format={(n) => formatPct(n) ?? ''}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
    </section>
  );
}

type Headline = WhatIfResult['changed'][number]['before'];

function describeHeadline(h: Headline) {
  if (h === null) return <NoValue label="no result" />;
  return (
    <>
      {formatClassification(h.classification)}
      {h.reason ? <span className="ssos-row-detail">{h.reason}</span> : null}
    </>
  );
}

function BeforeAfter({
  before,
  after,
  format = (n) => String(n),
}: {
  before: number | null;
  after: number | null;
  format?: (n: number) => string;
}) {
  const a = before === null ? null : format(before);
  const b = after === null ? null : format(after);
  if (a === b) return a === null ? <NoValue /> : <>{a}</>;
  return (
    <>
      {a ?? <NoValue />} <span aria-hidden="true">→</span>
      <span className="usa-sr-only"> becomes </span> {b ?? <NoValue />}
    </>
  );
}
