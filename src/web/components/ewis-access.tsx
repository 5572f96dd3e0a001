import { Link, useLocation } from 'react-router';
import { Alert, AlertHeading, AlertText } from '@trussworks/react-uswds';
import { isApiError } from '../api/client.ts';
import { ErrorAlert } from './error-alert.tsx';

/**
 * Why early-warning results could not be shown, for a person: signed out (with a way back in, to this page), a role
 * without student access (site-visit vendors), students outside the user's school, district or region (`whose`
 * names them: “this school’s students”), or another failure with the server's message.
 */
export function EwisAccessProblem({ error, whose, failed }: { error: unknown; whose: string; failed: string }) {
  const location = useLocation();
  if (isApiError(error, 'not_signed_in')) {
    const next = `${location.pathname}${location.search}`;
    return (
      <Alert type="info" className="ssos-readable">
        <AlertHeading level="h2">Sign in to see students</AlertHeading>
        <AlertText>
          Early-warning results name students: they are shown only to signed-in staff of the students’ school, district
          or region, and to the agency.{' '}
          <Link to={`/sign-in?next=${encodeURIComponent(next)}`} className="usa-link">
            Sign in
          </Link>
        </AlertText>
      </Alert>
    );
  }
  if (isApiError(error, 'forbidden')) {
    return (
      <Alert type="warning" className="ssos-readable">
        <AlertHeading level="h2">Your role has no access to students</AlertHeading>
        <AlertText>
          Early-warning results are for staff of a school, district or region and for the agency; site-visit vendors
          work with the visits assigned to them only.
        </AlertText>
      </Alert>
    );
  }
  if (isApiError(error, 'out_of_scope')) {
    return (
      <Alert type="warning" className="ssos-readable">
        <AlertHeading level="h2">You do not have access to {whose}</AlertHeading>
        <AlertText>
          Student-level results are shown only within your own school, district or region. If you work with these
          students, ask an administrator to give your account access.
        </AlertText>
      </Alert>
    );
  }
  if (isApiError(error, 'not_found', 'route_not_found', 'validation_failed')) {
    return <p className="usa-intro">{error instanceof Error ? error.message : 'Not found.'}</p>;
  }
  return <ErrorAlert heading={failed} error={error} />;
}
