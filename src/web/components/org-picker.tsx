import { useId, useState } from 'react';
import { Button, Label, TextInput } from '@trussworks/react-uswds';
import type { OrgRef } from '../../server/api/orgs.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { ErrorAlert } from './error-alert.tsx';

/**
 * A search for districts or schools by name or code, with a button per match to pick it. Matches already chosen
 * (`exclude`) say so instead; `full` disables picking (the list holds as many as it may).
 */
export function OrgPicker({
  level,
  label,
  actionLabel,
  exclude,
  full = false,
  onPick,
}: {
  level: 'district' | 'school';
  label: string;
  /** The verb on each match's button: `Add`, `Explain`. */
  actionLabel: string;
  exclude: ReadonlySet<string>;
  full?: boolean;
  onPick: (org: OrgRef) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const search = useOrgSearch({ q, level, limit: 8 }, { enabled: q !== '' });
  const noun = level === 'district' ? 'districts' : 'schools';

  return (
    <div className="ssos-org-picker">
      <form
        role="search"
        aria-label={`Search ${noun}`}
        className="usa-form ssos-search-form"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(text.trim());
        }}
      >
        <Label htmlFor={`${id}-q`}>{label}</Label>
        <span className="usa-hint" id={`${id}-hint`}>
          Name or 8-digit code
        </span>
        <div className="ssos-search-row">
          <TextInput
            id={`${id}-q`}
            name="q"
            type="search"
            value={text}
            autoComplete="off"
            maxLength={100}
            aria-describedby={`${id}-hint`}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
          />
          <Button type="submit" outline>
            Search
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {q === '' ? null : search.isPending ? (
          <p className="ssos-loading">Searching…</p>
        ) : search.isError ? (
          <ErrorAlert heading="The search could not be run" error={search.error} />
        ) : search.data.items.length === 0 ? (
          <p>
            No {noun} match “{q}”.
          </p>
        ) : (
          <ul className="usa-list usa-list--unstyled ssos-pick-list" aria-label={`${noun} matching “${q}”`}>
            {search.data.items.map((org) => (
              <li key={org.code} className="ssos-pick-list__item">
                <span>
                  <strong>{org.name}</strong> <span className="ssos-pick-list__detail">{org.code}</span>
                  {org.level === 'school' && org.parent !== null ? (
                    <span className="ssos-pick-list__detail"> · {org.parent.name}</span>
                  ) : null}
                </span>
                {exclude.has(org.code) ? (
                  <span className="ssos-pick-list__detail">Already chosen</span>
                ) : (
                  <Button
                    type="button"
                    unstyled
                    disabled={full}
                    aria-label={`${actionLabel} ${org.name}`}
                    onClick={() => onPick({ code: org.code, name: org.name, level: org.level })}
                  >
                    {actionLabel}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
