import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeOrgCode } from '../../core/orgs/organization.ts';
import type { Db } from '../db/client.ts';
import { readCsvRows, EncodingProblem } from './csv-reader.ts';
import { ImportFailed, ProblemList } from './problems.ts';
import { inImportTransaction, recordDataSource } from './bulk-load.ts';
import { CsvError } from 'csv-parse';

export interface RegionImportResult {
  file: string;
  rows: number;
  changed: number;
  unchanged: number;
}

/**
 * Imports the state-maintained region mapping: a CSV with columns `district_code, region` (region: a region code
 * such as `coastal`, or blank to leave the district unassigned). All or nothing; importing it again changes nothing.
 * Districts missing from the file keep their region: the file says what to set, not what to clear.
 */
export async function importRegionMapping(db: Db, file: string): Promise<RegionImportResult> {
  const label = path.basename(file);
  const problems = new ProblemList(label);
  return inImportTransaction(db, async (conn) => {
    const orgs = await conn.query<{ id: number; code: string; level: string; region_id: number | null }>(
      "SELECT id, code, level, region_id FROM organizations WHERE level IN ('district', 'region')",
    );
    const districts = new Map(orgs.rows.filter((o) => o.level === 'district').map((o) => [o.code, o]));
    const regions = new Map(orgs.rows.filter((o) => o.level === 'region').map((o) => [o.code, o.id]));
    const assignments = new Map<number, { regionId: number | null; line: number }>();
    let header: { code: number; region: number } | null = null;
    let rows = 0;
    try {
      for await (const { line, cells } of readCsvRows(file)) {
        if (!header) {
          const names = cells.map((c) => c.trim().toLowerCase());
          for (const [i, n] of names.entries()) {
            if (n !== 'district_code' && n !== 'region')
              problems.add(
                1,
                n || `(column ${i + 1})`,
                'is not a column of the region mapping (district_code, region)',
              );
          }
          if (!names.includes('district_code')) problems.add(1, 'district_code', 'is missing from the header');
          if (!names.includes('region')) problems.add(1, 'region', 'is missing from the header');
          if (!problems.empty) break;
          header = { code: names.indexOf('district_code'), region: names.indexOf('region') };
          continue;
        }
        rows++;
        const rawCode = cells[header.code] ?? '';
        const rawRegion = (cells[header.region] ?? '').trim().toLowerCase();
        const code = normalizeOrgCode(rawCode);
        const district = code ? districts.get(code) : undefined;
        if (!district) {
          problems.add(line, 'district_code', 'is not a district in the organization registry', rawCode);
        } else if (rawRegion !== '' && !regions.has(rawRegion)) {
          problems.add(
            line,
            'region',
            `is not a region (${[...regions.keys()].join(', ')}, or blank for none)`,
            rawRegion,
          );
        } else if (assignments.has(district.id)) {
          problems.add(
            line,
            'district_code',
            `is listed twice (also on line ${assignments.get(district.id)!.line})`,
            rawCode,
          );
        } else {
          assignments.set(district.id, { regionId: rawRegion === '' ? null : regions.get(rawRegion)!, line });
        }
        if (problems.full) break;
      }
    } catch (err) {
      if (err instanceof EncodingProblem) problems.add(err.line, '(file)', err.message);
      else if (err instanceof CsvError)
        problems.add((err as { lines?: number }).lines ?? 0, '(line)', `is not valid CSV: ${err.message}`);
      else throw err;
    }
    if (!header && problems.empty)
      problems.add(1, '(header)', 'the file is empty: expected a header row district_code,region');
    if (!problems.empty) throw new ImportFailed(problems.items, problems.full);
    let changed = 0;
    for (const [id, { regionId }] of assignments) {
      const current = orgs.rows.find((o) => o.id === id)!.region_id;
      if (current === regionId) continue;
      await conn.query('UPDATE organizations SET region_id = $1, updated_at = now() WHERE id = $2', [regionId, id]);
      changed++;
    }
    const checksum = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    await recordDataSource(conn, 'region_mapping', `${label}: ${rows} districts`, checksum);
    return { file: label, rows, changed, unchanged: rows - changed };
  });
}
