import { parseSchoolYear } from '../school-year.ts';
import type { Parsed } from '../students/csv-format.ts';

/**
 * Simple values as Ed-Fi interchanges write them (XML Schema types): dates, date-times, decimals, integers, booleans
 * and Ed-Fi's school-year labels. Each parser returns the value or a sentence saying what is wrong with the text.
 */

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** An `xs:date` (`2021-08-31`, optionally with a time zone) as `YYYY-MM-DD`. */
export function parseXsDate(text: string): Parsed<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return bad('must be a date (YYYY-MM-DD)');
  return ok(`${m[1]}-${m[2]}-${m[3]}`);
}

/** The date part of an `xs:dateTime` (`2021-04-01T16:00:00`); a plain date is accepted too. */
export function parseXsDateTimeDate(text: string): Parsed<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text.trim());
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))
    return bad('must be a date and time (YYYY-MM-DDThh:mm:ss)');
  return ok(`${m[1]}-${m[2]}-${m[3]}`);
}

/** A decimal number from `min` to `max`. */
export function parseDecimal(text: string, min: number, max: number): Parsed<number> {
  const t = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return bad('must be a number');
  const n = Number(t);
  return n < min || n > max ? bad(`must be from ${min} to ${max}`) : ok(n);
}

/** A whole number from `min` to `max`. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return bad('must be a whole number');
  const n = Number(t);
  return n < min || n > max ? bad(`must be from ${min} to ${max}`) : ok(n);
}

/** An `xs:boolean`: true, false, 1 or 0. */
export function parseXsBoolean(text: string): Parsed<boolean> {
  const t = text.trim();
  if (t === 'true' || t === '1') return ok(true);
  if (t === 'false' || t === '0') return ok(false);
  return bad('must be true or false (or 1 or 0)');
}

/** Ed-Fi's school-year label (`2021-2022`, also `2022`) as the ending year, the way DESE names school years. */
export function parseEdfiSchoolYear(text: string): Parsed<number> {
  const year = parseSchoolYear(text);
  return year !== null && year >= 1990 && year <= 2200
    ? ok(year)
    : bad('must be a school year such as 2021-2022 (from 1990 to 2200)');
}

/** The school year (named by its ending year) a `YYYY-MM-DD` date falls in; the year turns on July 1. */
export function schoolYearOfIsoDate(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year + 1 : year;
}

/** The first and last day (`YYYY-MM-DD`) of a school year named by its ending year. */
export function schoolYearBounds(schoolYear: number): { first: string; last: string } {
  return { first: `${schoolYear - 1}-07-01`, last: `${schoolYear}-06-30` };
}

/** An Ed-Fi EducationOrganizationId (a positive 32-bit integer), without leading zeros. */
export function parseEducationOrganizationId(text: string): Parsed<string> {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t) || Number(t) < 1 || Number(t) > 2_147_483_647)
    return bad('must be an Ed-Fi education organization id (a whole number from 1 to 2147483647)');
  return ok(String(Number(t)));
}

/** The ssos organization code of an Ed-Fi education organization: `edfi-` and its id (`edfi-255901001`). */
export function edfiOrgCode(educationOrganizationId: string): string {
  return `edfi-${educationOrganizationId}`;
}
