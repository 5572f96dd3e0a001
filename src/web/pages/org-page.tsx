import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  AlertText,
  Button,
  Label,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
} from '@trussworks/react-uswds';
import { isOrgInScope } from '../../core/access/roles.ts';
import type { OrgLevel } from '../../core/orgs/organization.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgDetail, OrgSummary } from '../../server/api/orgs.ts';
import { orgAssistancePath } from '../api/assistance.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { canSeeStudentsOf, ewisOrgPath } from '../api/ewis.ts';
import { useOrg, useOrgSearch, useOrgUsers, useSetRegion } from '../api/orgs.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { formatGrades, formatLevel, formatOpenStatus, formatOrgType, orgPath } from '../components/org-format.ts';
import { OrgTable, type OrgColumn } from '../components/org-table.tsx';

// Long lists (the state's districts) show this many rows until the reader asks for all of them.
const initialRows = 50;

const childLevelOrder: readonly OrgLevel[] = ['region', 'district', 'school'];

/** An organization's page: its facts, the organizations under it, and (signed in) who has access to it. */
export function OrgPage() {
  const { code = '' } = useParams();
  const org = useOrg(code);
  const notFound = isApiError(org.error, 'not_found', 'route_not_found', 'validation_failed');
  const heading = org.data !== undefined ? org.data.name : notFound ? 'Organization not found' : `Organization ${code}`;
  useDocumentTitle(heading);

  // One h1 element whatever the state, so focus placed on it after a navigation survives the data arriving.
  return (
    <>
      <h1>{heading}</h1>
      {org.isPending ? (
        <LoadingStatus>Loading the organization…</LoadingStatus>
      ) : org.isError ? (
        notFound ? (
          <>
            <p className="usa-intro">There is no school, district or region with the code “{code}”.</p>
            <p>
              <Link to="/" className="usa-link">
                Search schools and districts
              </Link>
            </p>
          </>
        ) : (
          <ErrorAlert heading="The organization could not be loaded" error={org.error} />
        )
      ) : (
        <OrgView org={org.data} />
      )}
    </>
  );
}

function OrgView({ org }: { org: OrgDetail }) {
  const user = useCurrentUser();
  const groups = childLevelOrder
    .map((level) => ({ level, orgs: org.children.filter((child) => child.level === level) }))
    .filter((group) => group.orgs.length > 0);

  return (
    <>
      <p className="ssos-h1-kicker">{formatOrgType(org)}</p>
      {org.level === 'school' || org.level === 'district' ? (
        <p className="ssos-report-links">
          <Link to={`/orgs/${encodeURIComponent(org.code)}/accountability`} className="usa-link">
            Accountability report
          </Link>
          <Link to={`/orgs/${encodeURIComponent(org.code)}/dart`} className="usa-link">
            District Analysis and Review Tools (DART)
          </Link>
          {canSeeStudentsOf(user, org) ? (
            <Link to={ewisOrgPath(org.code)} className="usa-link">
              Early warning
            </Link>
          ) : null}
          {user !== null && user.role !== 'vendor' ? (
            <Link to={`/orgs/${encodeURIComponent(org.code)}/improvement`} className="usa-link">
              Self-assessments and site visits
            </Link>
          ) : null}
          {user !== null && user.role !== 'vendor' ? (
            <Link to={`/orgs/${encodeURIComponent(org.code)}/plans`} className="usa-link">
              Improvement plans
            </Link>
          ) : null}
          {canSeeAssistanceOf(user, org) ? (
            <Link to={orgAssistancePath(org.code)} className="usa-link">
              Assistance and engagements
            </Link>
          ) : null}
        </p>
      ) : org.level === 'region' && canSeeAssistanceOf(user, org) ? (
        <p className="ssos-report-links">
          <Link to={orgAssistancePath(org.code)} className="usa-link">
            Assistance: the engagement log of the region
          </Link>
        </p>
      ) : null}
      <SummaryBox className="ssos-org-summary">
        <SummaryBoxHeading headingLevel="h2">At a glance</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <Fact term="Code">{org.code}</Fact>
            <Fact term="Level">{formatLevel(org.level)}</Fact>
            <Fact term="Type">{org.typeLabel}</Fact>
            {org.level === 'school' || org.level === 'district' ? <Fact term="Grades">{formatGrades(org)}</Fact> : null}
            {org.town !== null ? <Fact term="Town">{org.town}</Fact> : null}
            {org.level === 'school' || org.level === 'district' ? (
              <Fact term="Region">
                {org.region !== null ? (
                  <Link to={orgPath(org.region.code)} className="usa-link">
                    {org.region.name}
                  </Link>
                ) : (
                  'Not assigned to a region'
                )}
              </Fact>
            ) : null}
            {org.parent !== null ? (
              <Fact term={org.parent.level === 'district' ? 'District' : 'Part of'}>
                <Link to={orgPath(org.parent.code)} className="usa-link">
                  {org.parent.name}
                </Link>
              </Fact>
            ) : null}
            <Fact term="Status">{formatOpenStatus(org)}</Fact>
          </dl>
        </SummaryBoxContent>
      </SummaryBox>

      {groups.map((group) => (
        <ChildGroup key={group.level} parent={org} level={group.level} orgs={group.orgs} />
      ))}
      {groups.length === 0 && org.level !== 'school' ? (
        <p className="margin-top-4">No schools or districts are recorded under {org.name}.</p>
      ) : null}

      {user?.role === 'state_admin' && org.level === 'district' ? <RegionAssignment org={org} /> : null}
      {user !== null ? <PeopleWithAccess org={org} /> : null}
    </>
  );
}

