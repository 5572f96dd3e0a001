import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Select, Table } from '@trussworks/react-uswds';
import { pairingStatuses, pairingStatusLabels, type PairingStatus } from '../../core/assistance/recognition.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isAssistanceStaff, isStateStaff, orgAssistancePath } from '../api/assistance.ts';
import { useCurrentUser, useSession } from '../api/auth.ts';
import {
  recognitionPath,
  usePairings,
  useRecognition,
  useSavePairing,
  type DemonstrationSite,
  type Pairing,
  type PairingSuggestion,
} from '../api/recognition.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, NoAccessNotice, SignInNotice } from '../components/grants-crumbs.tsx';

import { InputField, TextAreaField } from '../components/form-field.tsx';
import { isoToday } from '../components/grants-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { RegionSelect } from '../components/networks-region-select.tsx';
import { formatDate, PlanField, refusedField, type FieldChange } from '../components/plan-format.tsx';

/**
 * Recognition in practice: the schools of recognition of the latest official run as demonstration sites, each with
 * comparable schools requiring assistance suggested as partners (nearest first by the DART's comparability, with the
 * reason), and the pairings recorded. Leaders see their own schools' pairings.
 */
export function RecognitionPage() {
  useDocumentTitle('Recognition in practice');
  const session = useSession();
  const user = useCurrentUser();
  const leader = user?.role === 'district_leader' || user?.role === 'school_leader';
  return (
    <>
      <AreaCrumbs current="Recognition in practice" />
      <h1>Recognition in practice</h1>
      <p className="usa-intro ssos-readable">
        Schools of recognition serve as demonstration sites, paired with comparable schools that require assistance.
      </p>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <SignInNotice
          what="Demonstration sites and pairings are for agency staff and school leaders."
          next={recognitionPath}
        />
      ) : isAssistanceStaff(user) ? (
        <StaffView user={user} />
      ) : leader ? (
        <Pairings title="Pairings of your schools" />
      ) : (
        <NoAccessNotice heading="Recognition in practice is not open to your account">
          It is for agency staff and for the leaders of the schools paired.
        </NoAccessNotice>
      )}
    </>
  );
}

function StaffView({ user }: { user: CurrentUser }) {
  const id = useId();
  const state = isStateStaff(user);
  const [region, setRegion] = useState('');
  const overview = useRecognition(state ? region || undefined : undefined);
  return (
    <>
      {state ? (
        <div className="usa-form ssos-filter-form">
          <label className="usa-label" htmlFor={`${id}-region`}>
            Suggest partner schools of
          </label>
          <RegionSelect
            id={`${id}-region`}
            name="region"
            value={region}
            noneLabel="Every region"
            onChange={setRegion}
          />
        </div>
      ) : null}
      {overview.isPending ? (
        <LoadingStatus>Comparing schools…</LoadingStatus>
      ) : overview.isError ? (
        <ErrorAlert heading="The demonstration sites could not be loaded" error={overview.error} />
      ) : overview.data.run === null ? (
        <p>There is no official accountability run yet, so no school is recognized.</p>
      ) : (
        <>
          <p className="ssos-readable">
            From the {overview.data.run.year} official accountability run
            {overview.data.region ? `; partner schools of ${overview.data.region.name}` : ''}. {overview.data.method}
          </p>
          {overview.data.items.length === 0 ? (
            <p>No school is recognized in that run.</p>
          ) : (
            overview.data.items.map((site) => <Site key={site.org.code} site={site} user={user} />)
          )}
        </>
      )}
      <Pairings title="Pairings recorded" />
    </>
  );
}

/** Whether the user records pairings for a partner school: state staff, or its region's staff. */
function mayPair(user: CurrentUser, suggestion: PairingSuggestion): boolean {
  return isStateStaff(user) || (user.role === 'regional_staff' && suggestion.region?.code === user.scope.orgCode);
}

