import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Select } from '@trussworks/react-uswds';
import type { CurrentUser } from '../../server/api/auth.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { isStateStaff, partnersPath, usePartners, type Partner } from '../api/assistance.ts';
import { useOrgSearch } from '../api/orgs.ts';
import {
  DoneNotice,
  frameworkCodeLabel,
  frameworkCodeList,
  partnerStatuses,
  partnerStatusLabels,
} from '../components/assistance-format.tsx';
import { AssistancePage } from '../components/assistance-page.tsx';
import { PartnerForm } from '../components/assistance-partner-form.tsx';
import { PartnerFacts } from '../components/assistance-partners.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { Field } from '../components/improvement-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';

const heading = 'Partner catalog';

/**
 * The catalog of external partners: filtered by the Condition or Practice they address, the region they serve and
 * their status; state staff add partners and change them.
 */
export function AssistancePartnersPage() {
  return (
    <AssistancePage
      crumbs={[{ label: heading }]}
      heading={heading}
      here={partnersPath}
      signInTo="see the partner catalog"
      intro={
        <p className="usa-intro ssos-readable">
          External partners the agency has vetted to help schools and districts, with the Conditions for School
          Effectiveness and Turnaround Practices they address and the regions they serve.
        </p>
      }
    >
      {(user) => <Catalog user={user} />}
    </AssistancePage>
  );
}

function Catalog({ user }: { user: CurrentUser }) {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const region = params.get('region') ?? '';
  const status = params.get('status') ?? '';
  const partners = usePartners({
    code: code === '' ? undefined : (code as (typeof frameworkCodeList)[number]),
    region: region === '' ? undefined : region,
    status: status === '' ? undefined : (status as Partner['status']),
  });
  const regions = useOrgSearch({ level: 'region', limit: 50 });
  const regionList: OrgRef[] = regions.data?.items.map((r) => ({ code: r.code, name: r.name, level: r.level })) ?? [];
  const editor = isStateStaff(user);
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const filtered = code !== '' || region !== '' || status !== '';

  return (
    <>
      <form className="usa-form ssos-search-form" aria-label="Filter the partners" onSubmit={(e) => e.preventDefault()}>
        <div className="ssos-search-filters">
          <Field id={`${id}-code`} label="Addresses">
            <Select
              id={`${id}-code`}
              name="code"
              value={code}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFilter('code', e.target.value)}
            >
              <option value="">Any Condition or Practice</option>
              {frameworkCodeList.map((c) => (
                <option key={c} value={c}>
                  {frameworkCodeLabel(c)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${id}-region`} label="Serves">
            <Select
              id={`${id}-region`}
              name="region"
              value={region}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFilter('region', e.target.value)}
            >
              <option value="">Any region</option>
              {regionList.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name} (and statewide partners)
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${id}-status`} label="Status">
            <Select
              id={`${id}-status`}
              name="status"
              value={status}
              onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFilter('status', e.target.value)}
            >
              <option value="">Any status</option>
              {partnerStatuses.map((s) => (
                <option key={s} value={s}>
                  {partnerStatusLabels[s]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {filtered ? (
          <Button type="button" unstyled className="margin-top-2" onClick={() => setParams({}, { replace: true })}>
            Clear the filters
          </Button>
        ) : null}
      </form>
      {notice !== null ? <DoneNotice message={notice} /> : null}
      {partners.isPending ? (
        <LoadingStatus>Loading the partners…</LoadingStatus>
      ) : partners.isError ? (
        <ErrorAlert heading="The partners could not be loaded" error={partners.error} />
      ) : (
        <>
          <p role="status" className="margin-top-3">
            {partners.data.items.length === 0
              ? filtered
                ? 'No partner matches the filters.'
                : 'The catalog is empty.'
              : `${partners.data.items.length} ${partners.data.items.length === 1 ? 'partner' : 'partners'}${filtered ? ' match the filters' : ''}.`}
          </p>
          <ul className="usa-list usa-list--unstyled" aria-label="Partners">
            {partners.data.items.map((p) => (
              <li key={p.id} className="margin-bottom-4">
                <article className="border-left-05 border-primary padding-left-2" aria-labelledby={`partner-${p.id}`}>
                  <h2 id={`partner-${p.id}`} className="margin-y-05 font-sans-lg">
                    {p.name}
                  </h2>
                  {editing === p.id ? (
                    <PartnerForm
                      partner={p}
                      regions={regionList}
                      onCancel={() => setEditing(null)}
                      onDone={(message) => {
                        setEditing(null);
                        setNotice(message);
                      }}
                    />
                  ) : (
                    <>
                      <PartnerFacts partner={p} />
                      {editor ? (
                        <Button
                          type="button"
                          outline
                          className="margin-top-1"
                          aria-label={`Change ${p.name}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(p.id);
                          }}
                        >
                          Change
                        </Button>
                      ) : null}
                    </>
                  )}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      {editor ? (
        <section aria-labelledby={`${id}-add`} className="margin-top-5">
          <h2 id={`${id}-add`}>Add a partner</h2>
          <PartnerForm key={notice ?? 'new'} partner={null} regions={regionList} onDone={setNotice} />
        </section>
      ) : (
        <p className="margin-top-4 ssos-readable">
          State staff keep the catalog: they add partners once vetted and change their status.
        </p>
      )}
    </>
  );
}
