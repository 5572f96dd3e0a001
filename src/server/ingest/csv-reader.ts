import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { CsvError } from 'csv-parse';

/** A row of a CSV file with the line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Raised when the file's bytes are not UTF-8 text; names the line where the first bad byte is. */
export class EncodingProblem extends Error {
  readonly line: number;
  constructor(line: number) {
    super('the file is not UTF-8 text (save it as CSV UTF-8)');
    this.line = line;
  }
}

function countNewlines(chunk: Buffer): number {
  // The bad byte is somewhere in this chunk: point at the first line holding a byte that is not ASCII.
  let lines = 0;
  for (const byte of chunk) {
    if (byte >= 0x80) return lines;
    if (byte === 10) lines++;
  }
  return lines;
}

/** A CSV syntax error at a line, as csv-parse reports it (callers handle both alike). */
function syntaxError(code: string, message: string, line: number): CsvError {
  return new CsvError(
    code as ConstructorParameters<typeof CsvError>[0],
    message,
    {} as ConstructorParameters<typeof CsvError>[2],
    {
      lines: line,
    },
  );
}

/**
 * Splits decoded text into rows (RFC 4180: comma-separated, fields optionally in double quotes with `""` for a quote,
 * quoted fields may hold commas and line breaks; CRLF or LF; blank lines skipped; rows may differ in length). Most
 * lines hold no quote and are split directly; a line with a quote goes through the field-by-field parser. Strict like
 * csv-parse without relaxations: a quote inside an unquoted field, text after a closing quote and a quote left open
 * at the end are errors naming the line.
 */
export class CsvSplitter {
  #carry = '';
  #line = 1;
  #started = false;

  /** The line the text handed over so far ends on (1 + its line breaks). */
  get lineAtEnd(): number {
    let line = this.#line;
    const s = this.#carry;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) line++;
    return line;
  }

