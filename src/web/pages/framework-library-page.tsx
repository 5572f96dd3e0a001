import { Link } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Table,
} from '@trussworks/react-uswds';
import { useSession } from '../api/auth.ts';
import { frameworkLibraryPath, frameworkPath, useFrameworks } from '../api/frameworks.ts';
import { improvementSectionPath } from '../api/improvement.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  currentVersion,
  formatDate,
  frameworkUseLabels,
  groupVersions,
  orgLevelsText,
} from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

/**
 * The framework library: every framework the state's self-assessments and site visits rate against, its versions,
 * how many indicators it has and how much of its wording is still to be confirmed. Each opens on its own page, where a
 * state administrator corrects wording in a new version.
 */
export function FrameworkLibraryPage() {
  const heading = 'Framework library';
  useDocumentTitle(heading);
  const session = useSession();
  const user = session.data?.user ?? null;
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={improvementSectionPath}>
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>{heading}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      <div className="ssos-readable">
        <p className="usa-intro">
          The frameworks schools and districts assess themselves against, and the Turnaround Practices site visits rate,
          each with its rating scale.
        </p>
        <p>
          A framework is versioned: a published version never changes, because the self-assessments and site visits made
          with it keep pointing at it. Wording the agency has not confirmed yet is marked “Wording to be confirmed”.{' '}
          {user?.role === 'state_admin'
            ? 'As a state administrator you correct it: open a framework, create a new version, edit it and publish it.'
            : 'State administrators correct it in a new version.'}
        </p>
      </div>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <Alert type="info" headingLevel="h2" className="ssos-readable">
          <AlertHeading level="h2">Sign in to see the framework library</AlertHeading>
          <AlertText>
            <Link to={`/sign-in?next=${encodeURIComponent(frameworkLibraryPath)}`} className="usa-link">
              Sign in
            </Link>{' '}
            with your ssos account.
          </AlertText>
        </Alert>
      ) : (
        <LibraryTable />
      )}
    </>
  );
}

function LibraryTable() {
  const list = useFrameworks();
  if (list.isPending) return <LoadingStatus>Loading the framework library…</LoadingStatus>;
  if (list.isError) return <ErrorAlert heading="The framework library could not be loaded" error={list.error} />;
  const frameworks = groupVersions(list.data.items);
  return (
    <Table fullWidth striped stackedStyle="headers" caption="The frameworks of the library and their versions">
      <thead>
        <tr>
          <th scope="col">Framework</th>
          <th scope="col">Used for</th>
          <th scope="col">Rated by</th>
          <th scope="col">Indicators</th>
          <th scope="col">Wording to be confirmed</th>
          <th scope="col">Versions</th>
        </tr>
      </thead>
      <tbody>
        {frameworks.map((versions) => {
          const current = currentVersion(versions);
          return (
            <tr key={current.code}>
              <th scope="row" data-label="Framework">
                <Link to={frameworkPath(current.code)} className="usa-link">
                  {current.title}
                </Link>
                <span className="display-block text-normal">Code {current.code}</span>
              </th>
              <td data-label="Used for">{current.uses.map((u) => frameworkUseLabels[u]).join(', ')}</td>
              <td data-label="Rated by">{orgLevelsText(current.orgLevels)}</td>
              <td data-label="Indicators">{current.indicators}</td>
              <td data-label="Wording to be confirmed">
                {current.unconfirmedItems === 0
                  ? 'None'
                  : `${current.unconfirmedItems} item${current.unconfirmedItems === 1 ? '' : 's'}`}
              </td>
              <td data-label="Versions">
                <ul className="usa-list usa-list--unstyled">
                  {versions.map((v) => (
                    <li key={v.version}>
                      <Link to={frameworkPath(v.code, v.version)} className="usa-link">
                        Version {v.version}
                      </Link>
                      {v.status === 'published'
                        ? `: published${v.publishedAt !== null ? ` ${formatDate(v.publishedAt)}` : ''}`
                        : ': draft'}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
