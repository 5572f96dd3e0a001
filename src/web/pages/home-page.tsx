import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Alert, AlertText, Button, Checkbox, Form, Label, Select, TextInput } from '@trussworks/react-uswds';
import { useOrgSearch } from '../api/orgs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { OrgTable } from '../components/org-table.tsx';

const pageSize = 25;

const levelFilters = [
  { value: '', label: 'All' },
  { value: 'district', label: 'Districts' },
  { value: 'school', label: 'Schools' },
] as const;

type LevelFilter = (typeof levelFilters)[number]['value'];

function readLevel(raw: string | null): LevelFilter {
  return raw === 'district' || raw === 'school' ? raw : '';
}

function readPage(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The home page: what the platform is, and the statewide search for schools and districts (state kept in the URL). */
export function HomePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const q = (searchParams.get('q') ?? '').trim();
  const level = readLevel(searchParams.get('level'));
  const includeClosed = searchParams.get('closed') === '1';
  const page = readPage(searchParams.get('page'));
  const searching = q !== '' || level !== '';

  const [text, setText] = useState(q);
  const [levelChoice, setLevelChoice] = useState<LevelFilter>(level);
  const [closedChoice, setClosedChoice] = useState(includeClosed);
  // Back and forward change the URL: show what it says in the form.
  useEffect(() => setText(q), [q]);
  useEffect(() => setLevelChoice(level), [level]);
  useEffect(() => setClosedChoice(includeClosed), [includeClosed]);

  useDocumentTitle(q !== '' ? `Search: ${q}` : 'Home');

  const search = useOrgSearch(
    {
      q: q === '' ? undefined : q,
      level: level === '' ? undefined : level,
      includeClosed,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    },
    { enabled: searching },
  );

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearchParams(buildParams(text.trim(), levelChoice, closedChoice, 1));
  };

  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const total = search.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      {signedOut ? (
        <Alert type="success" slim className="margin-top-4">
          <AlertText>You have signed out.</AlertText>
        </Alert>
      ) : null}
      <h1>Statewide System of Support</h1>
      <p className="usa-intro">
        This platform is where the agency and its regional assistance teams identify the schools and districts that need
        support, study their data, and plan, deliver and follow up the assistance they receive.
      </p>

      <section aria-labelledby="org-search-heading" className="margin-top-4">
        <h2 id="org-search-heading">Find a school or district</h2>
        <Form onSubmit={onSubmit} role="search" aria-labelledby="org-search-heading" className="ssos-search-form">
          <Label htmlFor="org-search-q">Search schools and districts by name or code</Label>
          <span className="usa-hint" id="org-search-q-hint">
            For example Abington, Worcester Technical, or 00010505
          </span>
          <div className="ssos-search-row">
            <TextInput
              id="org-search-q"
              name="q"
              type="search"
              value={text}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
              aria-describedby="org-search-q-hint"
              autoComplete="off"
              maxLength={100}
            />
            <Button type="submit">Search</Button>
          </div>
          <div className="ssos-search-filters">
            <div>
              <Label htmlFor="org-search-level">Show</Label>
              <Select
                id="org-search-level"
                name="level"
                value={levelChoice}
                onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
                  setLevelChoice(readLevel(event.target.value))
                }
              >
                {levelFilters.map((filter) => (
                  <option key={filter.value} value={filter.value}>
                    {filter.label}
                  </option>
                ))}
              </Select>
            </div>
            <Checkbox
              id="org-search-closed"
              name="closed"
              label="Include closed schools and districts"
              checked={closedChoice}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setClosedChoice(event.target.checked)}
            />
          </div>
        </Form>

        <div role="status" className="ssos-search-status">
          {!searching ? null : search.isPending ? (
            <p>Searching…</p>
          ) : search.isError ? null : (
            <p>
              {describeResult(q, level, total)}
              {pages > 1 ? ` Showing ${first}–${last}.` : ''}
              {search.isFetching ? ' Updating…' : ''}
            </p>
          )}
        </div>
        {search.isError ? <ErrorAlert heading="The search could not be run" error={search.error} /> : null}
        {searching && search.data !== undefined && search.data.items.length > 0 ? (
          <>
            <OrgTable orgs={search.data.items} caption={describeCaption(q, level)} />
            {pages > 1 ? (
              <nav aria-label="Search result pages" className="ssos-pager">
                {page > 1 ? (
                  <Link className="usa-link" to={`/?${buildParams(q, level, includeClosed, page - 1).toString()}`}>
                    Previous {pageSize}
                  </Link>
                ) : null}
                <span>
                  Page {page} of {pages}
                </span>
                {page < pages ? (
                  <Link className="usa-link" to={`/?${buildParams(q, level, includeClosed, page + 1).toString()}`}>
                    Next {pageSize}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}

/** The search's URL parameters, leaving out the defaults so links stay short. */
function buildParams(q: string, level: LevelFilter, includeClosed: boolean, page: number): URLSearchParams {
  const params = new URLSearchParams();
  if (q !== '') params.set('q', q);
  if (level !== '') params.set('level', level);
  if (includeClosed) params.set('closed', '1');
  if (page > 1) params.set('page', String(page));
  return params;
}

function nouns(level: LevelFilter): { one: string; many: string } {
  if (level === 'district') return { one: 'district', many: 'districts' };
  if (level === 'school') return { one: 'school', many: 'schools' };
  return { one: 'organization', many: 'organizations' };
}

/** The outcome of a search in a sentence: `3 schools match “abington”.` */
function describeResult(q: string, level: LevelFilter, total: number): string {
  const { one, many } = nouns(level);
  if (total === 0) {
    return q === ''
      ? `No ${many} found.`
      : `No ${many} match “${q}”. Check the spelling, try fewer words, or search by the 8-digit code.`;
  }
  const count = total === 1 ? `1 ${one}` : `${total.toLocaleString('en-US')} ${many}`;
  if (q === '') return `${count}.`;
  return `${count} ${total === 1 ? 'matches' : 'match'} “${q}”.`;
}

/** The results table's caption: `Schools matching “abington”`, or `All districts`. */
function describeCaption(q: string, level: LevelFilter): string {
  const { many } = nouns(level);
  return q === '' ? `All ${many}` : `${many.charAt(0).toUpperCase()}${many.slice(1)} matching “${q}”`;
}
