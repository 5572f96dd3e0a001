import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvError } from 'csv-parse';
import { parse as parseCsvText } from 'csv-parse/sync';
import { AppError } from '../../../core/errors.ts';
import { fitHeader, type HeaderFit } from '../../../core/dese/header.ts';
import type { DeseProfile } from '../../../core/dese/profile.ts';
import { deseProfiles } from '../../../core/dese/profiles/index.ts';
import { interpretRow, prepareFile, type PreparedFile, type ValueFact } from '../../../core/dese/rows.ts';
import type { Db, RawConnection } from '../../db/client.ts';
import {
  csvCell,
  inImportTransaction,
  mayDeferReferenceChecks,
  recordDataSource,
  isUniqueViolation,
  restoreChecks,
  setAsideChecks,
  TableLoad,
} from '../bulk-load.ts';
import { EncodingProblem } from '../csv-reader.ts';
import { ImportFailed, ProblemList } from '../problems.ts';
import { writeCatalogFor } from './catalog-writer.ts';
import { OrgRegistry } from './org-registry.ts';
import { isWorkbook, readSheetRows, type SheetRow } from './sheet-rows.ts';
import { WorkbookProblem } from './xlsx-zip.ts';

/** How many rows at the top of a file may be titles before the header. */
const HEADER_SCAN_ROWS = 10;

/** What importing one file did (or why it was skipped, or what was wrong with it). */
export interface DeseFileResult {
  /** The file, relative to the folder imported (or its name). */
  file: string;
  status: 'imported' | 'skipped' | 'failed';
  /** The layout it was read with. */
  profile: string | null;
  title: string | null;
  /** Why a file was skipped. */
  reason?: string;
  /** Why a file was refused: nothing was written. */
  error?: ImportFailed;
  /** Data rows read. */
  rows: number;
  /** Indicator values in the file, and how many were new, changed and already as in the file. */
  values: { total: number; inserted: number; updated: number; unchanged: number };
  /** Organizations the file added to the registry. */
  orgsNew: number;
  /** Rows that repeat an earlier row exactly (dropped). */
  duplicateRows: number;
  /** Rows set aside by a rule of the layout, with the reason. */
  skippedRows: { reason: string; count: number }[];
}

export interface DeseImportOptions {
  /** Called as rows are read. */
  onProgress?: (rowsRead: number) => void;
  /** Called before each file of a folder (1-based index). */
  onFile?: (file: string, index: number, total: number) => void;
  /** The name files are reported under (defaults to the file's base name). */
  label?: string;
}

/** The staging table's columns, in COPY order: values are staged with organization codes, resolved at the merge. */
const stageColumns = [
  'indicator_code',
  'org_code',
  'school_year',
  'student_group',
  'value',
  'n',
  'suppressed',
] as const;

/** What the staged values refer to, noted as they are staged (so the merge need not scan the staging table for it). */
class StagedKeys {
  readonly indicators = new Set<string>();
  readonly orgs = new Set<string>();
  readonly groups = new Set<string>();
  rows = 0;
  note(indicator: string, org: string, group: string): void {
    this.rows++;
    this.indicators.add(indicator);
    this.orgs.add(org);
    this.groups.add(group);
  }
}

/**
 * Merges the staged values into `indicator_values`, resolving organization codes (the registry has settled them by
 * then). A value whose value, n and suppression are as stored is left alone, even when another file supplied it: two
 * reports publishing one figure would otherwise hand the value's source back and forth on every re-import.
 *
 * The per-row foreign-key triggers are most of the cost of a merge (PGlite: 200,000 rows in 2.1 s instead of 5-6 s;
 * a server: 1.65 million in 16 s instead of 35 s). Where the session may switch them off (PGlite; a server's
 * superuser or a role granted SET on `session_replication_role`), every reference of the staged values is checked
 * and locked FOR KEY SHARE once (as the triggers would lock them): the codes were noted as the values were staged,
 * so this is one index lookup per distinct code, not a scan of the staged values. The triggers are then off for
 * this one statement. Elsewhere a large merge (at least `BULK_MERGE_ROWS` values and a quarter of the table) sets
 * the table's foreign keys and secondary index aside and restores them before the commit, which checks each
 * reference once over the whole table (but locks the referenced tables exclusively meanwhile); smaller merges keep
 * the triggers.
 *
 * When no stored value has an indicator of the staged ones (a first load of the figures), the values go in with a
 * plain INSERT: an upsert's speculative insertion costs about 1.6 times as much per row. If they are also many next
 * to the table (as for a non-superuser, above), its primary key and index are built once afterwards. A value another
 * session stored meanwhile makes that INSERT fail; it is then merged as usual. Otherwise many values are merged in
 * the primary key's order.
 */
