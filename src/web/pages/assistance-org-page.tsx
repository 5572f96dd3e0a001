import { Link, useParams } from 'react-router';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgDetail } from '../../server/api/orgs.ts';
import { isAssistanceStaff, orgAssistancePath, pdPath, priorityPath } from '../api/assistance.ts';
import { isApiError } from '../api/client.ts';
import { useOrg } from '../api/orgs.ts';
import { EngagementForm } from '../components/assistance-engagement-form.tsx';
import { EngagementTimeline } from '../components/assistance-engagement-timeline.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { PartnerSuggestionList } from '../components/assistance-partners.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { orgPath } from '../components/org-format.ts';

/**
 * The assistance to one organization: its engagement timeline (and, for a district or region, that of the
 * organizations under it), the form to log an engagement for agency staff, and the partners suggested for it.
 */
export function AssistanceOrgPage() {
  const { code = '' } = useParams();
  const org = useOrg(code);
  const name = org.data?.name ?? code;
  return (
    <AssistancePage
      crumbs={[{ label: name }]}
      heading={`${name}: assistance`}
      here={orgAssistancePath(code)}
      signInTo={`see the assistance ${name} has received`}
    >
      {(user) =>
        org.isPending ? (
          <LoadingStatus>Loading the organization…</LoadingStatus>
        ) : org.isError ? (
          isApiError(org.error, 'not_found', 'validation_failed') ? (
            <p className="usa-intro">There is no school, district or region with the code “{code}”.</p>
          ) : (
            <ErrorAlert heading="The organization could not be loaded" error={org.error} />
          )
        ) : (
          <OrgAssistance org={org.data} user={user} />
        )
      }
    </AssistancePage>
  );
}

function OrgAssistance({ org, user }: { org: OrgDetail; user: CurrentUser }) {
  const staff = isAssistanceStaff(user);
  const region = org.level === 'region' ? { code: org.code, name: org.name, level: 'region' as const } : org.region;
  const worksWith = org.level === 'school' || org.level === 'district';
  return (
    <>
      <p className="ssos-h1-kicker">
        <Link to={orgPath(org.code)} className="usa-link">
          {org.name}
        </Link>{' '}
        · {org.typeLabel}
        {region !== null && org.level !== 'region' ? ` · ${region.name}` : ''}
      </p>
      <nav aria-label="On this page" className="margin-top-2">
        <ul className="usa-list usa-list--unstyled display-flex flex-wrap">
          <li className="margin-right-3">
            <a href="#as-engagements" className="usa-link">
              Engagements
            </a>
          </li>
          {staff && worksWith && region !== null ? (
            <li className="margin-right-3">
              <a href="#as-log" className="usa-link">
                Log an engagement
              </a>
            </li>
          ) : null}
          {worksWith ? (
            <li className="margin-right-3">
              <a href="#as-partners" className="usa-link">
                Suggested partners
              </a>
            </li>
          ) : null}
          {staff && region !== null ? (
            <li className="margin-right-3">
              <Link to={priorityPath(region.code)} className="usa-link">
                Priority queue of the {region.name}
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={pdPath} className="usa-link">
              Professional development
            </Link>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="as-engagements" className="margin-top-4">
        <h2 id="as-engagements">Engagements</h2>
        <p className="ssos-readable">
          {org.level === 'school'
            ? `The assistance ${org.name} has received, latest first.`
            : `The assistance to ${org.name} and to the ${org.level === 'region' ? 'districts and schools of the region' : 'schools of the district'}, latest first.`}
        </p>
        <EngagementTimeline org={{ code: org.code, name: org.name, level: org.level }} />
      </section>
      {staff && worksWith ? (
        <section id="as-log" className="margin-top-5">
          {region === null ? (
            <p>
              {org.name} is in no region yet, so no regional team can log engagements with it: a state administrator
              assigns its district to a region.
            </p>
          ) : (
            <EngagementForm org={{ code: org.code, name: org.name, level: org.level }} region={region} />
          )}
        </section>
      ) : null}
      {worksWith ? (
        <section aria-labelledby="as-partners" className="margin-top-5">
          <h2 id="as-partners">Suggested partners</h2>
          <PartnerSuggestionList code={org.code} name={org.name} />
        </section>
      ) : (
        <p className="margin-top-4">
          Open a school or district from the engagement log to log an engagement or find partners for it.
        </p>
      )}
    </>
  );
}
