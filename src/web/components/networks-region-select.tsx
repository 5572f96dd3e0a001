import { Select } from '@trussworks/react-uswds';
import { useOrgSearch } from '../api/orgs.ts';
import type { FieldChange } from './plan-format.tsx';

/**
 * A select of the state's regions (from the organization directory), with an optional first choice for none
 * (`noneLabel`: "Statewide", "Every region"). `only` limits the choices to one region (regional staff's own).
 */
export function RegionSelect({
  id,
  name,
  value,
  noneLabel,
  only,
  onChange,
  describedBy,
}: {
  id: string;
  name: string;
  value: string;
  noneLabel?: string;
  only?: string | null;
  onChange: (code: string) => void;
  describedBy?: { 'aria-describedby'?: string; 'aria-invalid'?: boolean };
}) {
  const regions = useOrgSearch({ level: 'region', limit: 50 });
  const items = (regions.data?.items ?? []).filter((r) => only === undefined || only === null || r.code === only);
  return (
    <Select id={id} name={name} value={value} onChange={(e: FieldChange) => onChange(e.target.value)} {...describedBy}>
      {noneLabel !== undefined ? <option value="">{noneLabel}</option> : null}
      {items.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
      {regions.isPending && value !== '' ? <option value={value}>{value}</option> : null}
    </Select>
  );
}