async function mergeStagedValues(
  conn: RawConnection,
  sourceId: number,
  keys: StagedKeys,
): Promise<{ inserted: number; updated: number }> {
  if (keys.rows === 0) return { inserted: 0, updated: 0 };
  const checkOnce = await mayDeferReferenceChecks(conn);
  if (checkOnce) {
    // Each referenced row is locked FOR KEY SHARE until the commit, as the triggers would (see verifyReferences).
    const held = await conn.query<{ indicators: number; groups: number; orgs: number }>(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM indicators r WHERE r.code = ANY($1::text[]) FOR KEY SHARE OF r) x)::int
                AS indicators,
              (SELECT count(*) FROM (SELECT 1 FROM student_groups r WHERE r.code = ANY($2::text[]) FOR KEY SHARE OF r) x)::int
                AS groups,
              (SELECT count(*) FROM (SELECT 1 FROM organizations r WHERE r.code = ANY($3::text[]) FOR KEY SHARE OF r) x)::int
                AS orgs`,
      [[...keys.indicators], [...keys.groups], [...keys.orgs]],
    );
    const h = held.rows[0]!;
    if (
      Number(h.indicators) !== keys.indicators.size ||
      Number(h.groups) !== keys.groups.size ||
      Number(h.orgs) !== keys.orgs.size
    ) {
      const missing = await conn.query<{ what: string; code: string }>(
        `SELECT 'indicator' AS what, s.code FROM unnest($1::text[]) s(code)
           WHERE NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = s.code)
         UNION ALL
         SELECT 'student group', s.code FROM unnest($2::text[]) s(code)
           WHERE NOT EXISTS (SELECT 1 FROM student_groups g WHERE g.code = s.code)
         UNION ALL
         SELECT 'organization', s.code FROM unnest($3::text[]) s(code)
           WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.code = s.code)
         LIMIT 5`,
        [[...keys.indicators], [...keys.groups], [...keys.orgs]],
      );
      throw new Error(
        `DESE import: staged values refer to unknown ${missing.rows.map((r) => `${r.what} ${r.code}`).join(', ')}`,
      );
    }
    await conn.query('SET LOCAL session_replication_role = replica');
  }
  const setAside =
    !checkOnce && (await isBulkMerge(conn, keys.rows)) ? await setAsideChecks(conn, 'indicator_values') : [];
  // Many values go in in the primary key's order: in file order, each lands on a page of the key far from the last
  // one, and once the key outgrows the server's buffers most of them wait for a page to be read (scale 1: 8 million
  // values in 1 minute sorted, nearly 2 minutes and up in file order).
  const order = setAside.length === 0 && keys.rows >= SORTED_MERGE_ROWS ? 'ORDER BY 1, 2, 3, 4' : '';
  const select = `SELECT s.indicator_code, o.id, s.school_year, s.student_group, s.value, s.n, s.suppressed, $1::int
       FROM dese_stage_values s JOIN organizations o ON o.code = s.org_code ${order}`;
  const columns = '(indicator_code, org_id, school_year, student_group, value, n, suppressed, source_id)';
  let counts: { inserted: number; updated: number } | null = null;
  if (!(await storesAnyOf(conn, keys))) {
    await conn.query('SAVEPOINT dese_insert');
    try {
      // Many new values next to the table (a first load of a state's figures): its keys are built once, after the
      // rows are in, instead of sorting the values (see setAsideChecks; the table is locked until the commit).
      const rebuilt =
        checkOnce && (await isBulkMerge(conn, keys.rows))
          ? await setAsideChecks(conn, 'indicator_values', { foreignKeys: false, primaryKey: true })
          : [];
      const r = await conn.query(
        `INSERT INTO indicator_values ${columns} ${rebuilt.length > 0 ? select.replace(order, '') : select}`,
        [sourceId],
      );
      await restoreChecks(conn, rebuilt);
      if (rebuilt.length > 0) await conn.query('ANALYZE indicator_values');
      await conn.query('RELEASE SAVEPOINT dese_insert');
      counts = { inserted: r.rowCount, updated: 0 };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await conn.query('ROLLBACK TO SAVEPOINT dese_insert');
      await conn.query('RELEASE SAVEPOINT dese_insert');
    }
  }
  if (counts === null) {
    const r = await conn.query<{ inserted: number; updated: number }>(
      `WITH merged AS (
         INSERT INTO indicator_values ${columns}
         ${select}
         ON CONFLICT (indicator_code, org_id, school_year, student_group) DO UPDATE
           SET value = EXCLUDED.value, n = EXCLUDED.n, suppressed = EXCLUDED.suppressed, source_id = EXCLUDED.source_id
           WHERE (indicator_values.value, indicator_values.n, indicator_values.suppressed)
             IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.n, EXCLUDED.suppressed)
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
       FROM merged`,
      [sourceId],
    );
    counts = { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) };
  }
  if (checkOnce) await conn.query('SET LOCAL session_replication_role = origin');
  if (setAside.length > 0) {
    await restoreChecks(conn, setAside);
    // The planner's picture of the table (and the next merge's size test) follow the load.
    await conn.query('ANALYZE indicator_values');
  }
  return counts;
}

/** Whether a stored value has an indicator among the staged ones (then the values are merged). */
async function storesAnyOf(conn: RawConnection, keys: StagedKeys): Promise<boolean> {
  // One probe of the primary key (which leads with the indicator) per indicator. The table's statistics may be those
  // of a much smaller table (it has just grown): sequential scans are ruled out for this one query, or the planner
  // may scan the whole table once per indicator.
  await conn.query('SET LOCAL enable_seqscan = off');
  const r = await conn.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM unnest($1::text[]) p(code)
                     WHERE EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_code = p.code)) AS found`,
    [[...keys.indicators]],
  );
  await conn.query('RESET enable_seqscan');
  return r.rows[0]?.found === true;
}

