/**
 * Reading the cells of DESE exports: numbers as DESE prints them (padded, with thousands separators, dollar signs,
 * "13.4 to 1" ratios), blanks and markers that mean "withheld", and 8-digit organization codes. Pure functions.
 */

/** How a value cell is read. */
export type CellKind = 'number' | 'ratio' | 'level';

/** A value cell read: a number, a withheld (suppressed) value, or a problem to report. */
export type CellValue =
  { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'invalid'; problem: string };

/**
 * Cell texts that mean the value was withheld or not reported. A blank cell is DESE's small-group suppression; the
 * others are DESE's notes ("Failed to meet data reporting requirements" is split over two or three cells in the
 * school reports) and spreadsheet placeholders. They are stored as suppressed: no value, never zero.
 */
export const suppressionMarkers: readonly string[] = [
  '#n/a',
  'n/a',
  'na',
  '-',
  '--',
  '*',
  'not reported',
  'failed to meet data reporting requirements',
  'failed to meet reporting requirements',
  'failed to meet data',
  'failed to',
  'meet reporting',
  'reporting requirements',
  'requirements',
];

const markers = new Set(suppressionMarkers);

/** Markers that only a `level` cell accepts ("Insufficient data" where no accountability level was given). */
const levelMarkers = new Set(['insufficient data']);

const plainNumber = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const groupedNumber = /^-?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
// R's format(x, big.mark = ",", drop0trailing = TRUE) takes the last group for decimals and drops its trailing
// zeros: 15,010 is written "15,01". Seen in the state rows of some MCAS files (each agrees with its percentages).
const droppedZeros = /^-?\d{1,3}(?:,\d{3})*,\d{1,2}$/;

/**
 * Reads a number as DESE prints it: spaces, a leading `$`, thousands separators (a last group of one or two digits
 * lost its trailing zeros: "15,01" is 15,010). Null when it is not a number.
 */
export function parseDeseNumber(text: string): number | null {
  let t = text.trim();
  let negative = false;
  if (t.startsWith('-$')) {
    negative = true;
    t = t.slice(2);
  } else if (t.startsWith('$')) t = t.slice(1);
  t = t.trim();
  if (droppedZeros.test(t)) t = t + '0'.repeat(3 - (t.length - t.lastIndexOf(',') - 1));
  else if (!plainNumber.test(t) && !groupedNumber.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** Whether a cell is blank or a marker meaning "withheld". Excel's "######" (a value it could not show: in DESE's
 * teacher data, a ratio over zero teachers) counts as withheld too. */
export function isSuppressedCell(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '' || markers.has(t) || /^#{3,}$/.test(t);
}

/**
 * Reads one value cell. Blank and the markers above are suppressed; `ratio` cells read "13.4 to 1" as 13.4;
 * `level` cells read "Level 3" as 3. Percentages stay on DESE's 0-100 scale.
 */
export function parseValueCell(text: string, kind: CellKind = 'number'): CellValue {
  const t = text.trim();
  if (isSuppressedCell(t)) return { kind: 'suppressed' };
  if (kind === 'ratio') {
    const m = /^(.*?)\s*(?:to|:)\s*1$/i.exec(t);
    if (m && isSuppressedCell(m[1]!)) return { kind: 'suppressed' };
    const n = parseDeseNumber(m ? m[1]! : t);
    return n === null
      ? { kind: 'invalid', problem: 'is not a ratio such as "13.4 to 1"' }
      : { kind: 'value', value: n };
  }
  if (kind === 'level') {
    if (levelMarkers.has(t.toLowerCase())) return { kind: 'suppressed' };
    const m = /^level\s*(\d)$/i.exec(t);
    if (m) return { kind: 'value', value: Number(m[1]) };
    const n = parseDeseNumber(t);
    return n === null ? { kind: 'invalid', problem: 'is not a level such as "Level 2"' } : { kind: 'value', value: n };
  }
  const n = parseDeseNumber(t);
  return n === null ? { kind: 'invalid', problem: 'is not a number' } : { kind: 'value', value: n };
}

/**
 * Reads a DESE organization code: digits only, left-padded to 8 (`4450105` is `04450105`; the master list's 6-digit
 * `160001` is `00160001`; `0` is the state). Null when the cell is not a code.
 */
export function parseDeseCode(text: string): string | null {
  const t = text.trim();
  if (!/^\d{1,8}$/.test(t)) return null;
  return t.padStart(8, '0');
}

/** The district code of a town's LEA code (`1` is Abington, district `00010000`). */
export function districtCodeOfLea(text: string): string | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t) || Number(t) === 0) return null;
  return `${t.padStart(4, '0')}0000`;
}

/** The level a DESE code stands for: `00000000` the state, `DDDD0000` a district, anything else a school. */
export function levelOfDeseCode(code: string): 'state' | 'district' | 'school' {
  if (code === '00000000') return 'state';
  return code.endsWith('0000') ? 'district' : 'school';
}

/**
 * A number from a spreadsheet written the way Excel shows it: at most 15 significant digits, so binary noise
 * (0.30000000000000004) disappears and integers stay integers.
 */
export function formatSheetNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}
