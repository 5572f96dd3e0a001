import { Link } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink } from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import { assistancePath } from '../api/assistance.ts';
import { useSession } from '../api/auth.ts';
import { useDocumentTitle } from './document-title.ts';
import { LoadingStatus } from './loading-status.tsx';

/**
 * The frame of a page of the assistance area: the breadcrumb from the area's start page, the one heading, an
 * optional introduction, and then, once it is known who is signed in, the page itself; a signed-out reader is asked
 * to sign in (and comes back here), and a site-visit vendor is told the area is not open to them.
 */
export function AssistancePage({
  crumbs,
  heading,
  intro,
  here,
  signInTo,
  children,
}: {
  /** The crumbs after "Assistance", the last one being this page. */
  crumbs: readonly { label: string; to?: string }[];
  heading: string;
  intro?: React.ReactNode;
  /** This page's address, to come back to after signing in. */
  here: string;
  /** What signing in lets the reader do: "see the partner catalog". */
  signInTo: string;
  children: (user: CurrentUser) => React.ReactNode;
}) {
  useDocumentTitle(heading);
  const session = useSession();
  const user = session.data?.user ?? null;
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={assistancePath}>
            <span>Assistance</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 || c.to === undefined ? (
            <Breadcrumb key={c.label} current={i === crumbs.length - 1}>
              <span>{c.label}</span>
            </Breadcrumb>
          ) : (
            <Breadcrumb key={c.label}>
              <BreadcrumbLink asCustom={Link} to={c.to}>
                <span>{c.label}</span>
              </BreadcrumbLink>
            </Breadcrumb>
          ),
        )}
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {intro}
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`} className="usa-link">
            Sign in
          </Link>{' '}
          to {signInTo}.
        </p>
      ) : user.role === 'vendor' ? (
        <p className="ssos-readable">
          Assistance operations are for the agency and for the leaders of districts and schools; they are not open to
          site-visit vendors.
        </p>
      ) : (
        children(user)
      )}
    </>
  );
}
