import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  AlertHeading,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Fieldset,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  Textarea,
} from '@trussworks/react-uswds';
import { isApiError } from '../api/client.ts';
import { selfAssessmentLimits } from '../../core/frameworks/self-assessment.ts';
import {
  attachmentUrl,
  improvementSectionPath,
  orgImprovementPath,
  selfAssessmentPdfUrl,
  useAddAttachment,
  useAddMembers,
  useConsensus,
  useMemberRatings,
  useRemoveAttachment,
  useSelfAssessment,
  useSelfAssessmentTransition,
  type SelfAssessment,
} from '../api/improvement.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  apiFieldError,
  described,
  Field,
  formatBytes,
  formatDate,
  groupByArea,
  IndicatorTitle,
  levelLabel,
  selfAssessmentStatusLabels,
  StatusTag,
  type Item,
} from '../components/improvement-format.tsx';
import {
  emptyMembers,
  MemberRows,
  namedMembers,
  type MemberDraft,
} from '../components/improvement-self-assessments.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

/**
 * A self-assessment: the team, each member's ratings with evidence for every indicator, the team's spread and the
 * consensus rating per indicator, completing it (or reopening it), and the PDF summary.
 */
export function SelfAssessmentPage() {
  const { id: rawId = '' } = useParams();
  const id = Number(rawId);
  const query = useSelfAssessment(id);
  const data = query.data;
  const heading = data !== undefined ? `${data.org.name}: self-assessment ${data.period}` : `Self-assessment ${rawId}`;
  useDocumentTitle(heading);
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={improvementSectionPath}>
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={orgImprovementPath(data.org.code)}>
              <span>{data.org.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Self-assessment {data?.period ?? rawId}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {query.isPending ? (
        <LoadingStatus>Loading the self-assessment…</LoadingStatus>
      ) : query.isError ? (
        isApiError(query.error, 'not_found', 'validation_failed') ? (
          <p className="usa-intro">There is no self-assessment {rawId}.</p>
        ) : isApiError(query.error, 'forbidden', 'out_of_scope') ? (
          <Alert type="warning">
            <AlertHeading level="h2">Not available to you</AlertHeading>
            <AlertText>
              Self-assessments are open to the organization’s own leaders, its district, its regional team and the
              agency.
            </AlertText>
          </Alert>
        ) : (
          <ErrorAlert heading="The self-assessment could not be loaded" error={query.error} />
        )
      ) : (
        <SelfAssessmentView data={query.data} />
      )}
    </>
  );
}

function SelfAssessmentView({ data }: { data: SelfAssessment }) {
  const indicators = data.items.filter((i) => i.kind === 'indicator');
  const editable = data.status === 'draft';
  return (
    <>
      <p className="ssos-h1-kicker">
        {data.framework.title} (version {data.framework.version}) · response period {data.period}
      </p>
      <p className="ssos-report-links">
        <Link to={orgImprovementPath(data.org.code)} className="usa-link">
          All self-assessments and site visits of {data.org.name}
        </Link>
        <a href={selfAssessmentPdfUrl(data.id)} className="usa-link">
          Download the summary (PDF)
        </a>
      </p>
      <SummaryBox>
        <SummaryBoxHeading headingLevel="h2">Where the team stands</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <div className="ssos-facts__row">
              <dt>Status</dt>
              <dd>
                <StatusTag status={data.status} labels={selfAssessmentStatusLabels} />
                {data.completedAt !== null ? ` on ${formatDate(data.completedAt)}` : ''}
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Team</dt>
              <dd>{data.team.length === 1 ? '1 member' : `${data.team.length} members`}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Consensus recorded</dt>
              <dd>
                {data.consensusRated} of {data.indicators} indicators
              </dd>
            </div>
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
      <Team data={data} />
      {editable ? (
        <>
          <MemberRatings data={data} indicators={indicators} editable />
          <EvidenceFiles data={data} indicators={indicators} />
          <ConsensusForm data={data} editable />
        </>
      ) : (
        <>
          <CompletedRatings data={data} indicators={indicators} />
          <EvidenceFiles data={data} indicators={indicators} />
        </>
      )}
      <Completion data={data} />
    </>
  );
}