function Site({ site, user }: { site: DemonstrationSite; user: CurrentUser }) {
  const id = useId();
  const [pairing, setPairing] = useState<PairingSuggestion | null>(null);
  return (
    <section aria-labelledby={`${id}-site`} className="margin-top-5">
      <h2 id={`${id}-site`}>{site.org.name}</h2>
      <p className="ssos-readable">
        {[site.district?.name, site.region?.name].filter(Boolean).join(', ')}. {site.recognition}
        {site.percentile !== null ? `, accountability percentile ${site.percentile}` : ''}. School type{' '}
        {site.schoolType ?? 'unknown'}
        {site.comparisonYear !== null ? `, characteristics of ${site.comparisonYear}` : ''}.
      </p>
      {site.suggestions.length === 0 ? (
        <p>
          No comparable school requiring assistance
          {site.notCompared > 0 ? ` (${site.notCompared} of another type or without data)` : ''}.
        </p>
      ) : (
        <ScrollRegion label={`Partners suggested for ${site.org.name}`}>
          <Table bordered fullWidth>
            <caption>
              Schools requiring assistance suggested as partners, nearest first
              {site.notCompared > 0 ? ` (${site.notCompared} more of another type or without data)` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col" className="ssos-num">
                  Distance
                </th>
                <th scope="col">Why</th>
                <th scope="col">Pairing</th>
              </tr>
            </thead>
            <tbody>
              {site.suggestions.map((s) => (
                <tr key={s.org.code}>
                  <th scope="row">
                    <Link to={orgAssistancePath(s.org.code)} className="usa-link">
                      {s.org.name}
                    </Link>
                    <span className="display-block text-base-dark">
                      {[s.district?.name, s.region?.name].filter(Boolean).join(', ')}
                    </span>
                  </th>
                  <td className="ssos-num">{s.distance.toFixed(2)}</td>
                  <td>{s.reason}</td>
                  <td>
                    {s.pairing ? (
                      pairingStatusLabels[s.pairing.status]
                    ) : mayPair(user, s) ? (
                      <Button type="button" unstyled onClick={() => setPairing(s)}>
                        Pair
                        <span className="usa-sr-only">
                          {' '}
                          {s.org.name} with {site.org.name}
                        </span>
                      </Button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {pairing ? <RecordPairing site={site} partner={pairing} onDone={() => setPairing(null)} /> : null}
    </section>
  );
}

type PairingField = 'pairedOn' | 'focus' | 'status' | 'notes' | 'demonstrationCode' | 'partnerCode';

function RecordPairing({
  site,
  partner,
  onDone,
}: {
  site: DemonstrationSite;
  partner: PairingSuggestion;
  onDone: () => void;
}) {
  const id = useId();
  const save = useSavePairing();
  const [draft, setDraft] = useState({
    pairedOn: isoToday(),
    focus: '',
    status: 'proposed' as PairingStatus,
    notes: '',
  });
  const refused = refusedField<PairingField>(save.error, [
    'pairedOn',
    'focus',
    'status',
    'notes',
    'demonstrationCode',
    'partnerCode',
  ]);
  const errorOf = (f: PairingField) => (refused?.field === f ? refused.message : null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <form
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            id: null,
            body: {
              demonstrationCode: site.org.code,
              partnerCode: partner.org.code,
              ...draft,
              focus: draft.focus.trim(),
            },
          },
          { onSuccess: onDone },
        );
      }}
    >
      <h3 id={`${id}-heading`}>
        Pair {partner.org.name} with {site.org.name}
      </h3>
      {save.isError &&
      (refused === null || refused.field === 'demonstrationCode' || refused.field === 'partnerCode') ? (
        <ErrorAlert heading="The pairing could not be recorded" error={save.error} />
      ) : null}
      <InputField
        id={`${id}-date`}
        label="Date"
        error={errorOf('pairedOn')}
        name="pairedOn"
        type="date"
        value={draft.pairedOn}
        onChange={set('pairedOn')}
      />
      <InputField
        id={`${id}-focus`}
        label="Focus"
        hint="What the schools work on together"
        error={errorOf('focus')}
        name="focus"
        value={draft.focus}
        maxLength={500}
        onChange={set('focus')}
      />
      <PlanField id={`${id}-status`} label="Status" error={errorOf('status')}>
        <Select
          id={`${id}-status`}
          name="status"
          value={draft.status}
          onChange={(e: FieldChange) => set('status')(e.target.value)}
        >
          {pairingStatuses.map((s) => (
            <option key={s} value={s}>
              {pairingStatusLabels[s]}
            </option>
          ))}
        </Select>
      </PlanField>
      <TextAreaField
        id={`${id}-notes`}
        label="Notes (optional)"
        error={errorOf('notes')}
        name="notes"
        value={draft.notes}
        maxLength={8000}
        onChange={set('notes')}
      />
      <ButtonGroup>
        <Button type="submit" disabled={save.isPending}>
          Record the pairing
        </Button>
        <Button type="button" outline onClick={onDone}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The pairings recorded, latest first; those the reader may change get a status select. */
function Pairings({ title }: { title: string }) {
  const id = useId();
  const pairings = usePairings();
  const save = useSavePairing();
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>{title}</h2>
      {save.isError ? <ErrorAlert heading="The pairing could not be changed" error={save.error} /> : null}
      {pairings.isPending ? (
        <LoadingStatus>Loading the pairings…</LoadingStatus>
      ) : pairings.isError ? (
        <ErrorAlert heading="The pairings could not be loaded" error={pairings.error} />
      ) : pairings.data.items.length === 0 ? (
        <p>No pairing recorded yet.</p>
      ) : (
        <ScrollRegion label="Pairings">
          <Table bordered fullWidth>
            <caption>Pairings, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Partner school</th>
                <th scope="col">Demonstration site</th>
                <th scope="col">Since</th>
                <th scope="col">Focus</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {pairings.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.partner.name}
                    {p.partnerRegion ? (
                      <span className="display-block text-base-dark">{p.partnerRegion.name}</span>
                    ) : null}
                  </th>
                  <td>{p.demonstration.name}</td>
                  <td>{formatDate(p.pairedOn)}</td>
                  <td>
                    {p.focus}
                    {p.notes !== '' ? <span className="display-block text-base-dark">{p.notes}</span> : null}
                  </td>
                  <td>
                    {p.canChange ? (
                      <StatusChange
                        pairing={p}
                        onChange={(status) =>
                          save.mutate({
                            id: p.id,
                            body: { pairedOn: p.pairedOn, focus: p.focus, notes: p.notes, status },
                          })
                        }
                      />
                    ) : (
                      p.statusLabel
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

function StatusChange({ pairing, onChange }: { pairing: Pairing; onChange: (status: PairingStatus) => void }) {
  const id = useId();
  return (
    <>
      <label className="usa-sr-only" htmlFor={`${id}-status`}>
        Status of the pairing of {pairing.partner.name} with {pairing.demonstration.name}
      </label>
      {/* Wide enough for the longest status: the table's narrow column clipped "Active" to "Activ". */}
      <Select
        id={`${id}-status`}
        name="status"
        value={pairing.status}
        style={{ minWidth: '9rem' }}
        onChange={(e: FieldChange) => onChange(e.target.value as PairingStatus)}
      >
        {pairingStatuses.map((s) => (
          <option key={s} value={s}>
            {pairingStatusLabels[s]}
          </option>
        ))}
      </Select>
    </>
  );
}
