import { Link } from 'react-router';
import type { Partner, PartnerSuggestions as Suggestions } from '../api/assistance.ts';
import { partnersPath, usePartnerSuggestions } from '../api/assistance.ts';
import { isApiError } from '../api/client.ts';
import {
  frameworkCodeLabel,
  frameworkCodeList,
  frameworkCodeName,
  partnerStatusLabels,
  ToneTag,
} from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { formatDate } from './improvement-format.tsx';
import { LoadingStatus } from './loading-status.tsx';

const statusTones = { vetted: 'positive', provisional: 'waiting', inactive: 'neutral' } as const;

/** A partner's status as a tag: the word carries it, the colour is a second cue. */
export function PartnerStatusTag({ status }: { status: Partner['status'] }) {
  return <ToneTag tone={statusTones[status]}>{partnerStatusLabels[status]}</ToneTag>;
}

/** The place of a Condition or Practice in reading order (Conditions 1-11, then Practices 1-4). */
const codeOrder = (code: string) => frameworkCodeList.indexOf(code as (typeof frameworkCodeList)[number]);

/** What the catalog says about a partner: services, what it addresses, where, status and approval. */
export function PartnerFacts({ partner }: { partner: Partner }) {
  return (
    <dl className="ssos-facts">
      {partner.description !== '' ? (
        <div className="ssos-facts__row">
          <dt>What it does</dt>
          <dd>{partner.description}</dd>
        </div>
      ) : null}
      <div className="ssos-facts__row">
        <dt>Services</dt>
        <dd>{partner.services.length === 0 ? 'None listed' : partner.services.join('; ')}</dd>
      </div>
      <div className="ssos-facts__row">
        <dt>Addresses</dt>
        <dd>
          <ul className="usa-list usa-list--unstyled">
            {[...partner.frameworkCodes]
              .sort((a, b) => codeOrder(a.code) - codeOrder(b.code))
              .map((f) => (
                <li key={f.code}>{frameworkCodeLabel(f.code)}</li>
              ))}
          </ul>
        </dd>
      </div>
      <div className="ssos-facts__row">
        <dt>Serves</dt>
        <dd>{partner.regions.length === 0 ? 'Statewide' : partner.regions.map((r) => r.name).join('; ')}</dd>
      </div>
      <div className="ssos-facts__row">
        <dt>Status</dt>
        <dd>
          <PartnerStatusTag status={partner.status} />
          {partner.approvedOn !== null ? ` approved ${formatDate(partner.approvedOn)}` : ''}
        </dd>
      </div>
      {partner.website !== null ? (
        <div className="ssos-facts__row">
          <dt>Website</dt>
          <dd>
            <a href={partner.website} className="usa-link" rel="noreferrer">
              {partner.website}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * Partners suggested for a school or district: the needs read from its latest self-assessment on the Conditions
 * (and its plan's strategies, when the server reads them), then each vetted partner serving its region that
 * addresses them, with the reason.
 */
export function PartnerSuggestionList({ code, name }: { code: string; name: string }) {
  const suggestions = usePartnerSuggestions(code);
  if (suggestions.isPending) return <LoadingStatus>Finding partners…</LoadingStatus>;
  if (suggestions.isError)
    return (
      <ErrorAlert
        heading={
          isApiError(suggestions.error, 'forbidden', 'out_of_scope')
            ? `You do not have access to the suggestions for ${name}`
            : 'The partner suggestions could not be loaded'
        }
        error={suggestions.error}
      />
    );
  return <SuggestionView data={suggestions.data} name={name} />;
}

function SuggestionView({ data, name }: { data: Suggestions; name: string }) {
  const lowest = data.needs[0];
  return (
    <>
      {data.selfAssessment === null ? (
        <p className="ssos-readable">
          {name} has no completed self-assessment on the Conditions for School Effectiveness, so no need is known from
          it yet.
        </p>
      ) : data.needs.length === 0 ? (
        <p className="ssos-readable">
          The self-assessment {data.selfAssessment.period} rates no Condition at {data.maxScore} or lower, so no need is
          read from it.
        </p>
      ) : (
        <div className="ssos-readable">
          <p>
            Needs from the self-assessment {data.selfAssessment.period} (ratings of {data.maxScore} or lower):
          </p>
          <ul className="usa-list">
            {data.needs.map((n) => (
              <li key={n.code}>
                {n.title}: rated {n.label}
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.plan !== null && data.strategies.length > 0 ? (
        <p className="ssos-readable">
          The plan “{data.plan.title}” writes strategies for{' '}
          {data.strategies.map((s) => `${frameworkCodeName(s.code)} (${s.title})`).join(', ')}.
        </p>
      ) : null}
      {data.items.length === 0 ? (
        data.needs.length > 0 || data.strategies.length > 0 ? (
          <p>No vetted partner serving this region addresses these needs.</p>
        ) : null
      ) : (
        <ol className="usa-list usa-list--unstyled" aria-label={`Partners suggested for ${name}`}>
          {data.items.map((s) => (
            <li key={s.partner.id} className="margin-bottom-3">
              <article
                className="border-left-05 border-primary padding-left-2"
                aria-labelledby={`partner-s-${s.partner.id}`}
              >
                <h3 id={`partner-s-${s.partner.id}`} className="margin-y-05 font-sans-md">
                  {s.partner.name}
                </h3>
                <p className="margin-y-1">
                  <span className="text-bold">Why: </span>
                  {s.reason}
                </p>
                <PartnerFacts partner={s.partner} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link
          to={lowest !== undefined ? `${partnersPath}?code=${encodeURIComponent(lowest.code)}` : partnersPath}
          className="usa-link"
        >
          {lowest !== undefined
            ? `Every partner addressing ${frameworkCodeName(lowest.code)} in the catalog`
            : 'The partner catalog'}
        </Link>
      </p>
    </>
  );
}
