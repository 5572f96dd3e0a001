import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Checkbox,
  Fieldset,
  Radio,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  Textarea,
} from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  improvementSectionPath,
  orgImprovementPath,
  siteVisitReportUrl,
  useAssignVendors,
  useSiteVisit,
  useSiteVisitRatings,
  useSiteVisitTransition,
  useVendors,
  type SiteVisit,
} from '../api/improvement.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  formatDate,
  groupByArea,
  IndicatorTitle,
  isAssignedVendor,
  isStateUser,
  levelLabel,
  scoreStyle,
  siteVisitStatusLabels,
  siteVisitTypeLabels,
  StatusTag,
  visitTypeShort,
} from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

/**
 * A site visit: for the assigned vendor, start it, rate each Turnaround Practice indicator on the continuum with
 * evidence and submit; for state staff, review the ratings and return them with a comment or publish; for the school
 * side, the published feedback and its report (and nothing before publication).
 */
export function SiteVisitPage() {
  const { id: rawId = '' } = useParams();
  const id = Number(rawId);
  const query = useSiteVisit(id);
  const user = useCurrentUser();
  const data = query.data;
  const heading =
    data !== undefined ? `${visitTypeShort(data.type)} site visit: ${data.org.name}` : `Site visit ${rawId}`;
  useDocumentTitle(heading);
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={improvementSectionPath}>
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {data !== undefined && user?.role !== 'vendor' ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={orgImprovementPath(data.org.code)}>
              <span>{data.org.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Site visit {data !== undefined ? formatDate(data.visitOn) : rawId}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {query.isPending ? (
        <LoadingStatus>Loading the site visit…</LoadingStatus>
      ) : query.isError ? (
        isApiError(query.error, 'not_found', 'validation_failed') ? (
          <p className="usa-intro">There is no site visit {rawId}.</p>
        ) : isApiError(query.error, 'forbidden', 'out_of_scope') ? (
          <Alert type="warning">
            <AlertHeading level="h2">Not available to you</AlertHeading>
            <AlertText>{query.error.message}.</AlertText>
          </Alert>
        ) : (
          <ErrorAlert heading="The site visit could not be loaded" error={query.error} />
        )
      ) : (
        <VisitView visit={query.data} user={user} />
      )}
    </>
  );
}

function VisitView({ visit, user }: { visit: SiteVisit; user: CurrentUser | null }) {
  const vendor = isAssignedVendor(user, visit);
  const state = isStateUser(user);
  return (
    <>
      <p className="ssos-h1-kicker">
        {siteVisitTypeLabels[visit.type]} · {formatDate(visit.visitOn)} · {visit.framework.title} (version{' '}
        {visit.framework.version})
      </p>
      <SummaryBox>
        <SummaryBoxHeading headingLevel="h2">The visit</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <div className="ssos-facts__row">
              <dt>School</dt>
              <dd>
                {visit.org.name} ({visit.org.code})
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Status</dt>
              <dd>
                <StatusTag status={visit.status} labels={siteVisitStatusLabels} />
                {visit.publishedAt !== null ? ` on ${formatDate(visit.publishedAt)}` : ''}
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Vendors</dt>
              <dd>
                {visit.assignedVendors.length === 0
                  ? 'None assigned yet'
                  : visit.assignedVendors.map((v) => v.name).join(', ')}
              </dd>
            </div>
            {visit.rated !== null ? (
              <div className="ssos-facts__row">
                <dt>Indicators rated</dt>
                <dd>
                  {visit.rated} of {visit.indicators}
                </dd>
              </div>
            ) : null}
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
      {vendor || state ? <Workflow visit={visit} vendor={vendor} state={state} /> : <SchoolFeedback visit={visit} />}
      {state && (visit.status === 'scheduled' || visit.status === 'in_progress') ? (
        <ChangeVendors visit={visit} />
      ) : null}
      <History visit={visit} />
    </>
  );
}

/** What the vendor and the state do next, by status. */
function Workflow({ visit, vendor, state }: { visit: SiteVisit; vendor: boolean; state: boolean }) {
  const move = useSiteVisitTransition(visit.id);
  if (visit.status === 'scheduled')
    return (
      <section aria-labelledby="sv-next" className="margin-top-5">
        <h2 id="sv-next">Start the visit</h2>
        <p className="ssos-readable">
          Starting the visit opens the rubric: {vendor ? 'you rate' : 'the assigned vendors rate'} each indicator of the
          Turnaround Practices with evidence, then submit the ratings to the agency for review.
        </p>
        {move.isError ? <ErrorAlert heading="The visit could not be started" error={move.error} /> : null}
        <Button type="button" disabled={move.isPending} onClick={() => move.mutate({ action: 'start' })}>
          Start the visit
        </Button>
      </section>
    );
  if (visit.status === 'in_progress')
    return vendor ? (
      <RatingsForm visit={visit} />
    ) : (
      <section aria-labelledby="sv-next" className="margin-top-5">
        <h2 id="sv-next">Ratings in progress</h2>
        <p className="ssos-readable">
          The assigned vendors are rating the visit. You can review and publish the ratings once they are submitted.
        </p>
        <RatingsTable visit={visit} caption="Ratings recorded so far" />
      </section>
    );
  if (visit.status === 'submitted')
    return state ? (
      <Review visit={visit} />
    ) : (
      <section aria-labelledby="sv-next" className="margin-top-5">
        <h2 id="sv-next">Submitted for review</h2>
        <p className="ssos-readable">
          The ratings are with the agency for review. They are published to the school, or returned to you with a
          comment.
        </p>
        <RatingsTable visit={visit} caption="The ratings submitted" />
      </section>
    );
  return (
    <section aria-labelledby="sv-next" className="margin-top-5">
      <h2 id="sv-next">Published feedback</h2>
      <p className="ssos-report-links">
        {state ? (
          <a href={siteVisitReportUrl(visit.id)} className="usa-link">
            Download the feedback report (PDF)
          </a>
        ) : null}
      </p>
      <RatingsTable visit={visit} caption="The published ratings" />
    </section>
  );
}

/** The school side: the published feedback, and nothing before publication. */
function SchoolFeedback({ visit }: { visit: SiteVisit }) {
  if (visit.status !== 'published' || !visit.ratingsVisible)
    return (
      <section aria-labelledby="sv-feedback" className="margin-top-5">
        <h2 id="sv-feedback">Feedback</h2>
        <Alert type="info" slim>
          <AlertText>
            The ratings and the feedback report appear here once the agency has reviewed and published them.
          </AlertText>
        </Alert>
      </section>
    );
  return (
    <section aria-labelledby="sv-feedback" className="margin-top-5">
      <h2 id="sv-feedback">Feedback</h2>
      <p className="ssos-readable">
        The visit’s ratings of each Turnaround Practice indicator on the continuum (no evidence, developing, providing,
        sustaining), with the evidence the visitors saw. The feedback is formative: it is meant to steer the school’s
        next steps.
      </p>
      <p className="ssos-report-links">
        <a href={siteVisitReportUrl(visit.id)} className="usa-link">
          Download the feedback report (PDF)
        </a>
      </p>
      <RatingsTable visit={visit} caption="The ratings of the visit" />
    </section>
  );
}

function RatingsTable({ visit, caption }: { visit: SiteVisit; caption: string }) {
  const groups = groupByArea(visit.items);
  return (
    <Table fullWidth caption={caption}>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Rating</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.area?.code ?? 'none'}>
          {g.area !== null ? (
            <tr>
              <th scope="colgroup" colSpan={3} className="bg-base-lightest">
                {g.area.code} {g.area.title}
              </th>
            </tr>
          ) : null}
          {g.indicators.map((item) => {
            const r = visit.ratings.find((x) => x.indicatorCode === item.code);
            const level = visit.levels.find((l) => l.code === r?.level);
            return (
              <tr key={item.code}>
                <th scope="row" className="text-normal">
                  <IndicatorTitle item={item} />
                </th>
                <td style={level !== undefined ? scoreStyle(level.score) : undefined}>
                  {r === undefined ? 'Not rated' : levelLabel(visit.levels, r.level)}
                </td>
                <td className="ssos-notes">{r === undefined || r.evidence === '' ? '—' : r.evidence}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </Table>
  );
}

/** The assigned vendor rates each indicator on the continuum with evidence, saves, and submits. */
function RatingsForm({ visit }: { visit: SiteVisit }) {
  const id = useId();
  const save = useSiteVisitRatings(visit.id);
  const move = useSiteVisitTransition(visit.id);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const indicators = visit.items.filter((i) => i.kind === 'indicator');
  const [draft, setDraft] = useState<Record<string, { level: string; evidence: string }>>(() => {
    const out: Record<string, { level: string; evidence: string }> = {};
    for (const i of indicators) {
      const r = visit.ratings.find((x) => x.indicatorCode === i.code);
      out[i.code] = { level: r?.level ?? '', evidence: r?.evidence ?? '' };
    }
    return out;
  });
  const set = (code: string, field: 'level' | 'evidence', value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [code]: { ...d[code]!, [field]: value } }));
  };
  const returned = [...visit.history].reverse().find((h) => h.from === 'submitted' && h.to === 'in_progress');
  const unrated = indicators.length - visit.ratings.length;
  return (
    <section aria-labelledby="sv-rate" className="margin-top-5">
      <h2 id="sv-rate">Rate the Turnaround Practices</h2>
      {returned !== undefined ? (
        <Alert type="warning">
          <AlertHeading level="h3">Returned by the agency</AlertHeading>
          <AlertText>
            {returned.comment}
            {returned.by !== null ? ` (${returned.by}, ${formatDate(returned.at)})` : ''}
          </AlertText>
        </Alert>
      ) : null}
      <p className="ssos-readable">
        Rate each indicator on the continuum, with the evidence you saw (observations, survey, focus groups,
        interviews). Save as you go; submit once every indicator is rated.
      </p>
      <form
        className="usa-form usa-form--large maxw-none"
        aria-label="Ratings of the visit"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const ratings = indicators
            .filter((i) => draft[i.code]!.level !== '')
            .map((i) => ({ indicatorCode: i.code, level: draft[i.code]!.level, evidence: draft[i.code]!.evidence }));
          if (ratings.length === 0) {
            setMissing(true);
            return;
          }
          setMissing(false);
          save.mutate({ ratings }, { onSuccess: () => setSaved(true) });
        }}
      >
        {groupByArea(visit.items).map((g) => (
          <div key={g.area?.code ?? 'none'}>
            {g.area !== null ? (
              <h3 className="margin-top-4">
                {g.area.code} {g.area.title}
              </h3>
            ) : null}
            {g.indicators.map((item) => {
              const fid = `${id}-${item.code}`;
              return (
                <div key={item.code} className="margin-top-3 border-top border-base-lighter padding-top-1">
                  <Fieldset legend={<IndicatorTitle item={item} />}>
                    {item.description !== '' ? <p className="usa-hint margin-top-05">{item.description}</p> : null}
                    <div className="display-flex flex-wrap">
                      {visit.levels.map((l) => (
                        <Radio
                          key={l.code}
                          id={`${fid}-${l.code}`}
                          name={`level-${item.code}`}
                          value={l.code}
                          label={l.label}
                          className="margin-right-3"
                          checked={draft[item.code]!.level === l.code}
                          onChange={() => set(item.code, 'level', l.code)}
                        />
                      ))}
                    </div>
                  </Fieldset>
                  <label className="usa-label" htmlFor={`${fid}-evidence`}>
                    Evidence for {item.code}
                  </label>
                  <Textarea
                    id={`${fid}-evidence`}
                    name={`evidence-${item.code}`}
                    className="maxw-none height-10"
                    value={draft[item.code]!.evidence}
                    maxLength={8000}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(item.code, 'evidence', e.target.value)}
                  />
                </div>
              );
            })}
          </div>
        ))}
        {missing ? (
          <Alert type="error" slim role="alert" className="margin-top-3">
            <AlertText>Rate at least one indicator before saving.</AlertText>
          </Alert>
        ) : null}
        {save.isError ? <ErrorAlert heading="The ratings could not be saved" error={save.error} /> : null}
        {saved ? (
          <Alert type="success" slim role="status" className="margin-top-3">
            <AlertText>
              The ratings are saved: {visit.rated ?? 0} of {visit.indicators} indicators rated.
            </AlertText>
          </Alert>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the ratings'}
        </Button>
      </form>
      <h3 className="margin-top-4">Submit to the agency</h3>
      <p className="ssos-readable">
        {unrated > 0
          ? `${unrated} ${unrated === 1 ? 'indicator is' : 'indicators are'} not rated yet (saved ratings count).`
          : 'Every indicator is rated. Submitting sends the ratings to the agency for review; they cannot change unless the agency returns them.'}
      </p>
      {move.isError ? <ErrorAlert heading="The ratings could not be submitted" error={move.error} /> : null}
      <Button type="button" disabled={move.isPending} onClick={() => move.mutate({ action: 'submit' })}>
        Submit the ratings for review
      </Button>
    </section>
  );
}

