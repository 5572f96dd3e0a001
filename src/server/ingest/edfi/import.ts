import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import { inImportTransaction, recordDataSource } from '../bulk-load.ts';
import { ImportFailed, ProblemList, type ImportProblem } from '../problems.ts';
import {
  interchangeOfElement,
  isSupportedNamespace,
  readInterchanges,
  unreadInterchanges,
  type ReadInterchange,
} from './catalog.ts';
import { EdfiContext, type TableCounts } from './context.ts';
import { deriveEdfiStudentYears } from './derive.ts';
import { parseRecord, reportUnknownElements } from './xml-record.ts';
import { readXmlRecords, sniffXmlRoot, XmlSyntaxError, type XmlRoot } from './xml-scanner.ts';

/**
 * Imports Ed-Fi interchange XML files (docs/edfi-import.md): each file all or nothing, idempotent on natural keys,
 * streamed record by record. The first 50 problems are reported as `file:line: path: problem (value)`, and then
 * nothing of that file is written.
 */

/** What importing one file did. */
export interface EdfiFileResult {
  file: string;
  interchange: string;
  status: 'imported' | 'skipped';
  /** Why a file was skipped. */
  reason?: string;
  /** Elements read, by name. */
  read: Record<string, number>;
  /** Elements skipped on purpose, by name. */
  skipped: Record<string, number>;
  tables: TableCounts[];
}

export interface EdfiProgress {
  file: string;
  bytes: number;
  totalBytes: number;
  records: number;
}

export interface EdfiImportOptions {
  /** Rows per COPY batch. */
  batchSize?: number;
  onProgress?: (progress: EdfiProgress) => void;
  /** Called when a file starts (folder imports). */
  onFile?: (file: string, interchange: string) => void;
}

type Classified =
  | { kind: 'read'; spec: ReadInterchange; root: XmlRoot }
  | { kind: 'unread'; root: XmlRoot; reason: string }
  | { kind: 'bad'; problem: ImportProblem };

/** What kind of file this is, from its root element alone. */
async function classify(file: string): Promise<Classified> {
  const label = path.basename(file);
  const bad = (line: number, column: string, problem: string, value?: string): Classified => ({
    kind: 'bad',
    problem: { file: label, line, column, problem, value },
  });
  let root: XmlRoot | null;
  try {
    root = await sniffXmlRoot(file);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return bad(err.line, '(xml)', err.message);
    throw err;
  }
  if (!root) return bad(1, '(file)', 'the file is empty: it has no XML element');
  const edfiNamespace = root.namespace !== null && /^http:\/\/ed-fi\.org\//.test(root.namespace);
  const known = root.name in readInterchanges || root.name in unreadInterchanges;
  if (!known) {
    return bad(
      root.line,
      `<${root.name}>`,
      root.name.startsWith('Interchange') && edfiNamespace
        ? 'is an Ed-Fi interchange ssos does not know'
        : `this is not an Ed-Fi interchange: its root element is <${root.name}>${root.namespace ? ` in namespace ${root.namespace}` : ''}`,
    );
  }
  if (!isSupportedNamespace(root.namespace)) {
    return bad(
      root.line,
      `<${root.name}>`,
      root.namespace
        ? `is in namespace ${root.namespace}: ssos reads Ed-Fi Data Standard 5 interchanges (http://ed-fi.org/5.x.y)`
        : 'has no xmlns: an Ed-Fi interchange is in the namespace http://ed-fi.org/5.x.y',
      root.namespace ?? undefined,
    );
  }
  const spec = readInterchanges[root.name];
  if (spec) return { kind: 'read', spec, root };
  return { kind: 'unread', root, reason: unreadInterchanges[root.name]! };
}

/**
 * Imports one interchange file. A file of an interchange ssos does not read is refused with the reason (a folder
 * import skips it instead).
 */
export async function importEdfiFile(db: Db, file: string, options: EdfiImportOptions = {}): Promise<EdfiFileResult> {
  const c = await classify(file);
  if (c.kind === 'bad') throw new ImportFailed([c.problem], false);
  if (c.kind === 'unread')
    throw new ImportFailed(
      [
        {
          file: path.basename(file),
          line: c.root.line,
          column: `<${c.root.name}>`,
          problem: `is an Ed-Fi interchange ssos does not read: ${c.reason}`,
        },
      ],
      false,
    );
  return importClassified(db, file, c.spec, options);
}