  /** The rows complete in `text` (with what was left over from before); the rest waits for the next chunk. */
  push(text: string, rows: CsvRow[]): void {
    let s = this.#carry + text;
    if (!this.#started) {
      this.#started = s.length > 0;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let at = 0;
    const n = s.length;
    // The next quote in the text (n when none): found once, not once per line.
    let quote = -1;
    while (at < n) {
      const nl = s.indexOf('\n', at);
      if (nl < 0) break;
      let end = nl;
      if (end > at && s.charCodeAt(end - 1) === 13) end--;
      if (quote < at) {
        quote = s.indexOf('"', at);
        if (quote < 0) quote = n;
      }
      if (quote >= nl) {
        if (end > at) rows.push({ line: this.#line, cells: s.slice(at, end).split(',') });
        this.#line++;
        at = nl + 1;
        continue;
      }
      const parsed = this.#quoted(s, at, false);
      if (parsed === null) break; // a quoted field runs past this chunk
      rows.push({ line: this.#line, cells: parsed.cells });
      this.#line += parsed.lines;
      at = parsed.next;
    }
    this.#carry = s.slice(at);
  }

  /** The last row (a file need not end with a line break); an open quote is an error. */
  end(rows: CsvRow[]): void {
    const s = this.#carry;
    this.#carry = '';
    if (s === '' || s === '\r') return;
    if (!s.includes('"')) {
      rows.push({ line: this.#line, cells: (s.endsWith('\r') ? s.slice(0, -1) : s).split(',') });
      return;
    }
    const parsed = this.#quoted(s, 0, true);
    if (parsed) rows.push({ line: this.#line, cells: parsed.cells });
  }

  /**
   * Parses one row starting at `from`, field by field. Null when the row does not end within the text and more may
   * come; at the end of the file an open quote is an error.
   */
  #quoted(s: string, from: number, final: boolean): { cells: string[]; next: number; lines: number } | null {
    const cells: string[] = [];
    let lines = 1;
    let i = from;
    const n = s.length;
    for (;;) {
      // One field, starting at i.
      if (i < n && s.charCodeAt(i) === 34) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0) {
            if (!final) return null;
            throw syntaxError(
              'CSV_QUOTE_NOT_CLOSED',
              `Quote Not Closed: the parsing is finished with an opening quote at line ${this.#line}`,
              this.#line,
            );
          }
          value += s.slice(j, q);
          for (let k = j; k < q; k++) if (s.charCodeAt(k) === 10) lines++;
          if (q + 1 < n && s.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return null; // the character after the quote is not here yet
          i = q + 1;
          break;
        }
        cells.push(value);
        const c = i < n ? s.charCodeAt(i) : -1;
        if (c === 44) {
          i++;
          continue;
        }
        if (c === 10 || c === -1) return { cells, next: i + 1, lines };
        if (c === 13 && (i + 1 >= n || s.charCodeAt(i + 1) === 10)) {
          if (i + 1 >= n && !final) return null;
          return { cells, next: i + 2, lines };
        }
        const line = this.#line + lines - 1;
        throw syntaxError(
          'CSV_INVALID_CLOSING_QUOTE',
          `Invalid Closing Quote: got "${String.fromCharCode(c)}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`,
          line,
        );
      }
      let j = i;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 44 || c === 10) break;
        if (c === 34) {
          const line = this.#line + lines - 1;
          throw syntaxError(
            'INVALID_OPENING_QUOTE',
            `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${line}, value is ${JSON.stringify(s.slice(i, j))}`,
            line,
          );
        }
        j++;
      }
      if (j >= n && !final) return null;
      let value = s.slice(i, j);
      if (j >= n || s.charCodeAt(j) === 10) {
        if (value.endsWith('\r')) value = value.slice(0, -1);
        cells.push(value);
        return { cells, next: j + 1, lines };
      }
      cells.push(value);
      i = j + 1;
    }
  }
}

/**
 * Streams the rows of a CSV file (UTF-8, optional BOM, quoted fields, CRLF or LF), each with its starting line, a
 * chunk of the file (about 1 MB) at a time: one await per chunk rather than per row, for bulk readers. Never reads the
 * whole file into memory. Bytes that are not UTF-8 raise an EncodingProblem naming the line of the first one.
 */
export async function* readCsvChunks(path: string): AsyncGenerator<CsvRow[]> {
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const splitter = new CsvSplitter();
  // The bytes of a character cut off at the end of a read, put before the next one.
  let cut: Buffer | null = null;
  try {
    for await (const read of source as AsyncIterable<Buffer>) {
      let chunk: Buffer = cut ? Buffer.concat([cut, read]) : read;
      const whole = completeLength(chunk);
      cut = whole < chunk.length ? chunk.subarray(whole) : null;
      chunk = chunk.subarray(0, whole);
      // Checked, then decoded without a checking decoder: the strict TextDecoder gives two-byte strings even for
      // ASCII text, which makes every cell cut from them twice the size and slower to handle.
      if (!isUtf8(chunk)) throw new EncodingProblem(splitter.lineAtEnd + countNewlines(chunk));
      if (chunk.length === 0) continue;
      const rows: CsvRow[] = [];
      splitter.push(chunk.toString('utf8'), rows);
      if (rows.length > 0) yield rows;
    }
    if (cut) throw new EncodingProblem(splitter.lineAtEnd);
    const rows: CsvRow[] = [];
    splitter.end(rows);
    if (rows.length > 0) yield rows;
  } finally {
    source.destroy();
  }
}

/** The length of the bytes up to the last character that ends within them (UTF-8). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  let i = n - 1;
  // Back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (i >= 0 && n - i <= 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0 || bytes[i]! < 0xc0) return n;
  const length = bytes[i]! >= 0xf0 ? 4 : bytes[i]! >= 0xe0 ? 3 : 2;
  return n - i < length ? i : n;
}

/**
 * Streams the rows of a CSV file (UTF-8, optional BOM, quoted fields, CRLF or LF), each with its starting line.
 * Never reads the whole file into memory.
 */
export async function* readCsvRows(path: string): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvChunks(path)) yield* rows;
}
