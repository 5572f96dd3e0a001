import { Link } from 'react-router';
import { Alert, AlertHeading, AlertText, Breadcrumb, BreadcrumbBar, BreadcrumbLink } from '@trussworks/react-uswds';
import { isApiError } from '../api/client.ts';
import { ErrorAlert } from './error-alert.tsx';
import { LoadingStatus } from './loading-status.tsx';

/**
 * The breadcrumb of a page in the assistance area (grants, networks, recognition, walkthroughs): Home, Assistance,
 * then the trail, then the current page.
 */
export function AreaCrumbs({ trail = [], current }: { trail?: { to: string; label: string }[]; current: string }) {
  const links = [{ to: '/', label: 'Home' }, { to: '/assistance', label: 'Assistance' }, ...trail];
  return (
    <BreadcrumbBar>
      {links.map((l) => (
        <Breadcrumb key={l.to}>
          <BreadcrumbLink asCustom={Link} to={l.to}>
            <span>{l.label}</span>
          </BreadcrumbLink>
        </Breadcrumb>
      ))}
      <Breadcrumb current>
        <span>{current}</span>
      </Breadcrumb>
    </BreadcrumbBar>
  );
}

/** What a signed-out reader sees: why, and a link to sign in and come back. */
export function SignInNotice({ what, next }: { what: string; next: string }) {
  return (
    <Alert type="info" className="ssos-readable">
      <AlertHeading level="h2">Sign in to continue</AlertHeading>
      <AlertText>
        {what}{' '}
        <Link to={`/sign-in?next=${encodeURIComponent(next)}`} className="usa-link">
          Sign in
        </Link>
        .
      </AlertText>
    </Alert>
  );
}

/** What a signed-in reader without access sees. */
export function NoAccessNotice({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <Alert type="info" className="ssos-readable">
      <AlertHeading level="h2">{heading}</AlertHeading>
      <AlertText>{children}</AlertText>
    </Alert>
  );
}

/**
 * What a record's page shows before the record: a sign-in notice when signed out, a status while it loads, the
 * refusal (in words for a reader without access) or the failure; then the record itself.
 */
export function RecordState<T>({
  signedIn,
  signIn,
  query,
  noun,
  noAccess,
  children,
}: {
  signedIn: boolean;
  signIn: { what: string; next: string };
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  /** What is loaded, for the messages: "the application". */
  noun: string;
  /** The heading when the server refuses the reader (403). */
  noAccess: string;
  children: (data: T) => React.ReactNode;
}) {
  if (!signedIn) return <SignInNotice what={signIn.what} next={signIn.next} />;
  if (query.isPending) return <LoadingStatus>Loading {noun}…</LoadingStatus>;
  if (query.isError || query.data === undefined)
    return (
      <ErrorAlert
        heading={
          isApiError(query.error, 'forbidden', 'out_of_scope')
            ? noAccess
            : `${noun.charAt(0).toUpperCase()}${noun.slice(1)} could not be loaded`
        }
        error={query.error}
      />
    );
  return <>{children(query.data)}</>;
}
