/** A cell of an exported table: text, a number, or empty. */
export type ExportCell = string | number | null;

/** A CSV cell: empty for null, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: ExportCell): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV: the header, then one line per row, CRLF line ends (as spreadsheets write them). */
export function tableCsv(header: readonly string[], rows: Iterable<readonly ExportCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A table as an XLSX workbook of one sheet: a bold, frozen header row, then the rows. */
export async function tableXlsx(
  sheetName: string,
  header: readonly string[],
  rows: Iterable<readonly ExportCell[]>,
  title?: string,
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  if (title) workbook.title = title;
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
