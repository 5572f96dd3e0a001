import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../components/document-title.ts';

/** The page for an address the app does not have. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const location = useLocation();
  return (
    <div className="ssos-readable">
      <h1>Page not found</h1>
      <p className="usa-intro">There is no page at {location.pathname}.</p>
      <p>
        It may have moved, or the address may be mistyped.{' '}
        <Link to="/" className="usa-link">
          Go to the home page
        </Link>{' '}
        to search for a school or district.
      </p>
    </div>
  );
}
