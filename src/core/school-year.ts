/**
 * The school year a date falls in, named by its ending year as DESE does (2016-17 is 2017). The year turns on
 * July 1, when the fiscal and school years begin.
 */
export function schoolYearOf(date: Date): number {
  return date.getUTCMonth() >= 6 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}

/** A school year written the long way: 2017 -> "2016-17". */
export function formatSchoolYear(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/**
 * Reads a year label as DESE files write it (`2016-17`, `2017`, `fy=2019`, `FY2019`) into the ending year, or null.
 */
export function parseSchoolYear(raw: string): number | null {
  const t = raw
    .trim()
    .toLowerCase()
    .replace(/^fy\s*=?\s*/, '');
  let m = /^(\d{4})\s*[-–/]\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const start = Number(m[1]);
    const endRaw = m[2]!;
    const end =
      endRaw.length === 2
        ? Math.floor(start / 100) * 100 + Number(endRaw) + (Number(endRaw) < start % 100 ? 100 : 0)
        : Number(endRaw);
    return end === start + 1 ? end : null;
  }
  m = /^(\d{4})$/.exec(t);
  return m ? Number(m[1]) : null;
}
