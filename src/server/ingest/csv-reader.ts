import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';

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

/** Decodes UTF-8 strictly, stream-wise, counting lines so that a bad byte can be located. */
class StrictUtf8 extends Transform {
  #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  #line = 1;
  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.#decoder.decode(chunk, { stream: true });
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#line++;
      done(null, text);
    } catch {
      done(new EncodingProblem(this.#line + countNewlines(chunk)));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.#decoder.decode());
    } catch {
      done(new EncodingProblem(this.#line));
    }
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

/**
 * Streams the rows of a CSV file (UTF-8, optional BOM, quoted fields, CRLF or LF), each with its starting line.
 * Never reads the whole file into memory.
 */
export async function* readCsvRows(path: string): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const source = createReadStream(path);
  const decoder = new StrictUtf8();
  source.on('error', (err) => parser.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  source.pipe(decoder).pipe(parser);
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: record.info.lines, cells: record.record };
  }
}
