import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Select, Table } from '@trussworks/react-uswds';
import { networkKindLabels, networkKinds, type NetworkKind } from '../../core/assistance/vocabulary.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isAssistanceStaff, isStateStaff } from '../api/assistance.ts';
import { useCurrentUser, useSession } from '../api/auth.ts';
import { networkPath, networksPath, useNetworks, useSaveNetwork } from '../api/networks.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, NoAccessNotice, SignInNotice } from '../components/grants-crumbs.tsx';

import { InputField, TextAreaField } from '../components/form-field.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { RegionSelect } from '../components/networks-region-select.tsx';
import { describedBy, formatDate, PlanField, refusedField, type FieldChange } from '../components/plan-format.tsx';

/**
 * Networks: the Urban Superintendents Network, principals' networks, job-alike groups. Each reader sees the networks
 * they may read; state staff create statewide ones, regional staff their region's.
 */
export function NetworksPage() {
  useDocumentTitle('Networks');
  const session = useSession();
  const user = useCurrentUser();
  const leader = user?.role === 'district_leader' || user?.role === 'school_leader';
  const networks = useNetworks({ enabled: user !== null && (isAssistanceStaff(user) || leader) });
  return (
    <>
      <AreaCrumbs current="Networks" />
      <h1>Networks</h1>
      <p className="usa-intro ssos-readable">
        Networks and job-alike groups bring leaders together: members, meetings with their agenda and notes, and who
        attended.
      </p>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <SignInNotice what="Networks are for agency staff and the leaders who belong to them." next={networksPath} />
      ) : !isAssistanceStaff(user) && !leader ? (
        <NoAccessNotice heading="Networks are not open to your account">
          Networks are for agency staff and for the district and school leaders who belong to them.
        </NoAccessNotice>
      ) : networks.isPending ? (
        <LoadingStatus>Loading the networks…</LoadingStatus>
      ) : networks.isError ? (
        <ErrorAlert heading="The networks could not be loaded" error={networks.error} />
      ) : (
        <>
          {networks.data.items.length === 0 ? (
            <p>{leader ? 'You and your organization belong to no network yet.' : 'There are no networks yet.'}</p>
          ) : (
            <ScrollRegion label="Networks">
              <Table bordered fullWidth>
                <caption>
                  {leader ? 'The networks you or your organization belong to' : 'Networks you may read'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Network</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Region</th>
                    <th scope="col" className="ssos-num">
                      Members
                    </th>
                    <th scope="col">Last meeting</th>
                    <th scope="col">Next meeting</th>
                  </tr>
                </thead>
                <tbody>
                  {networks.data.items.map((n) => (
                    <tr key={n.id}>
                      <th scope="row">
                        <Link to={networkPath(n.id)} className="usa-link">
                          {n.name}
                        </Link>
                        {!n.active ? <span className="display-block text-base-dark">Inactive</span> : null}
                      </th>
                      <td>{n.kindLabel}</td>
                      <td>{n.region?.name ?? 'Statewide'}</td>
                      <td className="ssos-num">{n.memberCount}</td>
                      <td>{n.lastMeetingOn ? formatDate(n.lastMeetingOn) : '—'}</td>
                      <td>{n.nextMeetingOn ? formatDate(n.nextMeetingOn) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </ScrollRegion>
          )}
          {isAssistanceStaff(user) ? <CreateNetwork user={user} /> : null}
        </>
      )}
    </>
  );
}

type NetworkField = 'name' | 'kind' | 'description' | 'regionCode';

/** State staff create statewide or regional networks; regional staff their own region's. */
function CreateNetwork({ user }: { user: CurrentUser }) {
  const id = useId();
  const navigate = useNavigate();
  const save = useSaveNetwork(null);
  const state = isStateStaff(user);
  const [draft, setDraft] = useState({
    name: '',
    kind: 'job_alike' as NetworkKind,
    description: '',
    regionCode: state ? '' : (user.scope.orgCode ?? ''),
  });
  const refused = refusedField<NetworkField>(save.error, ['name', 'kind', 'description', 'regionCode']);
  const errorOf = (f: NetworkField) => (refused?.field === f ? refused.message : null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <form
      className="usa-form usa-form--large margin-top-5"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          {
            name: draft.name.trim(),
            kind: draft.kind,
            description: draft.description,
            regionCode: draft.regionCode === '' ? null : draft.regionCode,
          },
          { onSuccess: (n) => void navigate(networkPath(n.id)) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Create a network</h2>
      {save.isError && refused === null ? (
        <ErrorAlert heading="The network could not be created" error={save.error} />
      ) : null}
      <InputField
        id={`${id}-name`}
        label="Name"
        error={errorOf('name')}
        name="name"
        value={draft.name}
        maxLength={200}
        onChange={set('name')}
      />
      <PlanField id={`${id}-kind`} label="Kind" error={errorOf('kind')}>
        <Select
          id={`${id}-kind`}
          name="kind"
          value={draft.kind}
          onChange={(e: FieldChange) => set('kind')(e.target.value)}
        >
          {networkKinds.map((k) => (
            <option key={k} value={k}>
              {networkKindLabels[k]}
            </option>
          ))}
        </Select>
      </PlanField>
      <PlanField id={`${id}-region`} label="Region" error={errorOf('regionCode')}>
        <RegionSelect
          id={`${id}-region`}
          name="regionCode"
          value={draft.regionCode}
          noneLabel={state ? 'Statewide' : undefined}
          only={state ? null : user.scope.orgCode}
          onChange={(regionCode) => setDraft({ ...draft, regionCode })}
          describedBy={describedBy(`${id}-region`, false, errorOf('regionCode'))}
        />
      </PlanField>
      <TextAreaField
        id={`${id}-desc`}
        label="Description"
        error={errorOf('description')}
        name="description"
        value={draft.description}
        maxLength={4000}
        onChange={set('description')}
      />
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Creating…' : 'Create the network'}
      </Button>
    </form>
  );
}