// The roles that read an organization's assistance (its engagement log): the agency, and the leaders of districts
// and schools for their own organization (the server's `GET /api/orgs/:code/engagements`).
const assistanceReaders: readonly CurrentUser['role'][] = [
  'state_admin',
  'state_staff',
  'regional_staff',
  'district_leader',
  'school_leader',
];

/**
 * Whether the user may open the organization's assistance page: a role that reads engagements, for an organization
 * within their scope (the server checks again; this only decides whether to offer the link).
 */
function canSeeAssistanceOf(user: CurrentUser | null, org: OrgDetail): boolean {
  if (user === null || !assistanceReaders.includes(user.role)) return false;
  return isOrgInScope(
    { level: user.scope.level, orgCode: user.scope.orgCode },
    {
      code: org.code,
      ancestorCodes: org.parent !== null ? [org.parent.code] : [],
      regionCode: org.region?.code ?? null,
    },
  );
}

/** A state administrator assigns the district to a regional assistance team (the files DESE publishes carry none). */
function RegionAssignment({ org }: { org: OrgDetail }) {
  const regions = useOrgSearch({ level: 'region', limit: 50 });
  const setRegion = useSetRegion(org.code);
  const [choice, setChoice] = useState(org.region?.code ?? '');
  return (
    <section aria-labelledby="region-heading" className="margin-top-5">
      <h2 id="region-heading">Regional assistance team</h2>
      {regions.isPending ? <p>Loading the regions…</p> : null}
      {regions.isError ? <ErrorAlert heading="The regions could not be loaded" error={regions.error} /> : null}
      {/* The form waits for the regions: a select whose value has no option yet would show (and submit) nothing. */}
      {regions.isSuccess ? (
        <form
          className="usa-form"
          onSubmit={(event) => {
            event.preventDefault();
            setRegion.mutate(choice === '' ? null : choice);
          }}
        >
          <Label htmlFor="region-select">Region that supports {org.name}</Label>
          <Select
            id="region-select"
            name="region"
            value={choice}
            onChange={(event: React.ChangeEvent<HTMLSelectElement>) => setChoice(event.target.value)}
          >
            <option value="">Not assigned to a region</option>
            {regions.data.items.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name}
              </option>
            ))}
          </Select>
          <Button type="submit" disabled={setRegion.isPending || choice === (org.region?.code ?? '')}>
            Save region
          </Button>
        </form>
      ) : null}
      {setRegion.isSuccess ? (
        <Alert type="success" slim role="status" className="margin-top-2">
          <AlertText>
            {setRegion.data.region
              ? `${org.name} is now supported by the ${setRegion.data.region.name}.`
              : `${org.name} is not assigned to a region.`}
          </AlertText>
        </Alert>
      ) : null}
      {setRegion.isError ? <ErrorAlert heading="The region could not be saved" error={setRegion.error} /> : null}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="ssos-facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ChildGroup({ parent, level, orgs }: { parent: OrgDetail; level: OrgLevel; orgs: readonly OrgSummary[] }) {
  const [showAll, setShowAll] = useState(false);
  const headingId = `children-${level}`;
  const label = formatLevel(level, true);
  const shown = showAll ? orgs : orgs.slice(0, initialRows);
  const columns: OrgColumn[] =
    level === 'region'
      ? []
      : level === 'district' && parent.level === 'state'
        ? ['type', 'grades', 'town', 'region']
        : ['type', 'grades', 'town'];
  return (
    <section aria-labelledby={headingId} className="margin-top-5">
      <h2 id={headingId}>
        {label} ({orgs.length.toLocaleString('en-US')})
      </h2>
      <OrgTable
        orgs={shown}
        columns={columns}
        caption={
          <span className="usa-sr-only">
            {label} in {parent.name}
          </span>
        }
      />
      {orgs.length > shown.length ? (
        <p>
          Showing the first {shown.length} of {orgs.length.toLocaleString('en-US')} {label.toLowerCase()}.{' '}
          <Button type="button" unstyled onClick={() => setShowAll(true)}>
            Show all {orgs.length.toLocaleString('en-US')}
          </Button>
        </p>
      ) : null}
    </section>
  );
}