/** State staff review submitted ratings: return them with a comment, or publish the feedback to the school. */
function Review({ visit }: { visit: SiteVisit }) {
  const id = useId();
  const move = useSiteVisitTransition(visit.id);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  return (
    <section aria-labelledby="sv-review" className="margin-top-5">
      <h2 id="sv-review">Review the ratings</h2>
      <p className="ssos-readable">
        Publishing sends the ratings and the feedback report to the school. Returning sends the visit back to the
        vendors with your comment.
      </p>
      <RatingsTable visit={visit} caption="The ratings submitted by the vendors" />
      {move.isError ? <ErrorAlert heading="The review could not be recorded" error={move.error} /> : null}
      <div className="usa-form usa-form--large">
        <div className={`usa-form-group${commentError !== null ? ' usa-form-group--error' : ''}`}>
          <label className={`usa-label${commentError !== null ? ' usa-label--error' : ''}`} htmlFor={`${id}-comment`}>
            Comment for the vendors
          </label>
          <span className="usa-hint" id={`${id}-hint`}>
            Required to return the ratings: what to reconsider or add
          </span>
          {commentError !== null ? (
            <span className="usa-error-message" id={`${id}-error`} role="alert">
              {commentError}
            </span>
          ) : null}
          <Textarea
            id={`${id}-comment`}
            name="comment"
            value={comment}
            maxLength={4000}
            aria-describedby={`${id}-hint${commentError !== null ? ` ${id}-error` : ''}`}
            aria-invalid={commentError !== null ? true : undefined}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
              setCommentError(null);
              setComment(e.target.value);
            }}
          />
        </div>
        <div className="ssos-filter-actions">
          <Button type="button" disabled={move.isPending} onClick={() => move.mutate({ action: 'publish' })}>
            Publish the feedback to the school
          </Button>
          <Button
            type="button"
            outline
            disabled={move.isPending}
            onClick={() => {
              if (comment.trim() === '') {
                setCommentError('Enter a comment for the vendors to return the ratings');
                return;
              }
              move.mutate({ action: 'return', comment });
            }}
          >
            Return to the vendors
          </Button>
        </div>
      </div>
    </section>
  );
}

