import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { siteVisitPath, type SiteVisitList } from '../api/improvement.ts';
import { formatDate, siteVisitStatusLabels, StatusTag, visitTypeShort } from './improvement-format.tsx';

/** A table of site visits, each linked to its page. */
export function SiteVisitTable({
  visits,
  caption,
  showSchool = true,
}: {
  visits: SiteVisitList['items'];
  caption: string;
  showSchool?: boolean;
}) {
  return (
    <Table fullWidth striped stackedStyle="headers" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Visit</th>
          {showSchool ? <th scope="col">School</th> : null}
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Indicators rated</th>
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <tr key={v.id}>
            <th scope="row" data-label="Visit">
              <Link to={siteVisitPath(v.id)} className="usa-link">
                {showSchool
                  ? `Visit of ${formatDate(v.visitOn)}`
                  : `${visitTypeShort(v.type)} visit, ${formatDate(v.visitOn)}`}
              </Link>
            </th>
            {showSchool ? (
              <td data-label="School">
                {v.org.name} ({v.org.code})
              </td>
            ) : null}
            <td data-label="Type">{visitTypeShort(v.type)}</td>
            <td data-label="Status">
              <StatusTag status={v.status} labels={siteVisitStatusLabels} />
            </td>
            <td data-label="Indicators rated">
              {v.rated === null ? 'Shown once published' : `${v.rated} of ${v.indicators}`}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
