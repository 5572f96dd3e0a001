import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Button, Select } from '@trussworks/react-uswds';
import type { EngagementType } from '../../core/assistance/vocabulary.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import {
  engagementsCsvUrl,
  orgAssistancePath,
  useEngagementTimeline,
  type Engagement,
  type TimelineFilters,
} from '../api/assistance.ts';
import { isApiError } from '../api/client.ts';
import { engagementTypeLabels, engagementTypes, frameworkCodeLabel, teamRoleLabels } from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { apiFieldError, described, Field, formatDate } from './improvement-format.tsx';
import { LoadingStatus } from './loading-status.tsx';

/** Engagements per page of the timeline. */
const pageSize = 20;

/**
 * The engagement timeline of an organization and everything under it, latest first: filters by type and dates,
 * a page at a time, and the matching engagements as a CSV file.
 */
export function EngagementTimeline({ org }: { org: OrgRef }) {
  const id = useId();
  const [draft, setDraft] = useState<{ type: EngagementType | ''; from: string; to: string }>({
    type: '',
    from: '',
    to: '',
  });
  const [filters, setFilters] = useState<Pick<TimelineFilters, 'type' | 'from' | 'to'>>({});
  const [offset, setOffset] = useState(0);
  const timeline = useEngagementTimeline(org.code, { ...filters, limit: pageSize, offset });
  const refused = apiFieldError(timeline.error);
  const errorOf = (field: string) => (refused?.field === field ? refused.message : null);
  const total = timeline.data?.total ?? 0;
  const filtered = filters.type !== undefined || filters.from !== undefined || filters.to !== undefined;

  return (
    <>
      <form
        className="usa-form ssos-search-form"
        aria-label="Filter the engagements"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilters({
            type: draft.type === '' ? undefined : draft.type,
            from: draft.from === '' ? undefined : draft.from,
            to: draft.to === '' ? undefined : draft.to,
          });
        }}
      >
        <div className="ssos-search-filters">
          <Field id={`${id}-type`} label="Type">
            <Select
              id={`${id}-type`}
              name="type"
              value={draft.type}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) =>
                setDraft((d) => ({ ...d, type: e.target.value as EngagementType | '' }))
              }
            >
              <option value="">Every type</option>
              {engagementTypes.map((t) => (
                <option key={t} value={t}>
                  {engagementTypeLabels[t]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${id}-from`} label="From" error={errorOf('from')}>
            <input
              className={`usa-input${errorOf('from') !== null ? ' usa-input--error' : ''}`}
              id={`${id}-from`}
              name="from"
              type="date"
              value={draft.from}
              onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
              {...described(`${id}-from`, false, errorOf('from'))}
            />
          </Field>
          <Field id={`${id}-to`} label="To" error={errorOf('to')}>
            <input
              className={`usa-input${errorOf('to') !== null ? ' usa-input--error' : ''}`}
              id={`${id}-to`}
              name="to"
              type="date"
              value={draft.to}
              onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
              {...described(`${id}-to`, false, errorOf('to'))}
            />
          </Field>
        </div>
        <div className="margin-top-2">
          <Button type="submit" outline>
            Apply the filters
          </Button>
          {filtered ? (
            <Button
              type="button"
              unstyled
              className="margin-left-2"
              onClick={() => {
                setDraft({ type: '', from: '', to: '' });
                setFilters({});
                setOffset(0);
              }}
            >
              Clear the filters
            </Button>
          ) : null}
        </div>
      </form>
      {timeline.isPending ? (
        <LoadingStatus>Loading the engagements…</LoadingStatus>
      ) : timeline.isError && refused === null ? (
        <ErrorAlert
          heading={
            isApiError(timeline.error, 'forbidden', 'out_of_scope')
              ? `You do not have access to the engagements of ${org.name}`
              : 'The engagements could not be loaded'
          }
          error={timeline.error}
        />
      ) : timeline.isError ? null : (
        <>
          <p role="status" className="margin-top-3">
            {total === 0
              ? filtered
                ? 'No engagement matches the filters.'
                : 'No engagement is logged yet.'
              : `${total} ${total === 1 ? 'engagement' : 'engagements'}${filtered ? ' match the filters' : ''}; showing ${offset + 1} to ${offset + timeline.data.items.length}, latest first.`}
          </p>
          {total > 0 ? (
            <p>
              <a href={engagementsCsvUrl(org.code, filters)} className="usa-link" download>
                Download {filtered ? 'the matching' : 'all'} engagements as CSV
              </a>{' '}
              <span className="text-base-dark">(every match, not only this page)</span>
            </p>
          ) : null}
          <ol className="usa-list usa-list--unstyled" aria-label={`Engagements of ${org.name}, latest first`}>
            {timeline.data.items.map((e) => (
              <li key={e.id} className="margin-bottom-3">
                <EngagementItem engagement={e} root={org} />
              </li>
            ))}
          </ol>
          {total > pageSize ? (
            <nav className="ssos-pager" aria-label="Pages of engagements">
              <Button
                type="button"
                outline
                disabled={offset === 0}
                onClick={() => setOffset((o) => Math.max(0, o - pageSize))}
              >
                Previous page
              </Button>
              <span>
                Page {Math.floor(offset / pageSize) + 1} of {Math.ceil(total / pageSize)}
              </span>
              <Button
                type="button"
                outline
                disabled={offset + pageSize >= total}
                onClick={() => setOffset((o) => o + pageSize)}
              >
                Next page
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

/** One engagement: when, what, with whom, what it addressed, notes and next steps. */
function EngagementItem({ engagement: e, root }: { engagement: Engagement; root: OrgRef }) {
  return (
    <article className="border-left-05 border-primary padding-left-2" aria-labelledby={`engagement-${e.id}`}>
      <h3 id={`engagement-${e.id}`} className="margin-y-05 font-sans-md">
        {formatDate(e.occurredOn)}: {e.typeLabel}
        {e.org.code !== root.code ? (
          <>
            {' at '}
            <Link to={orgAssistancePath(e.org.code)} className="usa-link">
              {e.org.name}
            </Link>
          </>
        ) : null}
      </h3>
      <dl className="ssos-facts">
        <div className="ssos-facts__row">
          <dt>Led by</dt>
          <dd>{e.staff.map((s) => `${s.displayName} (${teamRoleLabels[s.teamRole]})`).join('; ')}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Participants</dt>
          <dd>
            {e.participants.length === 0
              ? 'None recorded'
              : e.participants.map((p) => `${p.name} (${p.role})`).join('; ')}
          </dd>
        </div>
        {e.frameworkCodes.length > 0 ? (
          <div className="ssos-facts__row">
            <dt>Addressed</dt>
            <dd>
              <ul className="usa-list usa-list--unstyled">
                {e.frameworkCodes.map((f) => (
                  <li key={f.code}>{frameworkCodeLabel(f.code)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {e.notes !== '' ? (
          <div className="ssos-facts__row">
            <dt>Notes</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{e.notes}</dd>
          </div>
        ) : null}
        {e.nextSteps !== '' ? (
          <div className="ssos-facts__row">
            <dt>Next steps</dt>
            <dd>{e.nextSteps}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
