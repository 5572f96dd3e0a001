import { useId, useRef, useState } from 'react';
import { Button } from '@trussworks/react-uswds';
import type { FrameworkCode } from '../../core/assistance/vocabulary.ts';
import type { OrgRef } from '../../server/api/orgs.ts';
import { useSavePartner, type Partner, type PartnerBody } from '../api/assistance.ts';
import { codeOptions, frameworkCodeList, partnerStatuses, partnerStatusLabels } from './assistance-format.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { CheckboxGroup, InputField, SelectField, TextAreaField, useFieldProblems } from './form-field.tsx';

const allCodes = codeOptions(frameworkCodeList);
// The fields the server's messages are shown beside.
const fields = [
  'name',
  'description',
  'services',
  'frameworkCodes',
  'regionCodes',
  'status',
  'approvedOn',
  'website',
] as const;

/**
 * The form to add a partner to the catalog or change one (state staff): name, description, services, the
 * Conditions and Practices it addresses, the regions it serves, status, approval date and website. The server's
 * message for a field is shown beside that field.
 */
export function PartnerForm({
  partner,
  regions,
  onDone,
  onCancel,
}: {
  /** The partner to change; null to add one. */
  partner: Partner | null;
  regions: readonly OrgRef[];
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const save = useSavePartner();
  const [name, setName] = useState(partner?.name ?? '');
  const [description, setDescription] = useState(partner?.description ?? '');
  const [services, setServices] = useState((partner?.services ?? []).join('\n'));
  const [codes, setCodes] = useState<FrameworkCode[]>(
    partner?.frameworkCodes.map((f) => f.code as FrameworkCode) ?? [],
  );
  const [regionCodes, setRegionCodes] = useState<string[]>(partner?.regions.map((r) => r.code) ?? []);
  const [status, setStatus] = useState<Partner['status']>(partner?.status ?? 'vetted');
  const [approvedOn, setApprovedOn] = useState(partner?.approvedOn ?? '');
  const [website, setWebsite] = useState(partner?.website ?? '');
  const form = useRef<HTMLFormElement>(null);
  const { errorOf, shownBeside } = useFieldProblems(save.error, null, form, fields);
  const heading = partner === null ? 'Add a partner' : `Change ${partner.name}`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body: PartnerBody = {
      name,
      description,
      services: services
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      frameworkCodes: codes,
      regionCodes,
      status,
      approvedOn: approvedOn === '' ? null : approvedOn,
      website: website.trim() === '' ? null : website.trim(),
    };
    save.mutate(
      { id: partner?.id ?? null, body },
      {
        onSuccess: (saved) =>
          onDone(partner === null ? `${saved.name} is added to the catalog.` : `${saved.name} is changed.`),
      },
    );
  };

  return (
    <form ref={form} className="usa-form usa-form--large" aria-label={heading} noValidate onSubmit={submit}>
      {save.isError && !shownBeside ? <ErrorAlert heading="The partner could not be saved" error={save.error} /> : null}
      <InputField
        id={`${id}-name`}
        name="name"
        label="Name"
        error={errorOf('name')}
        maxLength={200}
        value={name}
        onChange={setName}
      />
      <TextAreaField
        id={`${id}-description`}
        name="description"
        label="What it does"
        error={errorOf('description')}
        maxLength={4000}
        value={description}
        onChange={setDescription}
      />
      <TextAreaField
        id={`${id}-services`}
        name="services"
        label="Services"
        hint="One service per line"
        error={errorOf('services')}
        value={services}
        onChange={setServices}
      />
      <CheckboxGroup
        id={`${id}-codes`}
        name="frameworkCodes"
        legend="Conditions and Practices it addresses"
        error={errorOf('frameworkCodes')}
        options={allCodes}
        chosen={codes}
        onChange={setCodes}
      />
      <CheckboxGroup
        id={`${id}-regions`}
        name="regionCodes"
        legend="Regions it serves"
        hint="Choose none for a partner serving the whole state."
        error={errorOf('regionCodes')}
        options={regions.map((r) => ({ value: r.code, label: r.name }))}
        chosen={regionCodes}
        onChange={setRegionCodes}
      />
      <SelectField
        id={`${id}-status`}
        name="status"
        label="Status"
        error={errorOf('status')}
        value={status}
        options={partnerStatuses.map((st) => ({ value: st, label: partnerStatusLabels[st] }))}
        onChange={(v) => setStatus(v === '' ? 'vetted' : v)}
      />
      <InputField
        id={`${id}-approved`}
        name="approvedOn"
        type="date"
        label="Approval date"
        hint="Required for a vetted partner"
        error={errorOf('approvedOn')}
        value={approvedOn}
        onChange={setApprovedOn}
      />
      <InputField
        id={`${id}-website`}
        name="website"
        type="url"
        label="Website (optional)"
        hint="Starting with https://"
        error={errorOf('website')}
        maxLength={300}
        value={website}
        onChange={setWebsite}
      />
      <div className="margin-top-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : partner === null ? 'Add the partner' : 'Save the changes'}
        </Button>
        {onCancel !== undefined ? (
          <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