function Team({ data }: { data: SelfAssessment }) {
  const ratedBy = (memberId: number) => data.memberRatings.filter((r) => r.memberId === memberId).length;
  return (
    <section aria-labelledby="sa-team" className="margin-top-5">
      <h2 id="sa-team">Team</h2>
      <Table fullWidth striped caption="The team members and how many indicators each has rated">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Indicators rated</th>
          </tr>
        </thead>
        <tbody>
          {data.team.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>{m.roleText === '' ? '—' : m.roleText}</td>
              <td>
                {ratedBy(m.id)} of {data.indicators}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {data.status === 'draft' ? <AddMembers data={data} /> : null}
    </section>
  );
}

/** Adds named members to the team of a draft self-assessment; the server's message beside the rows. */
function AddMembers({ data }: { data: SelfAssessment }) {
  const id = useId();
  const add = useAddMembers(data.id);
  const [members, setMembers] = useState<MemberDraft[]>(() => emptyMembers(1));
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState<string[]>([]);
  const refused = apiFieldError(add.error);
  const memberError = missing
    ? 'Enter the name of at least one new member'
    : refused !== null && refused.field.startsWith('members')
      ? refused.message
      : null;
  return (
    <form
      className="usa-form usa-form--large maxw-none"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded([]);
        const named = namedMembers(members);
        setMissing(named.length === 0);
        if (named.length === 0) return;
        add.mutate(
          { members: named },
          {
            onSuccess: () => {
              setAdded(named.map((m) => m.name));
              setMembers(emptyMembers(1));
            },
          },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Add team members</h3>
      <MemberRows
        legend="New team members"
        labelPrefix="New member"
        members={members}
        error={memberError}
        onChange={setMembers}
      />
      {add.isError && memberError === null ? (
        <ErrorAlert heading="The members could not be added" error={add.error} />
      ) : null}
      {added.length > 0 ? (
        <Alert type="success" slim role="status" className="margin-top-3">
          <AlertText>
            {added.join(', ')} {added.length === 1 ? 'is' : 'are'} added to the team.
          </AlertText>
        </Alert>
      ) : null}
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add to the team'}
      </Button>
    </form>
  );
}

/** Links to the evidence files attached to one indicator, to show beside its ratings and evidence notes. */
function IndicatorFiles({ data, code }: { data: SelfAssessment; code: string }) {
  const files = data.attachments.filter((a) => a.indicatorCode === code);
  if (files.length === 0) return null;
  return (
    <p className="margin-y-1">
      <span className="text-bold">Evidence files: </span>
      {files.map((f, i) => (
        <span key={f.id}>
          {i > 0 ? ', ' : ''}
          <a href={attachmentUrl(data.id, f.id)} className="usa-link">
            {f.fileName}
          </a>
        </span>
      ))}
    </p>
  );
}

/**
 * The evidence files of the self-assessment, each with the indicator it supports and the member who brought it, to
 * download; while a draft, attaching a file (the limits the server enforces are shown) and removing one.
 */
function EvidenceFiles({ data, indicators }: { data: SelfAssessment; indicators: Item[] }) {
  const remove = useRemoveAttachment(data.id);
  const [notice, setNotice] = useState('');
  const editable = data.status === 'draft';
  const indicator = (code: string | null) => indicators.find((i) => i.code === code);
  const member = (memberId: number | null) => data.team.find((m) => m.id === memberId);
  return (
    <section aria-labelledby="sa-files" className="margin-top-5">
      <h2 id="sa-files">Evidence files</h2>
      <p className="ssos-readable">
        Documents behind the ratings, such as meeting minutes, walkthrough notes or data reports. Each file is kept in
        ssos with the indicator it is evidence for and the team member who brought it, next to that member’s evidence
        notes.
      </p>
      {notice !== '' ? (
        <Alert type="success" slim role="status" className="margin-bottom-2">
          <AlertText>{notice}</AlertText>
        </Alert>
      ) : null}
      {remove.isError ? <ErrorAlert heading="The file could not be removed" error={remove.error} /> : null}
      {data.attachments.length === 0 ? (
        <p>No evidence file is attached yet.</p>
      ) : (
        <Table fullWidth striped stackedStyle="headers" caption="The evidence files of the self-assessment">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Evidence for</th>
              <th scope="col">Brought by</th>
              <th scope="col">Size</th>
              <th scope="col">Attached</th>
              {editable ? <th scope="col">Remove</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.attachments.map((a) => {
              const item = indicator(a.indicatorCode);
              return (
                <tr key={a.id}>
                  <th scope="row" data-label="File">
                    <a href={attachmentUrl(data.id, a.id)} className="usa-link">
                      {a.fileName}
                    </a>
                  </th>
                  <td data-label="Evidence for">
                    {item !== undefined ? `${item.code} ${item.title}` : 'The whole self-assessment'}
                  </td>
                  <td data-label="Brought by">{member(a.memberId)?.name ?? '—'}</td>
                  <td data-label="Size">{formatBytes(a.sizeBytes)}</td>
                  <td data-label="Attached">{formatDate(a.uploadedAt)}</td>
                  {editable ? (
                    <td data-label="Remove">
                      <Button
                        type="button"
                        unstyled
                        className="usa-link"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (!window.confirm(`Remove the file “${a.fileName}”?`)) return;
                          setNotice('');
                          remove.mutate(a.id, { onSuccess: () => setNotice(`${a.fileName} is removed.`) });
                        }}
                      >
                        Remove<span className="usa-sr-only"> {a.fileName}</span>
                      </Button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {editable ? (
        <AttachFile data={data} indicators={indicators} onDone={setNotice} />
      ) : (
        <p className="usa-hint">The self-assessment is completed: reopen it to attach or remove files.</p>
      )}
    </section>
  );
}

const maxMegabytes = formatBytes(selfAssessmentLimits.attachmentBytes);

/** Attaches one evidence file, checked against the server's limits first; the server's messages beside the fields. */
function AttachFile({
  data,
  indicators,
  onDone,
}: {
  data: SelfAssessment;
  indicators: Item[];
  onDone: (message: string) => void;
}) {
  const id = useId();
  const attach = useAddAttachment(data.id);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [indicatorCode, setIndicatorCode] = useState('');
  const [memberId, setMemberId] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const refused = apiFieldError(attach.error);
  // The file's name, type and bytes are all "the file" to the person attaching it.
  const fileError =
    local ??
    (refused !== null && ['fileName', 'contentType', 'contentBase64'].includes(refused.field) ? refused.message : null);
  const errorOf = (field: string) => (refused?.field === field ? refused.message : null);
  useEffect(() => {
    if (fileError !== null) input.current?.focus();
  }, [fileError]);
  return (
    <form
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (file === null) return setLocal('Choose the file to attach');
        if (file.size === 0) return setLocal(`${file.name} is empty`);
        if (file.size > selfAssessmentLimits.attachmentBytes)
          return setLocal(
            `${file.name} is ${file.size.toLocaleString('en-US')} bytes; a file can be at most ${maxMegabytes} (${selfAssessmentLimits.attachmentBytes.toLocaleString('en-US')} bytes)`,
          );
        if (file.name.length > selfAssessmentLimits.fileNameLength)
          return setLocal(`Shorten the file’s name to ${selfAssessmentLimits.fileNameLength} characters or fewer`);
        setLocal(null);
        attach.mutate(
          {
            file,
            indicatorCode: indicatorCode === '' ? undefined : indicatorCode,
            memberId: memberId === '' ? undefined : Number(memberId),
          },
          {
            onSuccess: () => {
              onDone(`${file.name} is attached.`);
              setFile(null);
              setIndicatorCode('');
              setMemberId('');
              if (input.current !== null) input.current.value = '';
            },
          },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Attach an evidence file</h3>
      <Field
        id={`${id}-file`}
        label="File"
        hint={`Any kind of file up to ${maxMegabytes} (${selfAssessmentLimits.attachmentBytes.toLocaleString('en-US')} bytes), with a name of up to ${selfAssessmentLimits.fileNameLength} characters`}
        error={fileError}
      >
        <input
          ref={input}
          id={`${id}-file`}
          name="file"
          type="file"
          className={`usa-input padding-1 height-auto${fileError !== null ? ' usa-input--error' : ''}`}
          onChange={(e) => {
            setLocal(null);
            setFile(e.target.files?.[0] ?? null);
          }}
          {...described(`${id}-file`, true, fileError)}
        />
      </Field>
      <Field id={`${id}-indicator`} label="Evidence for (optional)" error={errorOf('indicatorCode')}>
        <Select
          id={`${id}-indicator`}
          name="indicatorCode"
          value={indicatorCode}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setIndicatorCode(e.target.value)}
          {...described(`${id}-indicator`, false, errorOf('indicatorCode'))}
        >
          <option value="">The whole self-assessment</option>
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-member`} label="Brought by (optional)" error={errorOf('memberId')}>
        <Select
          id={`${id}-member`}
          name="memberId"
          value={memberId}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setMemberId(e.target.value)}
          {...described(`${id}-member`, false, errorOf('memberId'))}
        >
          <option value="">The team</option>
          {data.team.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      {attach.isError && refused === null ? (
        <ErrorAlert heading="The file could not be attached" error={attach.error} />
      ) : null}
      <Button type="submit" disabled={attach.isPending}>
        {attach.isPending ? 'Attaching…' : 'Attach the file'}
      </Button>
    </form>
  );
}

interface RatingDraft {
  level: string;
  evidence: string;
}

function MemberRatings({
  data,
  indicators,
  editable,
}: {
  data: SelfAssessment;
  indicators: Item[];
  editable: boolean;
}) {
  const id = useId();
  const [memberId, setMemberId] = useState<number>(data.team[0]?.id ?? 0);
  const member = data.team.find((m) => m.id === memberId);
  return (
    <section aria-labelledby="sa-members" className="margin-top-5">
      <h2 id="sa-members">Each member’s ratings</h2>
      <p className="ssos-readable">
        Each member rates every indicator on the framework’s scale, with the evidence behind the rating. Choose a member
        to see or record their ratings.
      </p>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor={`${id}-member`}>
          Team member
        </label>
        <Select
          id={`${id}-member`}
          name="member"
          value={String(memberId)}
          onChange={(event: React.ChangeEvent<HTMLSelectElement>) => setMemberId(Number(event.target.value))}
        >
          {data.team.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.roleText !== '' ? ` (${m.roleText})` : ''}
            </option>
          ))}
        </Select>
      </div>
      {member !== undefined ? (
        <MemberForm
          key={member.id}
          data={data}
          memberId={member.id}
          memberName={member.name}
          indicators={indicators}
          editable={editable}
        />
      ) : null}
    </section>
  );
}

function MemberForm({
  data,
  memberId,
  memberName,
  indicators,
  editable,
}: {
  data: SelfAssessment;
  memberId: number;
  memberName: string;
  indicators: Item[];
  editable: boolean;
}) {
  const id = useId();
  const save = useMemberRatings(data.id);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const [draft, setDraft] = useState<Record<string, RatingDraft>>(() => {
    const out: Record<string, RatingDraft> = {};
    for (const i of indicators) {
      const r = data.memberRatings.find((x) => x.memberId === memberId && x.indicatorCode === i.code);
      out[i.code] = { level: r?.level ?? '', evidence: r?.evidence ?? '' };
    }
    return out;
  });
  const set = (code: string, field: keyof RatingDraft, value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [code]: { ...d[code]!, [field]: value } }));
  };
  const groups = groupByArea(data.items);
  return (
    <form
      className="usa-form usa-form--large maxw-none"
      aria-label={`Ratings of ${memberName}`}
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
        save.mutate({ memberId, body: { ratings } }, { onSuccess: () => setSaved(true) });
      }}
    >
      {groups.map((g) => (
        <div key={g.area?.code ?? 'none'}>
          {g.area !== null && g.area.code !== g.indicators[0]?.code ? (
            <h3 className="margin-top-3">
              {g.area.code} {g.area.title}
            </h3>
          ) : null}
          {g.indicators.map((item) => {
            const fid = `${id}-${item.code}`;
            return (
              <Fieldset
                key={item.code}
                legend={<IndicatorTitle item={item} />}
                className="margin-top-3 border-top border-base-lighter padding-top-1"
              >
                {item.description !== '' ? <p className="usa-hint margin-top-05">{item.description}</p> : null}
                <div className="grid-row grid-gap">
                  <div className="tablet:grid-col-4">
                    <label className="usa-label" htmlFor={`${fid}-level`}>
                      Rating
                    </label>
                    <Select
                      id={`${fid}-level`}
                      name={`level-${item.code}`}
                      value={draft[item.code]!.level}
                      disabled={!editable}
                      onChange={(e: React.ChangeEvent<HTMLSelectElement>) => set(item.code, 'level', e.target.value)}
                    >
                      <option value="">Not rated yet</option>
                      {data.levels.map((l) => (
                        <option key={l.code} value={l.code}>
                          {l.label}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <div className="tablet:grid-col-8">
                    <label className="usa-label" htmlFor={`${fid}-evidence`}>
                      Evidence (optional)
                    </label>
                    <Textarea
                      id={`${fid}-evidence`}
                      name={`evidence-${item.code}`}
                      className="maxw-none height-10"
                      value={draft[item.code]!.evidence}
                      maxLength={4000}
                      disabled={!editable}
                      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                        set(item.code, 'evidence', e.target.value)
                      }
                    />
                  </div>
                </div>
                <IndicatorFiles data={data} code={item.code} />
              </Fieldset>
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
          <AlertText>The ratings of {memberName} are saved.</AlertText>
        </Alert>
      ) : null}
      {editable ? (
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : `Save the ratings of ${memberName}`}
        </Button>
      ) : (
        <p className="usa-hint margin-top-2">The self-assessment is completed: reopen it to change ratings.</p>
      )}
    </form>
  );
}

/** A completed self-assessment, read-only: per indicator the consensus, each member's rating and the evidence. */
function CompletedRatings({ data, indicators }: { data: SelfAssessment; indicators: Item[] }) {
  return (
    <section aria-labelledby="sa-ratings" className="margin-top-5">
      <h2 id="sa-ratings">Consensus and team ratings</h2>
      <div className="overflow-x-auto">
        <Table fullWidth caption="Each indicator’s consensus rating, with each member’s rating and evidence">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Consensus</th>
              {data.team.map((m) => (
                <th key={m.id} scope="col">
                  {m.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {indicators.map((item) => {
              const c = data.consensus.find((x) => x.indicatorCode === item.code);
              return (
                <tr key={item.code}>
                  <th scope="row" className="text-normal">
                    <IndicatorTitle item={item} />
                  </th>
                  <td>
                    <span className="text-bold">{levelLabel(data.levels, c?.level ?? null)}</span>
                    {c !== undefined && c.notes !== '' ? <span className="display-block">{c.notes}</span> : null}
                    <IndicatorFiles data={data} code={item.code} />
                  </td>
                  {data.team.map((m) => {
                    const r = data.memberRatings.find((x) => x.memberId === m.id && x.indicatorCode === item.code);
                    return (
                      <td key={m.id}>
                        {r === undefined ? 'Not rated' : levelLabel(data.levels, r.level)}
                        {r !== undefined && r.evidence !== '' ? (
                          <span className="display-block">{r.evidence}</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </div>
    </section>
  );
}

function Spread({ data, code }: { data: SelfAssessment; code: string }) {
  const s = data.summary.find((x) => x.indicatorCode === code);
  if (s === undefined || s.rated === 0) return <span className="usa-hint">No member has rated it yet</span>;
  return (
    <>
      {s.distribution
        .filter((d) => d.count > 0)
        .map((d) => `${levelLabel(data.levels, d.level)}: ${d.count}`)
        .join(' · ')}
      <span className="display-block usa-hint">
        {s.rated} of {s.members} rated
        {s.meanScore !== null ? ` · mean ${s.meanScore.toFixed(1)}` : ''}
        {s.unanimous ? ' · unanimous' : ''}
      </span>
    </>
  );
}

function ConsensusForm({ data, editable }: { data: SelfAssessment; editable: boolean }) {
  const id = useId();
  const save = useConsensus(data.id);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const indicators = data.items.filter((i) => i.kind === 'indicator');
  const [draft, setDraft] = useState<Record<string, { level: string; notes: string }>>(() => {
    const out: Record<string, { level: string; notes: string }> = {};
    for (const i of indicators) {
      const c = data.consensus.find((x) => x.indicatorCode === i.code);
      out[i.code] = { level: c?.level ?? '', notes: c?.notes ?? '' };
    }
    return out;
  });
  const set = (code: string, field: 'level' | 'notes', value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [code]: { ...d[code]!, [field]: value } }));
  };
  return (
    <section aria-labelledby="sa-consensus" className="margin-top-5">
      <h2 id="sa-consensus">Consensus ratings</h2>
      <p className="ssos-readable">
        After discussing the members’ ratings, the team records one rating per indicator. Every indicator needs a
        consensus rating before the self-assessment can be completed.
      </p>
      <form
        className="usa-form usa-form--large maxw-none"
        aria-label="Consensus ratings"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          const ratings = indicators
            .filter((i) => draft[i.code]!.level !== '')
            .map((i) => ({ indicatorCode: i.code, level: draft[i.code]!.level, notes: draft[i.code]!.notes }));
          if (ratings.length === 0) {
            setMissing(true);
            return;
          }
          setMissing(false);
          save.mutate({ ratings }, { onSuccess: () => setSaved(true) });
        }}
      >
        {indicators.map((item) => {
          const fid = `${id}-${item.code}`;
          return (
            <Fieldset
              key={item.code}
              legend={<IndicatorTitle item={item} />}
              className="margin-top-3 border-top border-base-lighter padding-top-1"
            >
              <p className="margin-y-1">
                <span className="text-bold">Team’s ratings: </span>
                <Spread data={data} code={item.code} />
              </p>
              <div className="grid-row grid-gap">
                <div className="tablet:grid-col-4">
                  <label className="usa-label margin-top-1" htmlFor={`${fid}-level`}>
                    Consensus rating
                  </label>
                  <Select
                    id={`${fid}-level`}
                    name={`consensus-${item.code}`}
                    value={draft[item.code]!.level}
                    disabled={!editable}
                    onChange={(e: React.ChangeEvent<HTMLSelectElement>) => set(item.code, 'level', e.target.value)}
                  >
                    <option value="">Not decided yet</option>
                    {data.levels.map((l) => (
                      <option key={l.code} value={l.code}>
                        {l.label}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="tablet:grid-col-8">
                  <label className="usa-label margin-top-1" htmlFor={`${fid}-notes`}>
                    Notes (optional)
                  </label>
                  <Textarea
                    id={`${fid}-notes`}
                    name={`notes-${item.code}`}
                    className="maxw-none height-10"
                    value={draft[item.code]!.notes}
                    maxLength={4000}
                    disabled={!editable}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(item.code, 'notes', e.target.value)}
                  />
                </div>
              </div>
            </Fieldset>
          );
        })}
        {missing ? (
          <Alert type="error" slim role="alert" className="margin-top-3">
            <AlertText>Choose a consensus rating for at least one indicator before saving.</AlertText>
          </Alert>
        ) : null}
        {save.isError ? <ErrorAlert heading="The consensus could not be saved" error={save.error} /> : null}
        {saved ? (
          <Alert type="success" slim role="status" className="margin-top-3">
            <AlertText>The consensus ratings are saved.</AlertText>
          </Alert>
        ) : null}
        {editable ? (
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save the consensus ratings'}
          </Button>
        ) : null}
      </form>
    </section>
  );
}

function Completion({ data }: { data: SelfAssessment }) {
  const move = useSelfAssessmentTransition(data.id);
  const completed = data.status === 'completed';
  return (
    <section aria-labelledby="sa-complete" className="margin-top-5">
      <h2 id="sa-complete">{completed ? 'Completed' : 'Complete the self-assessment'}</h2>
      {completed ? (
        <p className="ssos-readable">
          The self-assessment was completed on {formatDate(data.completedAt)}. Its consensus ratings count in the
          history and comparison of {data.org.name}. Reopen it to change a rating.
        </p>
      ) : (
        <p className="ssos-readable">
          Completing records the consensus ratings as the team’s assessment for {data.period}. Nothing changes after
          that unless the self-assessment is reopened.
        </p>
      )}
      {move.isError ? (
        <ErrorAlert
          heading={
            completed ? 'The self-assessment could not be reopened' : 'The self-assessment could not be completed'
          }
          error={move.error}
        />
      ) : null}
      {move.isSuccess && completed ? (
        <Alert type="success" slim role="status" className="margin-bottom-2">
          <AlertText>The self-assessment is completed.</AlertText>
        </Alert>
      ) : null}
      <Button
        type="button"
        outline={completed}
        disabled={move.isPending}
        onClick={() => move.mutate(completed ? 'reopen' : 'complete')}
      >
        {completed ? 'Reopen the self-assessment' : 'Complete the self-assessment'}
      </Button>
    </section>
  );
}