/** State staff change the vendors assigned to a visit until it is submitted. */
function ChangeVendors({ visit }: { visit: SiteVisit }) {
  const id = useId();
  const vendors = useVendors();
  const assign = useAssignVendors(visit.id);
  const [chosen, setChosen] = useState<number[]>(visit.assignedVendors.map((v) => v.userId));
  const [saved, setSaved] = useState(false);
  const unchanged =
    chosen.length === visit.assignedVendors.length && visit.assignedVendors.every((v) => chosen.includes(v.userId));
  return (
    <section aria-labelledby="sv-vendors" className="margin-top-5">
      <h2 id="sv-vendors">Assigned vendors</h2>
      <form
        className="usa-form usa-form--large"
        aria-label="Change the assigned vendors"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          assign.mutate(chosen, { onSuccess: () => setSaved(true) });
        }}
      >
        <Fieldset legend="Vendors who rate the visit">
          <span className="usa-hint">They can be changed until the ratings are submitted.</span>
          {vendors.isPending ? (
            <LoadingStatus>Loading the vendors…</LoadingStatus>
          ) : vendors.isError ? (
            <ErrorAlert heading="The vendors could not be loaded" error={vendors.error} />
          ) : (
            vendors.data.items.map((v) => (
              <Checkbox
                key={v.userId}
                id={`${id}-${v.userId}`}
                name="vendor"
                value={String(v.userId)}
                label={`${v.name} (${v.email})`}
                checked={chosen.includes(v.userId)}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                  setSaved(false);
                  setChosen((ids) => (e.target.checked ? [...ids, v.userId] : ids.filter((x) => x !== v.userId)));
                }}
              />
            ))
          )}
        </Fieldset>
        {assign.isError ? <ErrorAlert heading="The vendors could not be changed" error={assign.error} /> : null}
        {saved ? (
          <Alert type="success" slim role="status" className="margin-top-2">
            <AlertText>The assigned vendors are saved.</AlertText>
          </Alert>
        ) : null}
        <Button type="submit" outline disabled={assign.isPending || unchanged}>
          Save the assigned vendors
        </Button>
      </form>
    </section>
  );
}

function History({ visit }: { visit: SiteVisit }) {
  return (
    <section aria-labelledby="sv-history" className="margin-top-5">
      <h2 id="sv-history">History</h2>
      <Table fullWidth striped caption="Every step of the visit, oldest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Step</th>
            <th scope="col">By</th>
            <th scope="col">Comment</th>
          </tr>
        </thead>
        <tbody>
          {visit.history.map((h, i) => (
            <tr key={i}>
              <td>{formatDate(h.at)}</td>
              <th scope="row" className="text-normal">
                {h.from === null ? 'Scheduled' : `${siteVisitStatusLabels[h.from]} → ${siteVisitStatusLabels[h.to]}`}
              </th>
              <td>{h.by ?? '—'}</td>
              <td className="ssos-notes">{h.comment === '' ? '—' : h.comment}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
