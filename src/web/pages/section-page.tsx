import { Link } from 'react-router';
import { Alert, AlertText } from '@trussworks/react-uswds';
import { useDocumentTitle } from '../components/document-title.ts';
import type { Section } from './sections.ts';

/** The page of an area of the platform that has no results yet: what the area is for, and where to go instead. */
export function SectionPage({ section }: { section: Section }) {
  useDocumentTitle(section.title);
  return (
    <div className="ssos-readable">
      <h1>{section.title}</h1>
      <p className="usa-intro">{section.description[0]}</p>
      <p>{section.description[1]}</p>
      <Alert type="info" slim>
        <AlertText>No results have been computed in this installation yet.</AlertText>
      </Alert>
      <p>
        <Link to="/" className="usa-link">
          Search schools and districts
        </Link>{' '}
        to see what is recorded about each of them.
      </p>
    </div>
  );
}
