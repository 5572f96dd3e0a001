import ExcelJS from 'exceljs';
import { formatSheetNumber } from '../../../core/dese/cells.ts';
import { readCsvRows } from '../csv-reader.ts';
import { workbookStream, WorkbookProblem } from './xlsx-zip.ts';

/** One row of a CSV file or of a workbook's first sheet: its line (spreadsheet row number) and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** Whether the file is read as a workbook. */
export function isWorkbook(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/**
 * Streams the rows of a CSV file or of the first sheet of an XLSX workbook, as text. Workbook numbers are written as
 * Excel shows them (15 significant digits, no binary noise); formulas give their cached result; errors their code
 * ("#N/A"). Neither kind of file is read whole.
 */
export async function* readSheetRows(file: string): AsyncGenerator<SheetRow> {
  if (!isWorkbook(file)) {
    yield* readCsvRows(file);
    return;
  }
  const input = await workbookStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  try {
    for await (const sheet of reader) {
      // Only the first sheet is read; later sheets are drained so the archive stream ends cleanly.
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (!first) continue;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof WorkbookProblem) throw err;
    throw new WorkbookProblem(`is not a readable XLSX workbook: ${(err as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** A workbook cell's value as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatSheetNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('error' in o) return String(o.error);
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('formula' in o || 'sharedFormula' in o) return '';
  }
  return String(v);
}
