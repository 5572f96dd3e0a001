import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Checkbox,
  Fieldset,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  Textarea,
  TextInput,
} from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  frameworkLibraryPath,
  frameworkPath,
  useAddFrameworkItem,
  useCreateFrameworkVersion,
  useEditFrameworkItem,
  useFramework,
  useFrameworks,
  usePublishFramework,
  useRemoveFrameworkItem,
  type FrameworkVersion,
  type FrameworkVersionSummary,
} from '../api/frameworks.ts';
import { improvementSectionPath } from '../api/improvement.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import {
  apiFieldError,
  currentVersion,
  described,
  Field,
  formatDate,
  frameworkUseLabels,
  groupVersions,
  orgLevelsText,
  StatusTag,
  WordingTag,
} from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

type FrameworkItem = FrameworkVersion['items'][number];

const versionStatusLabels: Record<string, string> = { draft: 'Draft', published: 'Published' };

/** Whether the user changes the library (state administrators only; everyone else reads it). */
function isLibraryEditor(user: CurrentUser | null): boolean {
  return user?.role === 'state_admin';
}

/**
 * One framework version: its rating scale and its areas and indicators, unconfirmed wording marked. A state
 * administrator creates a new draft version from a published one, edits the wording of its items (or confirms it),
 * adds and removes items, and publishes it; everyone else reads.
 */
export function FrameworkPage() {
  const { code: rawCode = '' } = useParams();
  const code = rawCode.toUpperCase();
  const [search] = useSearchParams();
  const rawVersion = search.get('version');
  const version = rawVersion !== null && /^\d{1,6}$/.test(rawVersion) ? Number(rawVersion) : undefined;
  const framework = useFramework(code, version);
  const data = framework.data;
  const heading = data?.title ?? `Framework ${code}`;
  useDocumentTitle(data !== undefined ? `${data.title}, version ${data.version}` : heading);
  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={improvementSectionPath}>
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={frameworkLibraryPath}>
            <span>Framework library</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>{heading}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {framework.isPending ? (
        <LoadingStatus>Loading the framework…</LoadingStatus>
      ) : framework.isError ? (
        isApiError(framework.error, 'not_found', 'validation_failed') ? (
          <p className="usa-intro">
            {framework.error.message}. See the <Link to={frameworkLibraryPath}>framework library</Link>.
          </p>
        ) : isApiError(framework.error, 'not_signed_in') ? (
          <p className="usa-intro">
            <Link to={`/sign-in?next=${encodeURIComponent(frameworkPath(code, version))}`} className="usa-link">
              Sign in
            </Link>{' '}
            to see the framework library.
          </p>
        ) : (
          <ErrorAlert heading="The framework could not be loaded" error={framework.error} />
        )
      ) : (
        <FrameworkView key={`${framework.data.code}-${framework.data.version}`} framework={framework.data} />
      )}
    </>
  );
}

function FrameworkView({ framework }: { framework: FrameworkVersion }) {
  const user = useCurrentUser();
  const list = useFrameworks();
  const versions = groupVersions(list.data?.items ?? []).find((v) => v[0]?.code === framework.code) ?? [];
  const editor = isLibraryEditor(user);
  const editable = editor && framework.status === 'draft';
  const unconfirmed = framework.items.filter((i) => i.unconfirmed).length;
  // A new version arrives with the confirmation of its creation.
  const arrived = (useLocation().state as { notice?: unknown } | null)?.notice;
  const [notice, setNotice] = useState<Notice | null>(
    typeof arrived === 'string' ? { at: 'version', text: arrived } : null,
  );
  return (
    <>
      <p className="ssos-h1-kicker">
        {framework.code} · version {framework.version} · {versionStatusLabels[framework.status]}
      </p>
      <p className="ssos-readable">{framework.description}</p>
      <VersionLinks framework={framework} versions={versions} />
      <SummaryBox className="ssos-readable">
        <SummaryBoxHeading headingLevel="h2">About this version</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <div className="ssos-facts__row">
              <dt>Status</dt>
              <dd>
                <StatusTag status={framework.status} labels={versionStatusLabels} />
                {framework.publishedAt !== null ? ` on ${formatDate(framework.publishedAt)}` : ''}
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Source</dt>
              <dd>{framework.source}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Used for</dt>
              <dd>{framework.uses.map((u) => frameworkUseLabels[u]).join(', ')}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Rated by</dt>
              <dd>{orgLevelsText(framework.orgLevels)}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Indicators</dt>
              <dd>{framework.items.filter((i) => i.kind === 'indicator').length}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Wording to be confirmed</dt>
              <dd>{unconfirmed === 0 ? 'None' : `${unconfirmed} item${unconfirmed === 1 ? '' : 's'}`}</dd>
            </div>
            {framework.copiedFromVersion !== null ? (
              <div className="ssos-facts__row">
                <dt>Copied from</dt>
                <dd>version {framework.copiedFromVersion}</dd>
              </div>
            ) : null}
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
      <NoticeAlert notice={notice} at="version" />
      {editor ? (
        <VersionActions framework={framework} versions={versions} onNotice={setNotice} />
      ) : (
        <p className="ssos-readable margin-top-3">
          State administrators correct the wording of a framework in a new version; this page shows it as it is.
        </p>
      )}
      <ScaleSection framework={framework} />
      <ItemsSection framework={framework} editable={editable} notice={notice} onNotice={setNotice} />
      {editable ? <NewItemForm framework={framework} notice={notice} onNotice={setNotice} /> : null}
    </>
  );
}