/** Staged values from which they are merged in the primary key's order. */
const SORTED_MERGE_ROWS = 100_000;

/** Staged values from which a server merge sets the table's checks aside (see mergeStagedValues). */
const BULK_MERGE_ROWS = 200_000;

/** Whether the staged values are many, and many next to the table (its planner estimate: no count of the table). */
async function isBulkMerge(conn: RawConnection, staged: number): Promise<boolean> {
  if (staged < BULK_MERGE_ROWS) return false;
  const r = await conn.query<{ stored: number }>(
    `SELECT greatest(reltuples, 0)::float8 AS stored FROM pg_class WHERE oid = 'indicator_values'::regclass`,
  );
  return staged * 4 >= Number(r.rows[0]?.stored ?? 0);
}

async function fileChecksum(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A read error of the file, as a located problem; other errors are rethrown. */
function readProblem(err: unknown, problems: ProblemList): void {
  if (err instanceof EncodingProblem) problems.add(err.line, '(file)', err.message);
  else if (err instanceof CsvError) {
    const e = err as { lines?: number; message: string };
    problems.add(Math.max(1, e.lines ?? 1), '(line)', `is not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`);
  } else if (err instanceof WorkbookProblem) problems.add(1, '(file)', err.message);
  else throw err;
}

/** The header fit, as located problems. */
function headerProblems(
  fit: Exclude<HeaderFit, { kind: 'fit' }>,
  line: number,
  cells: readonly string[],
  problems: ProblemList,
): void {
  const quote = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
  switch (fit.kind) {
    case 'none': {
      const closest =
        fit.closest && fit.closest.share >= 0.25
          ? ` (closest: ${fit.closest.profile.title}, ${Math.round(fit.closest.share * 100)}% of its columns)`
          : '';
      problems.add(
        1,
        '(header)',
        `not a DESE file ssos knows: no row among the first ${HEADER_SCAN_ROWS} is the header of a known layout${closest}`,
      );
      break;
    }
    case 'near': {
      problems.add(line, '(header)', `looks like ${fit.profile.title} but is not that layout`);
      for (const spec of fit.binding.missing) problems.add(line, spec.headers[0]!, 'is missing from the header');
      for (const i of fit.binding.unknown)
        problems.add(
          line,
          cells[i]!.trim(),
          'is not a column of this layout (unknown columns are not dropped silently)',
        );
      break;
    }
    case 'ambiguous':
      problems.add(line, '(header)', `is the header of several layouts: ${quote(fit.profiles.map((p) => p.title))}`);
      break;
    case 'wrong_name':
      problems.add(
        line,
        '(file name)',
        `the header is that of ${quote(fit.profiles.map((p) => p.title))}, which the file name must tell apart (${fit.profiles
          .map((p) => p.fileName?.source ?? '')
          .join(' / ')})`,
      );
      break;
  }
}

/** Finds the header among the first rows: the first that is the header of a known layout. */
async function findHeader(
  rows: AsyncIterator<SheetRow>,
  fileName: string,
): Promise<
  | {
      kind: 'found';
      profile: DeseProfile;
      fit: Extract<HeaderFit, { kind: 'fit' }>;
      line: number;
      cells: string[];
      title: string;
    }
  | { kind: 'problem'; fit: Exclude<HeaderFit, { kind: 'fit' }>; line: number; cells: string[] }
  | { kind: 'empty' }
> {
  const titles: string[] = [];
  let best: { fit: Exclude<HeaderFit, { kind: 'fit' }>; line: number; cells: string[] } | null = null;
  for (let seen = 0; seen < HEADER_SCAN_ROWS;) {
    const next = await rows.next();
    if (next.done) break;
    const { line, cells } = next.value;
    if (cells.every((c) => c.trim() === '')) continue;
    seen++;
    const fit = fitHeader(deseProfiles, cells, fileName);
    if (fit.kind === 'fit') return { kind: 'found', profile: fit.profile, fit, line, cells, title: titles.join(' ') };
    if (!best || rank(fit) > rank(best.fit)) best = { fit, line, cells };
    titles.push(
      cells
        .filter((c) => c.trim() !== '')
        .join(' ')
        .trim(),
    );
  }
  return best ? { kind: 'problem', ...best } : { kind: 'empty' };
}

function rank(fit: HeaderFit): number {
  return fit.kind === 'none' ? (fit.closest?.share ?? 0) : 2;
}

function emptyResult(file: string, profile: DeseProfile | null): DeseFileResult {
  return {
    file,
    status: 'imported',
    profile: profile?.id ?? null,
    title: profile?.title ?? null,
    rows: 0,
    values: { total: 0, inserted: 0, updated: 0, unchanged: 0 },
    orgsNew: 0,
    duplicateRows: 0,
    skippedRows: [],
  };
}

/**
 * Imports one DESE file (CSV or XLSX): finds its header and layout, then reads every row into the organization
 * registry and the indicator values, all in one transaction: the file is imported whole or not at all, and importing
 * it again changes nothing. The first 50 problems are reported as `file:line: column: problem (value "x")`, in an
 * `ImportFailed`; a layout ssos knows but does not import comes back as `skipped` with the reason.
 */
export async function importDeseFile(db: Db, file: string, options: DeseImportOptions = {}): Promise<DeseFileResult> {
  const label = options.label ?? path.basename(file);
  const baseName = path.basename(file);
  const problems = new ProblemList(label);
  const rows = readSheetRows(file);
  const iterator = rows[Symbol.asyncIterator]();
  try {
    let header: Awaited<ReturnType<typeof findHeader>>;
    try {
      header = await findHeader(iterator, baseName);
    } catch (err) {
      readProblem(err, problems);
      throw new ImportFailed(problems.items, false);
    }
    if (header.kind === 'empty') {
      problems.add(1, '(header)', 'the file is empty: not a DESE file ssos knows');
      throw new ImportFailed(problems.items, false);
    }
    if (header.kind === 'problem') {
      headerProblems(header.fit, header.line, header.cells, problems);
      throw new ImportFailed(problems.items, problems.full);
    }
    const { profile, fit } = header;
    if (profile.skip) return { ...emptyResult(label, profile), status: 'skipped', reason: profile.skip };
    for (const i of fit.binding.unknown)
      problems.add(
        header.line,
        header.cells[i]!.trim(),
        'is not a column of this layout (unknown columns are not dropped silently)',
      );
    const prepared = prepareFile(profile, fit.binding, header.cells, {
      fileName: baseName,
      title: header.title,
      padRows: isWorkbook(file),
    });
    if (!prepared.ok) for (const p of prepared.problems) problems.add(header.line, p.column, p.problem, p.value);
    if (!problems.empty || !prepared.ok) throw new ImportFailed(problems.items, problems.full);

    const checksum = await fileChecksum(file);
    return await inImportTransaction(db, (conn) =>
      loadRows(conn, prepared.file, iterator, problems, {
        label,
        checksum,
        onProgress: options.onProgress,
      }),
    );
  } finally {
    await iterator.return?.(undefined);
  }
}

/** Reads the data rows into the registry and the values table, inside the file's transaction. */
async function loadRows(
  conn: RawConnection,
  file: PreparedFile,
  rows: AsyncIterator<SheetRow>,
  problems: ProblemList,
  opts: {
    label: string;
    checksum: string;
    onProgress?: ((rows: number) => void) | undefined;
  },
): Promise<DeseFileResult> {
  const { profile } = file;
  const result = emptyResult(opts.label, profile);
  await writeCatalogFor(conn, profile);
  const registry = await OrgRegistry.load(conn);
  const sourceId = await recordDataSource(conn, `dese:${profile.id}`, `${opts.label}: ${profile.title}`, opts.checksum);
  await conn.query(
    `CREATE TEMP TABLE dese_stage_values (indicator_code text, org_code text, school_year integer, student_group text,
       value double precision, n integer, suppressed boolean) ON COMMIT DROP`,
  );
  // The COPY stays open while rows are read (on a server it is one stream): no other statement runs until it ends.
  const stage = new TableLoad(conn, 'dese_stage_values', stageColumns, [], 'direct');
  await stage.begin();

  const seenRows = new Map<string, { line: number; signature: string[] }>();
  const seenDistrictValues = new Map<string, { line: number; text: string }>();
  const skipped = new Map<string, number>();
  const staged = new StagedKeys();
  const stageValue = (v: ValueFact) => {
    staged.note(v.indicator, v.org, v.group);
    // The COPY line written directly (cells as csvCell writes them; a state's MCAS file stages millions).
    return stage.addLine(
      `${csvCell(v.indicator)},${csvCell(v.org)},${csvCell(v.year)},${csvCell(v.group)},${csvCell(v.value)},${csvCell(v.n)},${v.suppressed ? 't' : 'f'}`,
    );
  };

  try {
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      const { line, cells } = next.value;
      const row = interpretRow(file, cells);
      if (row.kind === 'blank') continue;
      result.rows++;
      if (result.rows % 5000 === 0) opts.onProgress?.(result.rows);
      if (row.kind === 'skipped') {
        skipped.set(row.reason, (skipped.get(row.reason) ?? 0) + 1);
        continue;
      }
      if (row.kind === 'problems') {
        for (const p of row.problems) problems.add(line, p.column, p.problem, p.value);
        if (problems.full) break;
        continue;
      }
      if (profile.onlyKnownOrgs && !registry.has(row.org.code)) {
        skipped.set(profile.onlyKnownOrgs, (skipped.get(profile.onlyKnownOrgs) ?? 0) + 1);
        continue;
      }
      const earlier = seenRows.get(row.key);
      if (earlier) {
        const differs = row.signature.findIndex((s, i) => s !== earlier.signature[i]);
        if (differs < 0) {
          result.duplicateRows++;
          continue;
        }
        const [column, here] = row.signature[differs]!.split('\u0000') as [string, string];
        const there = earlier.signature[differs]?.split('\u0000')[1] ?? '';
        problems.add(
          line,
          column,
          `differs from line ${earlier.line}, which has "${there}" for the same row (${row.keyText}): conflicting duplicate rows`,
          here,
        );
        if (problems.full) break;
        continue;
      }
      seenRows.set(row.key, { line, signature: row.signature });
      registry.note(row.org);
      if (row.district) registry.note(row.district);
      for (const v of row.districtValues) {
        const key = `${v.indicator}|${v.org}|${v.year}|${v.group}`;
        const text = `${v.value ?? ''}|${v.suppressed}|${v.n ?? ''}`;
        const before = seenDistrictValues.get(key);
        if (before && before.text !== text)
          problems.add(
            line,
            v.column,
            `differs from the district's figure at line ${before.line}`,
            String(v.value ?? ''),
          );
        else if (!before) {
          seenDistrictValues.set(key, { line, text });
          if (problems.empty) await stageValue(v);
        }
      }
      if (problems.full) break;
      if (problems.empty) for (const v of row.values) await stageValue(v);
    }
  } catch (err) {
    await stage.abort();
    readProblem(err, problems);
  }
  if (!problems.empty) {
    await stage.abort();
    throw new ImportFailed(problems.items, problems.full);
  }
  await stage.finish();
  await registry.finish();
  const counts = await mergeStagedValues(conn, sourceId, staged);
  // Grades follow enrollment by grade, which this file may just have written (or a directory's grade list).
  if (file.settlesGrades) await registry.settleGrades();
  opts.onProgress?.(result.rows);
  result.values = {
    total: stage.rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: stage.rows - counts.inserted - counts.updated,
  };
  result.orgsNew = registry.inserted;
  result.skippedRows = [...skipped].map(([reason, count]) => ({ reason, count }));
  return result;
}

