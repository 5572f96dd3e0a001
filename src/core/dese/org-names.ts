import type { OrgLevel, OrgType } from '../orgs/organization.ts';

/**
 * How good a name is, judged from what the file says about it:
 * 2 the organization's own name (a directory's `School Name`, `District Name`, `Org Name`);
 * 1 a name put together by a report ("Abington - Abington High") or taken from another organization's row (a
 *   town's name for its district, a district's name cut out of a school's "District - School" name);
 * 0 a placeholder ssos makes up when a file gives none ("District 0600").
 */
export type NameRank = 0 | 1 | 2;

/** A name offered for an organization, with its rank. */
export interface NameOffer {
  name: string;
  rank: NameRank;
}

/** The placeholder name of an organization no file has named yet. */
export function placeholderName(code: string, level: OrgLevel): string {
  return level === 'district' ? `District ${code.slice(0, 4)}` : `Organization ${code}`;
}

/**
 * Splits DESE's "District - School" name. The separator is " - " in most reports and "-" in some
 * ("Abington-Abington High"); a charter district's part ends with "(District)". With a bare "-" the split is only
 * certain when the name has one hyphen; otherwise the district part is unknown (null).
 */
export function splitCombinedName(name: string): { district: string | null; school: string } {
  const t = name.trim().replace(/\s+/g, ' ');
  const charter = /^(.*\(District\))\s*-\s*(.+)$/.exec(t);
  if (charter) return { district: charter[1]!.trim(), school: charter[2]!.trim() };
  const spaced = t.indexOf(' - ');
  if (spaced > 0) return { district: t.slice(0, spaced).trim(), school: t.slice(spaced + 3).trim() };
  const hyphens = t.split('-').length - 1;
  if (hyphens === 1) {
    const [d, s] = t.split('-') as [string, string];
    if (d.trim() && s.trim()) return { district: d.trim(), school: s.trim() };
  }
  return { district: null, school: t };
}

/**
 * A school's own name inside DESE's "District - School" name, when the name starts with its district's registered
 * name ("Abington - Abington Early Education Program" with district "Abington" -> "Abington Early Education
 * Program"). Null when the district part is not exactly the district's name.
 */
export function ownNameFromCombined(combined: string, districtName: string): string | null {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  const c = norm(combined);
  const d = norm(districtName);
  if (d === '' || c.length <= d.length || c.slice(0, d.length).toLowerCase() !== d.toLowerCase()) return null;
  const m = /^\s*-\s*(\S.*)$/.exec(c.slice(d.length));
  return m ? m[1]!.trim() : null;
}

/**
 * The rank of a name already stored, judged from its shape (the registry keeps no rank): a placeholder is 0, a
 * "District - School" name is 1, anything else counts as an own name (2).
 */
export function rankOfStoredName(name: string, code: string, level: OrgLevel): NameRank {
  if (name === placeholderName(code, level)) return 0;
  if (level === 'school' && (name.includes(' - ') || /\(District\)\s*-/.test(name))) return 1;
  return 2;
}

/**
 * Whether an offered name replaces the stored one: only a strictly better name does, so a later file never puts a
 * "District - School" name over a school's own name, and re-importing changes nothing. Equal ranks keep the name
 * already stored (a folder import reads DESE's directories first).
 */
export function isBetterName(offer: NameOffer, stored: string, code: string, level: OrgLevel): boolean {
  return offer.name !== stored && offer.rank > rankOfStoredName(stored, code, level);
}

/** What a name or a directory says about an organization's type. */
export type TypeHint = OrgType | null;

/**
 * The type a name suggests: "Charter" -> charter; "Vocational", "Technical", "Agricultural" (also DESE's "RVT",
 * "Voc") -> vocational; for districts "Regional" -> regional. Null when the name says nothing.
 */
export function typeFromName(name: string, level: 'district' | 'school'): TypeHint {
  if (/\bcharter\b/i.test(name)) return 'charter';
  if (/\b(vocational|technical|agricultural|voc|rvt)\b/i.test(name)) return 'vocational';
  if (level === 'district' && /\bregional\b/i.test(name)) return 'regional';
  return null;
}

/** How specific a type is; a type only gives way to a more specific one, so files can come in any order. */
const typeRank: Record<OrgType, number> = {
  state: 0,
  region: 0,
  local: 0,
  public: 0,
  regional: 1,
  vocational: 2,
  charter: 2,
  collaborative: 2,
  virtual: 2,
  other: 2,
};

/** The default type of a level when nothing says more: districts are local, schools public. */
export function defaultType(level: 'district' | 'school'): OrgType {
  return level === 'district' ? 'local' : 'public';
}

/** Merges type hints: the most specific wins; between equally specific ones the first (the stored one) stays. */
export function mergeType(current: OrgType, hint: TypeHint): OrgType {
  if (hint === null || hint === current) return current;
  return typeRank[hint] > typeRank[current] ? hint : current;
}
