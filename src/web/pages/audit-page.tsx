import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, AlertHeading, AlertText, Button, ButtonGroup, Table } from '@trussworks/react-uswds';
import {
  auditExportUrl,
  auditFilterKeys,
  auditLogPath,
  auditPageSize,
  useAuditLog,
  useVerifyAuditChain,
  type AuditEntry,
  type AuditFilters,
} from '../api/audit.ts';
import { useSession } from '../api/auth.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InputField, useFieldProblems } from '../components/form-field.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const filterLabels: Record<keyof AuditFilters, { label: string; hint?: string; type?: 'email' | 'date' }> = {
  user: { label: 'User’s email', hint: 'The account the entry was written under, exactly', type: 'email' },
  action: { label: 'Action', hint: 'For example read, export, create, update, sign_in' },
  resourceType: { label: 'What it concerns', hint: 'For example student, ewis_roster, plan, user, session' },
  org: { label: 'Organization code', hint: 'Eight digits, for example 01750505' },
  from: { label: 'From (UTC)', type: 'date' },
  to: { label: 'To (UTC)', type: 'date' },
};

function filtersFrom(params: URLSearchParams): AuditFilters {
  return Object.fromEntries(auditFilterKeys.map((k) => [k, params.get(k) ?? ''])) as AuditFilters;
}

function searchOf(filters: AuditFilters, before?: number): URLSearchParams {
  const search = new URLSearchParams();
  for (const k of auditFilterKeys) if (filters[k].trim() !== '') search.set(k, filters[k].trim());
  if (before !== undefined) search.set('before', String(before));
  return search;
}

/** "2026-11-24 15:04:05 UTC" from the stored time. */
function formatAt(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * The audit log (state administrators): who read or changed what, when and from where, newest first, filtered by
 * user, action, subject, organization and days; each page of it, and the CSV of every entry matching, is itself
 * recorded. The hash chain that makes a changed or deleted entry detectable is checked on demand.
 */
export function AuditPage() {
  const heading = 'Audit log';
  useDocumentTitle(heading);
  const session = useSession();
  const user = session.data?.user ?? null;
  return (
    <>
      <h1>{heading}</h1>
      <div className="ssos-readable">
        <p className="usa-intro">
          Every read and export of student-level data, and every change to plans, designations, frameworks, accounts and
          settings, with who did it, when and from where.
        </p>
        <p>
          Each entry holds a fingerprint of itself and of the entry before it, so an entry changed or deleted in the
          database afterwards shows when the chain is checked. Reading this log is recorded too.
        </p>
      </div>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <Alert type="info" headingLevel="h2" className="ssos-readable">
          <AlertHeading level="h2">Sign in to read the audit log</AlertHeading>
          <AlertText>
            <Link to={`/sign-in?next=${encodeURIComponent(auditLogPath)}`} className="usa-link">
              Sign in
            </Link>{' '}
            as a state administrator.
          </AlertText>
        </Alert>
      ) : user.role !== 'state_admin' ? (
        <Alert type="warning" headingLevel="h2" className="ssos-readable">
          <AlertHeading level="h2">Only state administrators read the audit log</AlertHeading>
          <AlertText>Ask a state administrator if you need to know who read or changed a record.</AlertText>
        </Alert>
      ) : (
        <>
          <ChainCheck />
          <AuditLog />
        </>
      )}
    </>
  );
}