/** Whether a path names a file the DESE importer reads. */
function isSheetFile(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

/**
 * The layout a file most likely has, from its first rows, without reading it whole (to order a folder's files:
 * directories first). Null when it cannot tell.
 */
async function sniffProfile(file: string): Promise<DeseProfile | null> {
  const name = path.basename(file);
  try {
    let firstRows: string[][] = [];
    if (isWorkbook(file)) {
      for await (const row of readSheetRows(file)) {
        firstRows.push(row.cells);
        if (firstRows.length >= HEADER_SCAN_ROWS) break;
      }
    } else {
      const fh = await open(file, 'r');
      try {
        const buf = Buffer.alloc(65_536);
        const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
        let text = buf.subarray(0, bytesRead).toString('utf8');
        if (bytesRead === buf.length) text = text.slice(0, text.lastIndexOf('\n') + 1);
        firstRows = parseCsvText(text, {
          bom: true,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          to: HEADER_SCAN_ROWS,
        }) as string[][];
      } finally {
        await fh.close();
      }
    }
    for (const cells of firstRows) {
      const fit = fitHeader(deseProfiles, cells, name);
      if (fit.kind === 'fit') return fit.profile;
    }
  } catch {
    // The import itself reports what is wrong with the file.
  }
  return null;
}

/** What a folder import will do: the files to import, in order, and what it leaves out (with the reason). */
export interface DeseFolderPlan {
  root: string;
  /** Files to import, directories first (they name organizations), town data last; the layout each appears to be. */
  files: { file: string; rel: string; profile: string | null }[];
  skipped: DeseFileResult[];
}

/**
 * Lists what importing a folder reads. Given a `dese-*` folder, every CSV and XLSX file in it (and its subfolders);
 * given another folder (such as `../shared/data`), its `dese-*` subfolders and the files directly in it. Other
 * folders and files are listed as skipped, with the reason.
 */
export async function planDeseFolder(dir: string): Promise<DeseFolderPlan> {
  const root = path.resolve(dir);
  const skipped: DeseFileResult[] = [];
  const files: string[] = [];
  const skip = (rel: string, reason: string) => skipped.push({ ...emptyResult(rel, null), status: 'skipped', reason });
  async function walk(folder: string, all: boolean): Promise<void> {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(folder, e.name);
      const rel = path.relative(root, full) || e.name;
      if (e.isDirectory()) {
        if (all || e.name.startsWith('dese-')) await walk(full, true);
        else skip(`${rel}/`, 'not a DESE folder (only folders named dese-* are read)');
      } else if (e.isFile()) {
        if (isSheetFile(e.name)) files.push(full);
        else skip(rel, 'not a CSV or XLSX file');
      }
    }
  }
  if (!(await stat(root)).isDirectory()) throw new AppError('validation_failed', `${dir} is not a folder`);
  await walk(root, path.basename(root).startsWith('dese-'));
  const ordered: { file: string; rel: string; profile: DeseProfile | null }[] = [];
  for (const file of files) ordered.push({ file, rel: path.relative(root, file), profile: await sniffProfile(file) });
  ordered.sort((a, b) => (a.profile?.priority ?? 5) - (b.profile?.priority ?? 5) || a.rel.localeCompare(b.rel));
  return { root, files: ordered.map((o) => ({ file: o.file, rel: o.rel, profile: o.profile?.id ?? null })), skipped };
}

