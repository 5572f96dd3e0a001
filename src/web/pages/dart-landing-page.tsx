import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Form, Label, Select, Table, TextInput } from '@trussworks/react-uswds';
import { dartPath, dartSectionPath, glossaryPath, useDartSettings } from '../api/dart.ts';
import { useOrgSearch } from '../api/orgs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { settingsNote } from '../components/dart-format.tsx';
import { formatOrgType } from '../components/org-format.ts';
import { sections } from './sections.ts';

const section = sections.find((s) => s.path === dartSectionPath)!;

type Level = 'district' | 'school';

function readLevel(raw: string | null): Level {
  return raw === 'school' ? 'school' : 'district';
}

/**
 * The DART area: what the tools are, a search that leads to a district's or school's DART, the glossary, and how
 * comparable organizations are found.
 */
export function DartLandingPage() {
  useDocumentTitle(section.title);
  const [searchParams, setSearchParams] = useSearchParams();
  const q = (searchParams.get('q') ?? '').trim();
  const level = readLevel(searchParams.get('level'));
  const [text, setText] = useState(q);
  const [levelChoice, setLevelChoice] = useState<Level>(level);
  useEffect(() => setText(q), [q]);
  useEffect(() => setLevelChoice(level), [level]);
  // Districts are few enough to list; schools wait for a name.
  const listing = q !== '' || level === 'district';
  const search = useOrgSearch({ q: q === '' ? undefined : q, level, limit: 50 }, { enabled: listing });

  return (
    <>
      <div className="ssos-readable">
        <h1>{section.title}</h1>
        <p className="usa-intro">{section.description[0]}</p>
        <p>{section.description[1]}</p>
        <p>
          Every indicator has a plain-language definition, its direction (whether higher or lower is better), its source
          and how its year is named: open “Definition” beside it, or read the{' '}
          <Link to={glossaryPath()} className="usa-link">
            glossary of indicators
          </Link>
          .
        </p>
      </div>

      <section aria-labelledby="dart-find-heading" className="margin-top-4">
        <h2 id="dart-find-heading">Open a district’s or school’s DART</h2>
        <Form
          role="search"
          aria-labelledby="dart-find-heading"
          className="ssos-search-form"
          onSubmit={(event: React.FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const params = new URLSearchParams();
            if (text.trim() !== '') params.set('q', text.trim());
            if (levelChoice === 'school') params.set('level', 'school');
            setSearchParams(params);
          }}
        >
          <div className="ssos-search-filters">
            <div>
              <Label htmlFor="dart-find-level">Show</Label>
              <Select
                id="dart-find-level"
                name="level"
                value={levelChoice}
                onChange={(event: React.ChangeEvent<HTMLSelectElement>) =>
                  setLevelChoice(readLevel(event.target.value))
                }
              >
                <option value="district">Districts</option>
                <option value="school">Schools</option>
              </Select>
            </div>
          </div>
          <Label htmlFor="dart-find-q">Name or code</Label>
          <div className="ssos-search-row">
            <TextInput
              id="dart-find-q"
              name="q"
              type="search"
              value={text}
              autoComplete="off"
              maxLength={100}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
            />
            <Button type="submit">Search</Button>
          </div>
        </Form>
        <div className="margin-top-3">
          {!listing ? (
            <p>Search for a school by name or code.</p>
          ) : search.isPending ? (
            <LoadingStatus>Searching…</LoadingStatus>
          ) : search.isError ? (
            <ErrorAlert heading="The search could not be run" error={search.error} />
          ) : search.data.items.length === 0 ? (
            <p role="status">
              No {level === 'district' ? 'districts' : 'schools'} match “{q}”.
            </p>
          ) : (
            <>
              <p role="status">
                {search.data.total.toLocaleString('en-US')} {level === 'district' ? 'districts' : 'schools'}
                {q !== '' ? ` match “${q}”` : ''}
                {search.data.total > search.data.items.length
                  ? `; the first ${search.data.items.length} are shown`
                  : ''}
                .
              </p>
              <Table fullWidth striped stackedStyle="headers" caption={<span className="usa-sr-only">DARTs</span>}>
                <thead>
                  <tr>
                    <th scope="col">{level === 'district' ? 'District' : 'School'}</th>
                    <th scope="col">Code</th>
                    <th scope="col">Type</th>
                    <th scope="col">Grades</th>
                    {level === 'school' ? <th scope="col">District</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {search.data.items.map((org) => (
                    <tr key={org.code}>
                      <th scope="row" data-label={level === 'district' ? 'District' : 'School'}>
                        <Link to={dartPath(org.code)} className="usa-link">
                          {org.name}
                        </Link>
                      </th>
                      <td data-label="Code">{org.code}</td>
                      <td data-label="Type">{formatOrgType(org)}</td>
                      <td data-label="Grades">{org.gradeSpan === '' ? '—' : org.gradeSpan}</td>
                      {level === 'school' ? <td data-label="District">{org.parent?.name ?? '—'}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </div>
      </section>

      <HowComparablesAreFound />
    </>
  );
}

/** The settings the comparable organizations and promising peers come from, in a few sentences. */
function HowComparablesAreFound() {
  const settings = useDartSettings();
  return (
    <section aria-labelledby="dart-how-heading" className="margin-top-5 ssos-readable">
      <h2 id="dart-how-heading">How comparable organizations are found</h2>
      {settings.isPending ? (
        <LoadingStatus>Loading the settings…</LoadingStatus>
      ) : settings.isError ? (
        <ErrorAlert heading="The settings could not be loaded" error={settings.error} />
      ) : (
        <>
          <p>
            Each district is compared with the {settings.data.settings.comparableCount} districts of its grade-span
            group (and each school with the schools of its type) that are nearest on{' '}
            {settings.data.settings.features.map((f) => f.label.toLowerCase()).join(', ')}. Trends cover the last{' '}
            {settings.data.settings.trendYears} years with data. Each DART’s “Comparable districts and why” page shows
            every characteristic side by side and its share of the distance.
          </p>
          <p className="usa-hint">{settingsNote}</p>
        </>
      )}
    </section>
  );
}
