import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import type { OrgSummary } from '../../server/api/orgs.ts';
import { formatOrgType, orgPath } from './org-format.ts';

/** The columns an organization table can show besides name and code. */
export type OrgColumn = 'type' | 'grades' | 'town' | 'district' | 'region';

/** A table of organizations, each name a link to its page. */
export function OrgTable({
  orgs,
  caption,
  columns = ['type', 'grades', 'town', 'district', 'region'],
}: {
  orgs: readonly OrgSummary[];
  caption: React.ReactNode;
  columns?: readonly OrgColumn[];
}) {
  const show = (column: OrgColumn) => columns.includes(column);
  return (
    <Table caption={caption} fullWidth striped stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Code</th>
          {show('type') ? <th scope="col">Type</th> : null}
          {show('grades') ? <th scope="col">Grades</th> : null}
          {show('town') ? <th scope="col">Town</th> : null}
          {show('district') ? <th scope="col">District</th> : null}
          {show('region') ? <th scope="col">Region</th> : null}
        </tr>
      </thead>
      <tbody>
        {orgs.map((org) => (
          <tr key={org.code}>
            <th scope="row" data-label="Name">
              <Link to={orgPath(org.code)} className="usa-link">
                {org.name}
              </Link>
              {org.closedYear !== null ? <span className="ssos-closed"> (closed after {org.closedYear})</span> : null}
            </th>
            <td data-label="Code">{org.code}</td>
            {show('type') ? <td data-label="Type">{formatOrgType(org)}</td> : null}
            {show('grades') ? <td data-label="Grades">{org.gradeSpan === '' ? '—' : org.gradeSpan}</td> : null}
            {show('town') ? <td data-label="Town">{org.town ?? '—'}</td> : null}
            {show('district') ? (
              <td data-label="District">{org.level === 'school' && org.parent !== null ? org.parent.name : '—'}</td>
            ) : null}
            {show('region') ? (
              <td data-label="Region">
                {org.region !== null
                  ? org.region.name
                  : org.level === 'district' || org.level === 'school'
                    ? 'Not assigned'
                    : '—'}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
