import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CsvError } from 'csv-parse';
import { directoryColumns, parseDirectoryRow, type DirectoryColumn } from '../../core/orgs/directory-format.ts';
import type { Organization } from '../../core/orgs/organization.ts';
import type { Db } from '../db/client.ts';
import { upsertOrganizations } from '../db/repositories/org-repository.ts';
import { readCsvRows, EncodingProblem } from './csv-reader.ts';
import { ImportFailed, ProblemList } from './problems.ts';

export interface DirectoryImportResult {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
}

/**
 * Imports the organization directory CSV (src/core/orgs/directory-format.ts): all or nothing, keyed by code (a
 * re-import changes nothing that matters: names, types, grades, parents and regions are set as the file says).
 * Parents and regions may be in the file or already in the registry.
 */
export async function importOrganizationDirectory(db: Db, file: string): Promise<DirectoryImportResult> {
  const label = path.basename(file);
  const problems = new ProblemList(label);
  const orgs: Organization[] = [];
  const lines = new Map<string, number>();
  let header: Map<DirectoryColumn, number> | null = null;
  try {
    for await (const { line, cells } of readCsvRows(file)) {
      if (!header) {
        const names = cells.map((c) => c.trim().toLowerCase());
        if (!names.includes('code') || !names.includes('level')) {
          problems.add(
            1,
            '(header)',
            `this is not an organization directory: expected the columns ${directoryColumns.join(', ')}`,
          );
          break;
        }
        names.forEach((n, i) => {
          if (!(directoryColumns as readonly string[]).includes(n))
            problems.add(1, n || `(column ${i + 1})`, 'is not a column of the organization directory');
        });
        for (const c of directoryColumns) if (!names.includes(c)) problems.add(1, c, 'is missing from the header');
        if (!problems.empty) break;
        header = new Map(directoryColumns.map((c) => [c, names.indexOf(c)]));
        continue;
      }
      const row = Object.fromEntries(directoryColumns.map((c) => [c, cells[header!.get(c)!] ?? ''])) as Record<
        DirectoryColumn,
        string
      >;
      const parsed = parseDirectoryRow(row);
      if (!parsed.ok) {
        for (const [column, problem, value] of parsed.problems) problems.add(line, column, problem, value);
      } else if (lines.has(parsed.org.code)) {
        problems.add(line, 'code', `is listed twice (also on line ${lines.get(parsed.org.code)})`, parsed.org.code);
      } else {
        lines.set(parsed.org.code, line);
        orgs.push(parsed.org);
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
    problems.add(1, '(header)', `the file is empty: expected a header row with ${directoryColumns.join(', ')}`);
  if (!problems.empty) throw new ImportFailed(problems.items, problems.full);

  const checksum = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  return db.kysely.transaction().execute(async (trx) => {
    const known = new Set((await trx.selectFrom('organizations').select('code').execute()).map((r) => r.code));
    const inFile = new Set(orgs.map((o) => o.code));
    for (const o of orgs) {
      for (const [column, ref] of [
        ['parent_code', o.parentCode],
        ['region_code', o.regionCode],
      ] as const) {
        if (ref !== null && !inFile.has(ref) && !known.has(ref))
          problems.add(
            lines.get(o.code)!,
            column,
            'names an organization that is neither in the file nor in the registry',
            ref,
          );
      }
    }
    if (!problems.empty) throw new ImportFailed(problems.items, problems.full);
    const { inserted, updated } = await upsertOrganizations(trx, orgs);
    const existing = await trx
      .selectFrom('data_sources')
      .select('id')
      .where('kind', '=', 'organization_directory')
      .where('checksum', '=', checksum)
      .executeTakeFirst();
    if (!existing)
      await trx
        .insertInto('data_sources')
        .values({ kind: 'organization_directory', description: `${label}: ${orgs.length} organizations`, checksum })
        .execute();
    return { file: label, rows: orgs.length, inserted, updated };
  });
}
