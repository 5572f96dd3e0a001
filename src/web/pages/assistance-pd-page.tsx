import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { pdContentAreas } from '../../core/assistance/vocabulary.ts';
import { isStateStaff, pdPath, pdSessionPath, usePdOfferings, type Offering } from '../api/assistance.ts';
import {
  describePlaces,
  describeWaitlist,
  pdContentAreaLabels,
  pdKindLabels,
  placesLeft,
} from '../components/assistance-format.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { OfferingForm, SessionForm } from '../components/assistance-pd-forms.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { formatDate } from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const heading = 'Professional development';

/**
 * The professional development offerings by content area, each session with its capacity, places left and waitlist,
 * and the way to its registrations.
 */
export function AssistancePdPage() {
  return (
    <AssistancePage
      crumbs={[{ label: heading }]}
      heading={heading}
      here={pdPath}
      signInTo="see the offerings and register people"
      intro={
        <p className="usa-intro ssos-readable">
          Courses, academies, institutes, webinars and conferences in the five content areas of the foundational course
          menu. A session takes registrations while places are free; after that, registrations go on a waitlist and the
          first in line gets the place when someone cancels.
        </p>
      }
    >
      {(user) => <Offerings manage={isStateStaff(user)} />}
    </AssistancePage>
  );
}

/** The offerings by content area; state staff also add offerings and sessions. */
function Offerings({ manage }: { manage: boolean }) {
  const offerings = usePdOfferings();
  if (offerings.isPending) return <LoadingStatus>Loading the offerings…</LoadingStatus>;
  if (offerings.isError) return <ErrorAlert heading="The offerings could not be loaded" error={offerings.error} />;
  return (
    <>
      {offerings.data.items.length === 0 ? (
        <p>No offering is published yet.</p>
      ) : (
        <ByArea offerings={offerings.data.items} />
      )}
      {manage ? (
        <section aria-labelledby="pd-manage" className="margin-top-5">
          <h2 id="pd-manage">Add offerings and sessions</h2>
          <div className="grid-row grid-gap-lg">
            <div className="desktop:grid-col-6">
              <OfferingForm />
            </div>
            <div className="desktop:grid-col-6">
              <SessionForm offerings={offerings.data.items} />
            </div>
          </div>
        </section>
      ) : null}
    </>
  );
}

function ByArea({ offerings }: { offerings: readonly Offering[] }) {
  return pdContentAreas.map((area) => {
    const inArea = offerings.filter((o) => o.contentArea === area);
    return (
      <section key={area} aria-labelledby={`pd-${area}`} className="margin-top-5">
        <h2 id={`pd-${area}`}>{pdContentAreaLabels[area]}</h2>
        {inArea.length === 0 ? (
          <p>No offering in this area yet.</p>
        ) : (
          inArea.map((o) => <OfferingSessions key={o.id} offering={o} />)
        )}
      </section>
    );
  });
}

function OfferingSessions({ offering }: { offering: Offering }) {
  return (
    <article aria-labelledby={`offering-${offering.id}`} className="margin-top-3">
      <h3 id={`offering-${offering.id}`} className="margin-bottom-05">
        {offering.title}
      </h3>
      <p className="margin-top-0 text-base-dark">{pdKindLabels[offering.kind]}</p>
      {offering.description !== '' ? <p className="ssos-readable">{offering.description}</p> : null}
      {offering.sessions.length === 0 ? (
        <p>No session is scheduled yet.</p>
      ) : (
        <ScrollRegion label={`Sessions of ${offering.title}`}>
          <Table bordered fullWidth>
            <caption className="usa-sr-only">Sessions of {offering.title}</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Location</th>
                <th scope="col">Capacity</th>
                <th scope="col">Confirmed</th>
                <th scope="col">Places left</th>
                <th scope="col">Waitlist</th>
              </tr>
            </thead>
            <tbody>
              {offering.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={pdSessionPath(s.id)} className="usa-link">
                      {formatDate(s.startsOn)}
                      <span className="usa-sr-only">: {offering.title}</span>
                    </Link>
                  </th>
                  <td>{s.location}</td>
                  <td>{s.capacity}</td>
                  <td>{s.confirmed}</td>
                  <td>{placesLeft(s) === 0 ? <strong>{describePlaces(s)}</strong> : placesLeft(s)}</td>
                  <td>{describeWaitlist(s.waitlisted)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </article>
  );
}