async function importClassified(
  db: Db,
  file: string,
  spec: ReadInterchange,
  options: EdfiImportOptions,
): Promise<EdfiFileResult> {
  const label = path.basename(file);
  const problems = new ProblemList(label);
  const totalBytes = (await stat(file)).size;
  const read: Record<string, number> = {};
  const skipped: Record<string, number> = {};

  return inImportTransaction(db, async (conn) => {
    const ctx = new EdfiContext(conn, problems, options.batchSize ?? 20_000);
    const imp = await spec.open(ctx);
    const sink: { checksum?: string } = {};
    let records = 0;
    try {
      for await (const event of readXmlRecords(file, sink)) {
        if (event.kind === 'progress') {
          options.onProgress?.({ file: label, bytes: event.bytes, totalBytes, records });
          continue;
        }
        if (event.kind === 'root') continue;
        const record = event.record;
        records++;
        const reader = imp.readers[record.name];
        if (reader) {
          read[record.name] = (read[record.name] ?? 0) + 1;
          const parsed = parseRecord(record);
          if ('problem' in parsed) problems.add(parsed.line, record.name, parsed.problem);
          else {
            reportUnknownElements(parsed.node, reader.known, problems);
            await reader.read(parsed.node);
          }
        } else if (record.name in spec.ignored) {
          skipped[record.name] = (skipped[record.name] ?? 0) + 1;
        } else {
          const home = interchangeOfElement.get(record.name);
          problems.add(
            record.line,
            record.name,
            home
              ? `belongs in ${home}, not in ${spec.root}`
              : `is not an element of ${spec.root} ssos knows (unknown elements are not dropped silently)`,
          );
        }
        if (problems.full) break;
      }
    } catch (err) {
      if (!(err instanceof XmlSyntaxError)) throw err;
      problems.add(err.line, '(xml)', err.message);
    }
    if (!problems.empty) throw new ImportFailed(problems.items, problems.full);

    const { tables, districtIds } = await imp.finish();
    if (!problems.empty) throw new ImportFailed(problems.items, problems.full);
    if (spec.derivesStudentYears) {
      const years = await deriveEdfiStudentYears(ctx, districtIds);
      if (years) tables.push(years);
    }
    options.onProgress?.({ file: label, bytes: totalBytes, totalBytes, records });
    const counts = Object.entries(read)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    await recordDataSource(conn, `edfi:${spec.root}`, `${label}: ${counts || 'no records read'}`, sink.checksum!);
    return { file: label, interchange: spec.root, status: 'imported', read, skipped, tables };
  });
}

/**
 * Imports every `.xml` file of a folder: first checks that each is an Ed-Fi interchange (nothing is written when one
 * is not), then imports them in dependency order (organizations, students, assessment definitions, then events),
 * each file all or nothing. Interchanges ssos does not read are skipped and listed with the reason.
 */
export async function importEdfiFolder(
  db: Db,
  dir: string,
  options: EdfiImportOptions = {},
): Promise<EdfiFileResult[]> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.xml')).sort();
  if (files.length === 0)
    throw new ImportFailed(
      [{ file: dir, line: 0, column: '(folder)', problem: 'holds no .xml files (Ed-Fi interchanges)' }],
      false,
    );
  const classified = await Promise.all(
    files.map(async (f) => ({ file: path.join(dir, f), c: await classify(path.join(dir, f)) })),
  );
  const bad = classified.flatMap(({ c }) => (c.kind === 'bad' ? [c.problem] : []));
  if (bad.length > 0) throw new ImportFailed(bad, false);

  const toRead = classified
    .flatMap(({ file, c }) => (c.kind === 'read' ? [{ file, spec: c.spec }] : []))
    .sort((a, b) => a.spec.order - b.spec.order || a.file.localeCompare(b.file));
  const results: EdfiFileResult[] = [];
  for (const { file, spec } of toRead) {
    options.onFile?.(file, spec.root);
    results.push(await importClassified(db, file, spec, options));
  }
  for (const { file, c } of classified) {
    if (c.kind === 'unread')
      results.push({
        file: path.basename(file),
        interchange: c.root.name,
        status: 'skipped',
        reason: c.reason,
        read: {},
        skipped: {},
        tables: [],
      });
  }
  return results;
}

/** The summary a person reads after an import, one line per file and per table it changed (indented). */
export function formatEdfiSummary(results: readonly EdfiFileResult[]): string[] {
  const lines: string[] = [];
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
  for (const r of results) {
    if (r.status === 'skipped') {
      lines.push(`${r.file} (${r.interchange}): skipped, ${r.reason}`);
      continue;
    }
    lines.push(`${r.file} (${r.interchange}): read ${list(r.read) || 'nothing'}`);
    if (Object.keys(r.skipped).length > 0) lines.push(`  skipped on purpose: ${list(r.skipped)}`);
    for (const t of r.tables)
      lines.push(`  ${t.table}: ${t.rows} rows (${t.inserted} new, ${t.updated} changed, ${t.unchanged} unchanged)`);
  }
  return lines;
}