/**
 * Imports the DESE files of a folder (see `planDeseFolder` for which). Each file is its own transaction; a file with
 * problems comes back `failed` (nothing of it written) and the others still import. Directories (which name
 * organizations) are read first, town data last.
 */
export async function importDeseFolder(
  db: Db,
  dir: string,
  options: DeseImportOptions = {},
): Promise<DeseFileResult[]> {
  const plan = await planDeseFolder(dir);
  const results: DeseFileResult[] = [...plan.skipped];
  let index = 0;
  for (const { file, rel } of plan.files) {
    options.onFile?.(rel, ++index, plan.files.length);
    try {
      results.push(await importDeseFile(db, file, { ...options, label: rel }));
    } catch (err) {
      if (!(err instanceof ImportFailed)) throw err;
      results.push({ ...emptyResult(rel, null), status: 'failed', error: err });
    }
  }
  return results;
}

/**
 * The summary a person reads: one line per file (rows, values new/changed/unchanged, organizations new, duplicates
 * dropped, rows set aside), skipped files and folders with the reason, and a total. When files were refused, the
 * lines come back in an `import_failed` error naming every problem, after the files that did import.
 */
export function formatDeseSummary(results: readonly DeseFileResult[]): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const plural = (x: number, word: string) => `${n(x)} ${word}${x === 1 ? '' : 's'}`;
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === 'skipped') lines.push(`${r.file}: skipped: ${r.reason}`);
    else if (r.status === 'imported') {
      const extras = [
        r.orgsNew > 0 ? `${plural(r.orgsNew, 'organization')} new` : '',
        r.duplicateRows > 0 ? `${plural(r.duplicateRows, 'repeated row')} dropped` : '',
        ...r.skippedRows.map((s) => `${plural(s.count, 'row')} set aside: ${s.reason}`),
      ].filter(Boolean);
      lines.push(
        `${r.file} (${r.title}): ${n(r.rows)} rows, ${n(r.values.total)} values (${n(r.values.inserted)} new, ${n(r.values.updated)} changed, ${n(r.values.unchanged)} unchanged)${extras.length ? `; ${extras.join('; ')}` : ''}`,
      );
    }
  }
  const imported = results.filter((r) => r.status === 'imported');
  const failed = results.filter((r) => r.status === 'failed');
  const total = imported.reduce(
    (t, r) => ({
      values: t.values + r.values.total,
      inserted: t.inserted + r.values.inserted,
      changed: t.changed + r.values.updated,
    }),
    { values: 0, inserted: 0, changed: 0 },
  );
  lines.push(
    `${imported.length} files imported (${n(total.values)} values: ${n(total.inserted)} new, ${n(total.changed)} changed), ${results.filter((r) => r.status === 'skipped').length} skipped, ${failed.length} refused`,
  );
  if (failed.length > 0) {
    const detail = failed.flatMap((r) => (r.error ? r.error.message.split('\n') : [`${r.file}: refused`]));
    throw new AppError(
      'import_failed',
      [
        `${failed.length} of ${results.length} files were not imported (nothing of them was written); the others were:`,
        ...lines.map((l) => `  ${l}`),
        ...detail,
      ].join('\n'),
    );
  }
  return lines;
}
