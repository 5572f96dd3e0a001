import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError } from 'csv-parse';
import { ma2018Framework } from '../../core/accountability/framework-2018.ts';
import { normalizeOrgCode } from '../../core/orgs/organization.ts';
import type { Db } from '../db/client.ts';
import { readCsvRows, EncodingProblem } from './csv-reader.ts';
import { ImportFailed, ProblemList } from './problems.ts';
import { inImportTransaction, recordDataSource } from './bulk-load.ts';

export interface TargetImportResult {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The columns of the targets file, in the order the documentation lists them. */
export const targetColumns = [
  'org_code',
  'indicator_code',
  'student_group',
  'baseline_year',
  'baseline_value',
  'annual_increment',
] as const;
type TargetColumn = (typeof targetColumns)[number];

/** Rows written per statement. */
const BATCH = 1000;

interface TargetRow {
  orgId: number;
  indicator: string;
  group: string;
  baselineYear: number;
  baseline: number;
  increment: number;
  line: number;
}

/**
 * Imports the state's accountability targets file (docs/accountability.md, "Targets file"): a CSV with columns
 * `org_code, indicator_code, student_group, baseline_year, baseline_value, annual_increment`, one row per
 * organization, measure and student group. `indicator_code` is a measure id of the 2018+ framework (which may be a
 * derived measure such as `extended_engagement_pct`, hence checked against the framework, not the indicator catalog).
 * All or nothing; a row replaces the stored target of its organization, measure and group; importing the same file
 * again changes nothing. Targets not in the file are kept.
 */
export async function importAccountabilityTargets(db: Db, file: string): Promise<TargetImportResult> {
  const label = path.basename(file);
  const problems = new ProblemList(label);
  const measureIds = ma2018Framework.measures.map((m) => m.id);
  const measures = new Set(measureIds);
  return inImportTransaction(db, async (conn) => {
    const orgs = new Map(
      (
        await conn.query<{ id: number; code: string }>(
          "SELECT id, code FROM organizations WHERE level IN ('school', 'district')",
        )
      ).rows.map((o) => [o.code, Number(o.id)]),
    );
    const groups = new Set(
      (await conn.query<{ code: string }>('SELECT code FROM student_groups')).rows.map((g) => g.code),
    );
    const rows = new Map<string, TargetRow>();
    let header: Record<TargetColumn, number> | null = null;
    let count = 0;
    try {
      for await (const { line, cells } of readCsvRows(file)) {
        if (!header) {
          const names = cells.map((c) => c.trim().toLowerCase());
          const seen = new Set<string>();
          for (const [i, n] of names.entries()) {
            if (!(targetColumns as readonly string[]).includes(n))
              problems.add(
                1,
                n || `(column ${i + 1})`,
                `is not a column of the targets file (${targetColumns.join(', ')})`,
              );
            else if (seen.has(n)) problems.add(1, n, 'is in the header twice');
            seen.add(n);
          }
          for (const c of targetColumns) if (!names.includes(c)) problems.add(1, c, 'is missing from the header');
          if (!problems.empty) break;
          header = Object.fromEntries(targetColumns.map((c) => [c, names.indexOf(c)])) as Record<TargetColumn, number>;
          continue;
        }
        count++;
        const cell = (c: TargetColumn) => (cells[header![c]] ?? '').trim();
        const before = problems.items.length;
        const rawOrg = cell('org_code');
        const code = normalizeOrgCode(rawOrg);
        const orgId = code ? orgs.get(code) : undefined;
        if (orgId === undefined)
          problems.add(line, 'org_code', 'is not a school or district in the organization registry', rawOrg);
        const indicator = cell('indicator_code').toLowerCase();
        if (!measures.has(indicator))
          problems.add(
            line,
            'indicator_code',
            `is not a measure of the ${ma2018Framework.id} framework (${measureIds.join(', ')})`,
            cell('indicator_code'),
          );
        const group = cell('student_group').toLowerCase();
        if (!groups.has(group))
          problems.add(line, 'student_group', 'is not a student group of the catalog', cell('student_group'));
        const baselineYear = parseNumber(cell('baseline_year'));
        if (baselineYear === null || !Number.isInteger(baselineYear) || baselineYear < 1990 || baselineYear > 2200)
          problems.add(line, 'baseline_year', 'must be a school year such as 2022 (1990-2200)', cell('baseline_year'));
        const baseline = parseNumber(cell('baseline_value'));
        if (baseline === null) problems.add(line, 'baseline_value', 'must be a number', cell('baseline_value'));
        const increment = parseNumber(cell('annual_increment'));
        if (increment === null)
          problems.add(line, 'annual_increment', 'must be a number (0 or negative allowed)', cell('annual_increment'));
        if (problems.items.length === before) {
          const key = `${orgId}|${indicator}|${group}`;
          const earlier = rows.get(key);
          if (earlier)
            problems.add(
              line,
              'org_code',
              `repeats the target of ${code} ${indicator} ${group} (also on line ${earlier.line})`,
              rawOrg,
            );
          else
            rows.set(key, {
              orgId: orgId!,
              indicator,
              group,
              baselineYear: baselineYear!,
              baseline: baseline!,
              increment: increment!,
              line,
            });
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
      problems.add(1, '(header)', `the file is empty: expected a header row ${targetColumns.join(',')}`);
    if (!problems.empty) throw new ImportFailed(problems.items, problems.full);

    const existing = new Map(
      (
        await conn.query<{
          org_id: number;
          indicator_code: string;
          student_group: string;
          baseline_year: number;
          baseline_value: number;
          annual_increment: number;
        }>(
          'SELECT org_id, indicator_code, student_group, baseline_year, baseline_value, annual_increment FROM accountability_targets',
        )
      ).rows.map((r) => [`${Number(r.org_id)}|${r.indicator_code}|${r.student_group}`, r]),
    );
    const changes: TargetRow[] = [];
    let inserted = 0;
    for (const [key, r] of rows) {
      const old = existing.get(key);
      if (!old) inserted++;
      else if (
        Number(old.baseline_year) === r.baselineYear &&
        Number(old.baseline_value) === r.baseline &&
        Number(old.annual_increment) === r.increment
      )
        continue;
      changes.push(r);
    }
    const checksum = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    const sourceId = await recordDataSource(conn, 'accountability_targets', `${label}: ${count} targets`, checksum);
    for (let i = 0; i < changes.length; i += BATCH) {
      const batch = changes.slice(i, i + BATCH);
      await conn.query(
        `INSERT INTO accountability_targets
           (org_id, indicator_code, student_group, baseline_year, baseline_value, annual_increment, source_id)
         SELECT o, i, g, y, b, a, $7::integer
         FROM unnest($1::integer[], $2::text[], $3::text[], $4::integer[], $5::double precision[], $6::double precision[])
           AS t(o, i, g, y, b, a)
         ON CONFLICT (org_id, indicator_code, student_group) DO UPDATE SET
           baseline_year = excluded.baseline_year, baseline_value = excluded.baseline_value,
           annual_increment = excluded.annual_increment, source_id = excluded.source_id`,
        [
          batch.map((r) => r.orgId),
          batch.map((r) => r.indicator),
          batch.map((r) => r.group),
          batch.map((r) => r.baselineYear),
          batch.map((r) => r.baseline),
          batch.map((r) => r.increment),
          sourceId,
        ],
      );
    }
    return {
      file: label,
      rows: count,
      inserted,
      updated: changes.length - inserted,
      unchanged: count - changes.length,
    };
  });
}

/** A decimal number as the file writes it (`12`, `-0.5`, `.75`), or null. */
function parseNumber(text: string): number | null {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
