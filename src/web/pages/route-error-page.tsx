import { Link, useRouteError } from 'react-router';
import { Alert, AlertHeading, AlertText } from '@trussworks/react-uswds';
import { Layout } from '../components/layout.tsx';
import { useDocumentTitle } from '../components/document-title.ts';

/** What the app shows when a page fails while rendering: the frame, a message, and a way home. */
export function RouteErrorPage() {
  useDocumentTitle('Something went wrong');
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <Layout>
      <h1>Something went wrong</h1>
      <Alert type="error">
        <AlertHeading level="h2">This page could not be shown</AlertHeading>
        <AlertText>{message}</AlertText>
      </Alert>
      <p>
        <Link to="/" className="usa-link">
          Go to the home page
        </Link>{' '}
        or reload the page to try again.
      </p>
    </Layout>
  );
}