/** A confirmation, and where on the page it belongs: next to what it confirms. */
interface Notice {
  /** `version` (created, published), `items` (removed), `add` (added), or the code of the item edited. */
  at: string;
  text: string;
}

/** The confirmation that belongs here, if any. */
function NoticeAlert({ notice, at }: { notice: Notice | null; at: string }) {
  if (notice === null || notice.at !== at) return null;
  return (
    <Alert type="success" slim headingLevel="h2" role="status" className="margin-y-2">
      <AlertText>{notice.text}</AlertText>
    </Alert>
  );
}

/** Links to every version of the framework, the one shown marked as current. */
function VersionLinks({
  framework,
  versions,
}: {
  framework: FrameworkVersion;
  versions: readonly FrameworkVersionSummary[];
}) {
  if (versions.length < 2) return null;
  const inUse = currentVersion(versions).version;
  const name = (v: FrameworkVersionSummary) =>
    `version ${v.version} (${v.version === inUse ? 'published, in use' : versionStatusLabels[v.status]?.toLowerCase()})`;
  return (
    <nav aria-label="Versions of the framework" className="margin-bottom-2">
      <span className="text-bold">Versions: </span>
      {versions.map((v, i) => (
        <span key={v.version}>
          {i > 0 ? ' · ' : ''}
          {v.version === framework.version ? (
            <span aria-current="page" className="text-bold">
              {name(v)}
            </span>
          ) : (
            <Link to={frameworkPath(v.code, v.version)} className="usa-link">
              {name(v)}
            </Link>
          )}
        </span>
      ))}
    </nav>
  );
}

/** For a state administrator: create a new draft version from a published one, or publish a draft. */
function VersionActions({
  framework,
  versions,
  onNotice,
}: {
  framework: FrameworkVersion;
  versions: readonly FrameworkVersionSummary[];
  onNotice: (notice: Notice | null) => void;
}) {
  const navigate = useNavigate();
  const create = useCreateFrameworkVersion(framework.code);
  const publish = usePublishFramework(framework.code, framework.version);
  const drafts = versions.filter((v) => v.status === 'draft' && v.version !== framework.version);
  return (
    <section aria-labelledby="fw-change" className="margin-top-4">
      <h2 id="fw-change">{framework.status === 'draft' ? 'Edit and publish this version' : 'Correct the wording'}</h2>
      {framework.status === 'published' ? (
        <>
          <p className="ssos-readable">
            Version {framework.version} is published and does not change: the self-assessments and site visits made with
            it keep pointing at it. To correct its wording, create a new version (a copy of this one), edit it and
            publish it; new self-assessments and site visits then use the new version.
          </p>
          {drafts.length > 0 ? (
            <p className="ssos-readable">
              {drafts.map((d) => (
                <Link key={d.version} to={frameworkPath(d.code, d.version)} className="usa-link display-block">
                  Continue with draft version {d.version}
                </Link>
              ))}
            </p>
          ) : null}
          {create.isError ? <ErrorAlert heading="The new version could not be created" error={create.error} /> : null}
          <Button
            type="button"
            disabled={create.isPending}
            onClick={() =>
              create.mutate(framework.version, {
                onSuccess: (created) =>
                  void navigate(frameworkPath(created.code, created.version), {
                    state: { notice: `Draft version ${created.version} is created from version ${framework.version}.` },
                  }),
              })
            }
          >
            {create.isPending ? 'Creating…' : `Create a new version from version ${framework.version}`}
          </Button>
        </>
      ) : (
        <>
          <p className="ssos-readable">
            Version {framework.version} is a draft: edit the wording of its items (or confirm it), add or remove items,
            then publish it. Once published it no longer changes, and new self-assessments and site visits use it.
          </p>
          {publish.isError ? (
            <ErrorAlert heading={`Version ${framework.version} could not be published`} error={publish.error} />
          ) : null}
          <Button
            type="button"
            disabled={publish.isPending}
            onClick={() =>
              publish.mutate(undefined, {
                onSuccess: () =>
                  onNotice({
                    at: 'version',
                    text: `Version ${framework.version} is published: new self-assessments and site visits use it.`,
                  }),
              })
            }
          >
            {publish.isPending ? 'Publishing…' : `Publish version ${framework.version}`}
          </Button>
        </>
      )}
    </section>
  );
}