function PeopleWithAccess({ org }: { org: OrgDetail }) {
  const users = useOrgUsers(org.code);
  return (
    <section aria-labelledby="people-heading" className="margin-top-5">
      <h2 id="people-heading">People with access</h2>
      <p className="usa-hint">
        Accounts that act for {org.name}
        {org.level === 'school' ? '' : ' or an organization under it'}. State staff also see every organization.
      </p>
      {users.isPending ? (
        <LoadingStatus>Loading the accounts…</LoadingStatus>
      ) : users.isError ? (
        isApiError(users.error, 'forbidden', 'out_of_scope') ? (
          <Alert type="info" slim>
            <AlertText>You do not have access to this organization's accounts.</AlertText>
          </Alert>
        ) : isApiError(users.error, 'not_signed_in') ? (
          <Alert type="info" slim>
            <AlertText>
              Your session has ended.{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(orgPath(org.code))}`} className="usa-link">
                Sign in again
              </Link>{' '}
              to see who has access.
            </AlertText>
          </Alert>
        ) : (
          <ErrorAlert heading="The accounts could not be loaded" error={users.error} />
        )
      ) : users.data.items.length === 0 ? (
        <p>No accounts act for {org.name} yet.</p>
      ) : (
        <Table
          fullWidth
          striped
          stackedStyle="headers"
          caption={<span className="usa-sr-only">Accounts that act for {org.name}</span>}
        >
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Acts for</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((account) => (
              <tr key={account.id}>
                <th scope="row" data-label="Name">
                  {account.displayName}
                </th>
                <td data-label="Email">{account.email}</td>
                <td data-label="Role">{account.roleLabel}</td>
                <td data-label="Acts for">{account.scope.orgName ?? 'Assigned site visits'}</td>
                <td data-label="Status">{account.active ? 'Active' : 'Deactivated'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
