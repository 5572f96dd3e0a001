import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { evaluateTable, type TabularEvaluation, type TabularOptions, type TextTable } from '../../core/ewis/tabular.ts';

/** A problem with the table, located: `file:line: what is wrong`. */
export class TableProblem extends Error {}

/** The separator of a file: the one of comma, semicolon and tab that the first line holds most of. */
export async function guessSeparator(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const counts = [',', ';', '\t'].map((s) => [s, first.split(s).length - 1] as const);
    counts.sort((a, b) => b[1] - a[1]);
    return counts[0]![1] > 0 ? counts[0]![0] : ',';
  } finally {
    await handle.close();
  }
}

/** Reads a delimited text file into a header and rows of text (strict: every row as wide as the header). */
export async function readTextTable(file: string, separator?: string): Promise<TextTable> {
  let sep: string;
  try {
    sep = separator ?? (await guessSeparator(file));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new TableProblem(`${file}: no such file`);
    if (e.code === 'EISDIR') throw new TableProblem(`${file}: is a folder, not a CSV file`);
    throw new TableProblem(`${file}: cannot be read: ${e.message}`);
  }
  const parser = createReadStream(file).pipe(
    parse({ delimiter: sep === '\\t' ? '\t' : sep, bom: true, skip_empty_lines: true, relax_quotes: false }),
  );
  let header: string[] | null = null;
  const rows: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record.map((h) => h.trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (seen.has(h)) throw new TableProblem(`${file}:1: the column "${h}" appears twice in the header`);
          seen.add(h);
        }
        continue;
      }
      rows.push(record);
    }
  } catch (err) {
    if (err instanceof TableProblem) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new TableProblem(
        `${file}:${e.lines ?? '?'}: not valid CSV with separator "${sep === '\t' ? '\\t' : sep}": ${e.message}`,
      );
    throw new TableProblem(`${file}: cannot be read: ${e.message}`);
  }
  if (header === null) throw new TableProblem(`${file}: is empty`);
  if (rows.length === 0) throw new TableProblem(`${file}: has a header but no rows`);
  return { header, rows };
}

/** `ssos ewis evaluate`: reads the table and cross-validates the early-warning model on it. */
export async function evaluateCsv(
  file: string,
  options: TabularOptions & { separator?: string },
): Promise<TabularEvaluation> {
  const table = await readTextTable(file, options.separator);
  for (const name of options.exclude ?? [])
    if (!table.header.includes(name))
      throw new TableProblem(
        `${file}:1: --exclude names "${name}", which is not a column (${table.header.join(', ')})`,
      );
  try {
    return evaluateTable(table, options);
  } catch (err) {
    throw new TableProblem(`${file}: ${(err as Error).message}`);
  }
}