function ScaleSection({ framework }: { framework: FrameworkVersion }) {
  const scale = framework.scale;
  return (
    <section aria-labelledby="fw-scale" className="margin-top-5">
      <h2 id="fw-scale">Rating scale: {scale.label}</h2>
      {scale.unconfirmed ? (
        <p>
          <WordingTag /> The levels’ wording is the best known; the agency has not confirmed it.
        </p>
      ) : null}
      <Table fullWidth striped caption={`The levels of the scale ${scale.label}, lowest first`}>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Position</th>
            <th scope="col">What it means</th>
            <th scope="col">Used by</th>
          </tr>
        </thead>
        <tbody>
          {scale.levels.map((l) => (
            <tr key={l.code}>
              <th scope="row">{l.label}</th>
              <td>{l.score === null ? 'Outside the order' : l.score}</td>
              <td>{l.description === '' ? '—' : l.description}</td>
              <td>{l.forLevels !== undefined ? `Only ${orgLevelsText(l.forLevels)}` : 'Everyone'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

/** The items in reading order: each top-level item with the indicators under it. */
function topLevel(items: readonly FrameworkItem[]): { item: FrameworkItem; children: FrameworkItem[] }[] {
  return items
    .filter((i) => i.parentCode === null)
    .map((item) => ({ item, children: items.filter((i) => i.parentCode === item.code) }));
}

function ItemsSection({
  framework,
  editable,
  notice,
  onNotice,
}: {
  framework: FrameworkVersion;
  editable: boolean;
  notice: Notice | null;
  onNotice: (notice: Notice | null) => void;
}) {
  const remove = useRemoveFrameworkItem(framework.code, framework.version);
  const [editing, setEditing] = useState<string | null>(null);
  const groups = topLevel(framework.items);
  const removeItem = (item: FrameworkItem) => {
    const children = framework.items.filter((i) => i.parentCode === item.code).length;
    const what =
      children > 0
        ? `Remove ${item.code} ${item.title} and its ${children} indicator${children === 1 ? '' : 's'} from version ${framework.version}?`
        : `Remove ${item.code} ${item.title} from version ${framework.version}?`;
    if (!window.confirm(what)) return;
    remove.mutate(item.code, {
      onSuccess: () => onNotice({ at: 'items', text: `${item.code} ${item.title} is removed.` }),
    });
  };
  const row = (item: FrameworkItem, level: 3 | 4) => (
    <ItemEntry
      key={item.code}
      framework={framework}
      item={item}
      level={level}
      editable={editable}
      editing={editing === item.code}
      notice={notice}
      onEdit={() => {
        onNotice(null);
        setEditing(item.code);
      }}
      onRemove={() => removeItem(item)}
      onDone={(message) => {
        setEditing(null);
        onNotice(message === '' ? null : { at: item.code, text: message });
      }}
    />
  );
  return (
    <section aria-labelledby="fw-items" className="margin-top-5">
      <h2 id="fw-items">{framework.items.some((i) => i.kind === 'area') ? 'Areas and indicators' : 'Indicators'}</h2>
      <p className="ssos-readable">
        Each indicator is rated on the scale above
        {framework.orgLevels.length > 1 ? '; the organizations that rate it are named beside it' : ''}.
      </p>
      {remove.isError ? <ErrorAlert heading="The item could not be removed" error={remove.error} /> : null}
      <NoticeAlert notice={notice} at="items" />
      {groups.map(({ item, children }) => (
        <div key={item.code} className="border-top border-base-lighter padding-top-1 margin-top-3">
          {row(item, 3)}
          {children.length > 0 ? (
            <ul className="usa-list usa-list--unstyled margin-left-3">
              {children.map((child) => (
                <li key={child.code} className="margin-top-2">
                  {row(child, 4)}
                </li>
              ))}
            </ul>
          ) : item.kind === 'area' ? (
            <p className="usa-hint margin-left-3">No indicators in this area yet.</p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function ItemEntry({
  framework,
  item,
  level,
  editable,
  editing,
  notice,
  onEdit,
  onRemove,
  onDone,
}: {
  framework: FrameworkVersion;
  item: FrameworkItem;
  level: 3 | 4;
  editable: boolean;
  editing: boolean;
  notice: Notice | null;
  onEdit: () => void;
  onRemove: () => void;
  onDone: (message: string) => void;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div>
      <Heading className="margin-y-1">
        {item.code} {item.title}
        {item.unconfirmed ? <WordingTag /> : null}
      </Heading>
      {item.description !== '' ? <p className="ssos-readable margin-y-05">{item.description}</p> : null}
      {framework.orgLevels.length > 1 && item.kind === 'indicator' ? (
        <p className="usa-hint margin-y-05">Rated by {orgLevelsText(item.appliesTo)}</p>
      ) : null}
      {editable && !editing ? (
        <p className="margin-y-1">
          <Button type="button" unstyled className="usa-link" onClick={onEdit}>
            Edit the wording<span className="usa-sr-only"> of {item.code}</span>
          </Button>{' '}
          ·{' '}
          <Button type="button" unstyled className="usa-link" onClick={onRemove}>
            Remove<span className="usa-sr-only"> {item.code}</span>
          </Button>
        </p>
      ) : null}
      {editable && editing ? <ItemEditForm framework={framework} item={item} onDone={onDone} /> : null}
      <NoticeAlert notice={notice} at={item.code} />
    </div>
  );
}

/** An item's wording as the forms hold it. */
interface Wording {
  title: string;
  description: string;
  confirmed: boolean;
}

const blankWording: Wording = { title: '', description: '', confirmed: true };

/** Moves the focus to the field a refusal names, so the reader lands on its message. */
function useFocusRefused(form: React.RefObject<HTMLFormElement | null>, field: string | undefined, error: unknown) {
  useEffect(() => {
    if (field !== undefined) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [form, field, error]);
}

/** An item's title, description and whether the agency confirmed the wording, with the server's messages beside them. */
function WordingFields({
  id,
  wording,
  refused,
  onChange,
}: {
  id: string;
  wording: Wording;
  refused: { field: string; message: string } | null;
  onChange: (wording: Wording) => void;
}) {
  const errorOf = (field: string) => (refused?.field === field ? refused.message : null);
  return (
    <>
      <Field id={`${id}-title`} label="Title" error={errorOf('title')}>
        <TextInput
          id={`${id}-title`}
          name="title"
          type="text"
          value={wording.title}
          maxLength={300}
          validationStatus={errorOf('title') !== null ? 'error' : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...wording, title: e.target.value })}
          {...described(`${id}-title`, false, errorOf('title'))}
        />
      </Field>
      <Field id={`${id}-description`} label="Description (optional)" error={errorOf('description')}>
        <Textarea
          id={`${id}-description`}
          name="description"
          value={wording.description}
          maxLength={4000}
          className="height-10"
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
            onChange({ ...wording, description: e.target.value })
          }
          {...described(`${id}-description`, false, errorOf('description'))}
        />
      </Field>
      <Checkbox
        id={`${id}-confirmed`}
        name="confirmed"
        className="margin-top-2"
        label="The agency has confirmed this wording"
        checked={wording.confirmed}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...wording, confirmed: e.target.checked })}
      />
    </>
  );
}

/** Edits an item's title and description and whether its wording is confirmed; the server's messages beside the fields. */
function ItemEditForm({
  framework,
  item,
  onDone,
}: {
  framework: FrameworkVersion;
  item: FrameworkItem;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const edit = useEditFrameworkItem(framework.code, framework.version);
  const [wording, setWording] = useState<Wording>({
    title: item.title,
    description: item.description,
    confirmed: !item.unconfirmed,
  });
  const refused = apiFieldError(edit.error);
  const form = useRef<HTMLFormElement>(null);
  useFocusRefused(form, refused?.field, edit.error);
  return (
    <form
      ref={form}
      className="usa-form usa-form--large margin-bottom-3"
      aria-label={`Wording of ${item.code}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        edit.mutate(
          { itemCode: item.code, body: wording },
          { onSuccess: () => onDone(`The wording of ${item.code} is saved.`) },
        );
      }}
    >
      {edit.isError && refused === null ? (
        <ErrorAlert heading={`The wording of ${item.code} could not be saved`} error={edit.error} />
      ) : null}
      <WordingFields id={id} wording={wording} refused={refused} onChange={setWording} />
      <Button type="submit" disabled={edit.isPending}>
        {edit.isPending ? 'Saving…' : `Save the wording of ${item.code}`}
      </Button>
      <Button type="button" outline onClick={() => onDone('')}>
        Cancel
      </Button>
    </form>
  );
}

/** Adds an area or an indicator to a draft version: the code is given by the server, after the last one. */
function NewItemForm({
  framework,
  notice,
  onNotice,
}: {
  framework: FrameworkVersion;
  notice: Notice | null;
  onNotice: (notice: Notice | null) => void;
}) {
  const id = useId();
  const add = useAddFrameworkItem(framework.code, framework.version);
  const areas = framework.items.filter((i) => i.kind === 'area');
  const [kind, setKind] = useState<'area' | 'indicator'>('indicator');
  const [parentCode, setParentCode] = useState(areas[0]?.code ?? '');
  const [wording, setWording] = useState<Wording>(blankWording);
  const [appliesTo, setAppliesTo] = useState<string[]>([...framework.orgLevels]);
  const refused = apiFieldError(add.error);
  const errorOf = (field: string) => (refused?.field === field ? refused.message : null);
  const form = useRef<HTMLFormElement>(null);
  useFocusRefused(form, refused?.field, add.error);
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>Add an area or an indicator</h2>
      <NoticeAlert notice={notice} at="add" />
      <form
        ref={form}
        className="usa-form usa-form--large"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            {
              kind,
              parentCode: kind === 'indicator' && parentCode !== '' ? parentCode : null,
              ...wording,
              ...(framework.orgLevels.length > 1 ? { appliesTo: appliesTo as ('school' | 'district')[] } : {}),
            },
            {
              onSuccess: (saved) => {
                const added = saved.items.filter((i) => !framework.items.some((old) => old.code === i.code));
                onNotice({
                  at: 'add',
                  text: `${added.map((i) => `${i.code} ${i.title}`).join(', ') || 'The item'} is added.`,
                });
                setWording(blankWording);
              },
            },
          );
        }}
      >
        {add.isError && refused === null ? (
          <ErrorAlert heading="The item could not be added" error={add.error} />
        ) : null}
        <Field id={`${id}-kind`} label="What to add" error={errorOf('kind')}>
          <Select
            id={`${id}-kind`}
            name="kind"
            value={kind}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setKind(e.target.value as 'area' | 'indicator')}
          >
            <option value="indicator">An indicator (rated)</option>
            <option value="area">An area (groups indicators)</option>
          </Select>
        </Field>
        {kind === 'indicator' ? (
          <Field id={`${id}-parent`} label="In the area" error={errorOf('parentCode')}>
            <Select
              id={`${id}-parent`}
              name="parentCode"
              value={parentCode}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setParentCode(e.target.value)}
              {...described(`${id}-parent`, false, errorOf('parentCode'))}
            >
              <option value="">None: at the top of the framework</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} {a.title}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {framework.orgLevels.length > 1 ? (
          <Fieldset legend="Rated by" className="margin-top-3">
            {errorOf('appliesTo') !== null ? (
              <span className="usa-error-message" role="alert">
                {errorOf('appliesTo')}
              </span>
            ) : null}
            {framework.orgLevels.map((level) => (
              <Checkbox
                key={level}
                id={`${id}-applies-${level}`}
                name="appliesTo"
                label={level === 'school' ? 'Schools' : 'Districts'}
                checked={appliesTo.includes(level)}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                  setAppliesTo((all) => (e.target.checked ? [...all, level] : all.filter((l) => l !== level)))
                }
              />
            ))}
          </Fieldset>
        ) : null}
        <WordingFields id={id} wording={wording} refused={refused} onChange={setWording} />
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add to the framework'}
        </Button>
      </form>
    </section>
  );
}
