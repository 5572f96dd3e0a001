import { useEffect } from 'react';
import { Checkbox, Fieldset, Select } from '@trussworks/react-uswds';
import { apiFieldError, described, Field } from './improvement-format.tsx';

/** A field's problem: the name the server gives the field, and a sentence for the reader. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The problem per field of a form: one found before sending (`local`), else the one the server refused the request
 * for (`refusal`, a 400 naming its field). `errorOf(field)` is the message for that field or anything under it
 * (`frameworkCodes` holds `frameworkCodes.2`), and focus goes to the field named, so the reader lands on it.
 * `shownBeside` says whether the server's problem names one of `fields`, the fields the form shows messages beside;
 * when it does not, the form shows the refusal above itself instead.
 */
export function useFieldProblems(
  refusal: unknown,
  local: FieldProblem | null,
  form: React.RefObject<HTMLFormElement | null>,
  fields: readonly string[],
) {
  const server = apiFieldError(refusal);
  const problem = local ?? server;
  const named = problem?.field;
  useEffect(() => {
    if (named === undefined) return;
    const own = form.current?.querySelector<HTMLElement>(`[name="${named}"]`);
    (own ?? form.current?.querySelector<HTMLElement>(`[name^="${named.split('.')[0]}"]`))?.focus();
  }, [named, refusal, form]);
  const covers = (field: string, name: string) => name === field || name.startsWith(`${field}.`);
  return {
    shownBeside: server !== null && fields.some((f) => covers(f, server.field)),
    errorOf: (field: string) => (problem !== null && covers(field, problem.field) ? problem.message : null),
  };
}

/** What every text field takes: where it is, what it is called, its value and the server's error for it. */
interface TextFieldProps {
  id: string;
  /** The name the server gives the field in its errors (focus goes to `[name=...]`). */
  name: string;
  label: React.ReactNode;
  hint?: string;
  error: string | null;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
}

/** A one-line input (text, email, web address or date) with its label, hint, and error shown beside it. */
export function InputField({
  type = 'text',
  autoComplete,
  ...p
}: TextFieldProps & { type?: 'text' | 'email' | 'url' | 'date'; autoComplete?: string }) {
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <input
        className={`usa-input${p.error !== null ? ' usa-input--error' : ''}`}
        id={p.id}
        name={p.name}
        type={type}
        value={p.value}
        maxLength={p.maxLength}
        autoComplete={autoComplete}
        onChange={(e) => p.onChange(e.target.value)}
        {...described(p.id, p.hint !== undefined, p.error)}
      />
    </Field>
  );
}

/** A text box of several lines with its label, hint, and error shown beside it. */
export function TextAreaField(p: TextFieldProps) {
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <textarea
        className={`usa-textarea${p.error !== null ? ' usa-input--error' : ''}`}
        id={p.id}
        name={p.name}
        value={p.value}
        maxLength={p.maxLength}
        onChange={(e) => p.onChange(e.target.value)}
        {...described(p.id, p.hint !== undefined, p.error)}
      />
    </Field>
  );
}

/** A choice among labelled values, with the server's error beside it; `placeholder` adds an empty first choice. */
export function SelectField<V extends string>({
  id,
  name,
  label,
  hint,
  error,
  value,
  options,
  placeholder,
  onChange,
}: {
  id: string;
  name: string;
  label: React.ReactNode;
  hint?: string;
  error: string | null;
  value: V | '';
  options: readonly { value: V; label: string }[];
  placeholder?: string;
  onChange: (value: V | '') => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Select
        id={id}
        name={name}
        value={value}
        onChange={(e: React.ChangeEvent<HTMLSelectElement>) => onChange(e.target.value as V | '')}
        {...described(id, hint !== undefined, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * A group of checkboxes under a legend, each option ticked when its value is in `chosen`; the hint and the server's
 * error for the group are shown under the legend and tied to every box.
 */
export function CheckboxGroup<V extends string | number>({
  id,
  name,
  legend,
  hint,
  error,
  options,
  chosen,
  onChange,
}: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  error: string | null;
  options: readonly { value: V; label: string }[];
  chosen: readonly V[];
  onChange: (chosen: V[]) => void;
}) {
  const describedBy = [hint !== undefined ? `${id}-hint` : null, error !== null ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <Fieldset legend={legend} className={`margin-top-3${error !== null ? ' usa-form-group--error' : ''}`}>
      {hint !== undefined ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error !== null ? (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {options.map((o) => (
        <Checkbox
          key={o.value}
          id={`${id}-${o.value}`}
          name={name}
          value={String(o.value)}
          label={o.label}
          checked={chosen.includes(o.value)}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
            onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
          }
        />
      ))}
    </Fieldset>
  );
}