function ChainCheck() {
  const verify = useVerifyAuditChain();
  const result = verify.data;
  return (
    <section aria-labelledby="chain-heading" className="margin-top-4 ssos-readable">
      <h2 id="chain-heading">Check the chain</h2>
      <p>Reads every entry and its fingerprint, oldest first; on a large log this takes a while.</p>
      <Button type="button" outline onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Checking…' : 'Check the whole log now'}
      </Button>
      <div aria-live="polite">
        {verify.isError ? <ErrorAlert heading="The check could not run" error={verify.error} /> : null}
        {result === undefined ? null : result.intact ? (
          <Alert type="success" headingLevel="h3" className="margin-top-2">
            <AlertHeading level="h3">The log is intact</AlertHeading>
            <AlertText>
              {result.entries.toLocaleString('en-US')} entries checked
              {result.lastId !== null ? `, the newest ${result.lastId}` : ''}; none was changed or removed.
            </AlertText>
          </Alert>
        ) : (
          <Alert type="error" headingLevel="h3" className="margin-top-2">
            <AlertHeading level="h3">The log has been tampered with</AlertHeading>
            <AlertText>
              {result.problem ?? 'An entry does not match its fingerprint.'}
              {result.brokenAt !== null ? ` (first broken entry: ${result.brokenAt}).` : ''}{' '}
              {result.entries.toLocaleString('en-US')} entries before it are intact.
            </AlertText>
          </Alert>
        )}
      </div>
    </section>
  );
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const beforeText = params.get('before');
  const before = beforeText !== null && /^\d+$/.test(beforeText) ? Number(beforeText) : undefined;
  const log = useAuditLog(applied, before);
  // The form's own copy, applied on submit; reset when the address changes (back, a link).
  const [draft, setDraft] = useState(applied);
  const [shownFor, setShownFor] = useState(params.toString());
  if (shownFor !== params.toString()) {
    setShownFor(params.toString());
    setDraft(applied);
  }
  const form = useRef<HTMLFormElement>(null);
  // A filter the server refused (an unknown organization, a range ending before it starts) is shown beside its field.
  const { errorOf, shownBeside } = useFieldProblems(log.error, null, form, auditFilterKeys);
  const filtered = auditFilterKeys.some((k) => applied[k] !== '');

  return (
    <section aria-labelledby="entries-heading" className="margin-top-4">
      <h2 id="entries-heading">Entries</h2>
      <form
        ref={form}
        className="usa-form usa-form--large ssos-readable"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(searchOf(draft));
        }}
      >
        <div className="grid-row grid-gap">
          {auditFilterKeys.map((k) => (
            <div key={k} className="tablet:grid-col-6">
              <InputField
                id={`audit-${k}`}
                name={k}
                type={filterLabels[k].type ?? 'text'}
                label={filterLabels[k].label}
                hint={filterLabels[k].hint}
                error={errorOf(k)}
                value={draft[k]}
                maxLength={k === 'user' ? 254 : 60}
                onChange={(value) => setDraft({ ...draft, [k]: value })}
              />
            </div>
          ))}
        </div>
        <ButtonGroup className="margin-top-2">
          <Button type="submit">Apply filters</Button>
          {filtered ? (
            <Link to={auditLogPath} className="usa-button usa-button--unstyled">
              Clear the filters
            </Link>
          ) : null}
        </ButtonGroup>
      </form>
      <p className="margin-top-3">
        <a className="usa-link" href={auditExportUrl(applied)} download>
          Download every entry {filtered ? 'matching the filters ' : ''}as CSV
        </a>{' '}
        (the download is recorded)
      </p>
      {log.isPending ? (
        <LoadingStatus>Loading entries…</LoadingStatus>
      ) : shownBeside ? (
        <p role="status">No entries are shown: correct the filter marked above.</p>
      ) : log.isError ? (
        <ErrorAlert heading="The audit log could not be read" error={log.error} />
      ) : (
        <Entries
          items={log.data.items}
          filtered={filtered}
          newer={before !== undefined ? `?${searchOf(applied).toString()}` : null}
          older={log.data.nextBefore != null ? `?${searchOf(applied, log.data.nextBefore).toString()}` : null}
        />
      )}
    </section>
  );
}

function Entries({
  items,
  filtered,
  newer,
  older,
}: {
  items: readonly AuditEntry[];
  filtered: boolean;
  newer: string | null;
  older: string | null;
}) {
  const pager =
    newer !== null || older !== null ? (
      <nav aria-label="Pages of the audit log" className="margin-y-2">
        <ButtonGroup type="default">
          {newer !== null ? (
            <Link className="usa-button usa-button--outline" to={newer}>
              Newest entries
            </Link>
          ) : null}
          {older !== null ? (
            <Link className="usa-button usa-button--outline" to={older}>
              Older entries
            </Link>
          ) : null}
        </ButtonGroup>
      </nav>
    ) : null;
  if (items.length === 0)
    return <p role="status">{filtered ? 'No entry matches these filters.' : 'The log has no entries yet.'}</p>;
  return (
    <>
      <p role="status">
        {items.length} {items.length === 1 ? 'entry' : 'entries'}, newest first
        {items.length === auditPageSize ? ' (more on the next pages)' : ''}.
      </p>
      <div className="usa-table-container--scrollable" tabIndex={0} aria-label="Audit entries (scrolls sideways)">
        <Table bordered compact fullWidth>
          <caption className="usa-sr-only">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">What</th>
              <th scope="col">Organization</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{e.id}</td>
                <td className="text-no-wrap">{formatAt(e.at)}</td>
                <td>{e.userEmail ?? 'the platform'}</td>
                <td>{e.action}</td>
                <td>
                  {e.resourceType}
                  {e.resourceId !== null ? ` ${e.resourceId}` : ''}
                </td>
                <td>{e.orgCode ?? '—'}</td>
                <td>{e.ip ?? '—'}</td>
                <td>
                  <Details detail={e.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {pager}
    </>
  );
}

/** A detail's value on one line: lists joined with commas (a read's students), anything else as JSON. */
function detailText(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.length === 0 ? 'none' : `${value.join(', ')} (${value.length})`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Details({ detail }: { detail: Record<string, unknown> }) {
  const keys = Object.keys(detail);
  if (keys.length === 0) return <>—</>;
  return (
    <details>
      <summary>{keys.join(', ')}</summary>
      <dl className="ssos-audit-detail">
        {keys.map((k) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{detailText(detail[k])}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
