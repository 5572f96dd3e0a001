import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Raised when a workbook's bytes are not a ZIP archive ssos can read. */
export class WorkbookProblem extends Error {}

interface ZipEntry {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Reads the archive's central directory (at its end): where each entry is and how big it is. */
async function readCentralDirectory(fh: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(fileSize, 65_557);
  const tail = await readAt(fh, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new WorkbookProblem('is not an XLSX workbook (no ZIP directory found)');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (cdOffset === 0xffffffff || count === 0xffff)
    throw new WorkbookProblem('is a ZIP64 workbook, which ssos does not read');
  if (cdOffset + cdSize > fileSize) throw new WorkbookProblem('is not a complete XLSX workbook (truncated?)');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new WorkbookProblem('is not a readable XLSX workbook (damaged ZIP directory)');
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    entries.push({
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      time: cd.readUInt16LE(p + 12),
      date: cd.readUInt16LE(p + 14),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: Buffer.from(cd.subarray(p + 46, p + 46 + nameLength)),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Workbook parts in the order a streaming reader wants them: relationships, workbook and strings before sheets. */
function partOrder(name: string): number {
  if (name === '[Content_Types].xml' || name.startsWith('_rels/')) return 0;
  if (name === 'xl/_rels/workbook.xml.rels') return 1;
  if (name === 'xl/workbook.xml') return 2;
  if (name === 'xl/sharedStrings.xml') return 3;
  if (name === 'xl/styles.xml') return 4;
  if (name.startsWith('xl/worksheets/sheet')) return 6;
  return 5;
}

/**
 * The workbook re-framed as a plain ZIP stream for exceljs's streaming reader. Some writers (these DESE exports among
 * them) mark entries as followed by a data descriptor while also writing their sizes up front, which the stream
 * parser exceljs uses (unzipper 0.10) misreads ("invalid signature: 0x8074b50"). This writes each entry's local
 * header again with its sizes and without the descriptor flag, copies the compressed bytes untouched (streamed from
 * the file, never read whole), and puts the shared strings before the sheets so no sheet has to wait in a temp file.
 */
export async function workbookStream(file: string): Promise<Readable> {
  const fh = await open(file, 'r');
  let entries: ZipEntry[];
  try {
    const { size } = await fh.stat();
    entries = await readCentralDirectory(fh, size);
  } catch (err) {
    await fh.close();
    throw err;
  }
  entries.sort((a, b) => partOrder(a.name.toString('utf8')) - partOrder(b.name.toString('utf8')));
  async function* frames(): AsyncGenerator<Buffer> {
    try {
      let written = 0;
      for (const e of entries) {
        const local = await readAt(fh, e.localOffset, 30);
        if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
          throw new WorkbookProblem('is not a readable XLSX workbook (damaged entry)');
        const dataStart = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const header = Buffer.alloc(30);
        header.writeUInt32LE(LOCAL, 0);
        header.writeUInt16LE(20, 4);
        header.writeUInt16LE(e.flags & 0x0800, 6);
        header.writeUInt16LE(e.method, 8);
        header.writeUInt16LE(e.time, 10);
        header.writeUInt16LE(e.date, 12);
        header.writeUInt32LE(e.crc, 14);
        header.writeUInt32LE(e.compressedSize, 18);
        header.writeUInt32LE(e.size, 22);
        header.writeUInt16LE(e.name.length, 26);
        header.writeUInt16LE(0, 28);
        yield header;
        yield e.name;
        written += 30 + e.name.length;
        for (let off = 0; off < e.compressedSize; off += 65_536) {
          const chunk = await readAt(fh, dataStart + off, Math.min(65_536, e.compressedSize - off));
          if (chunk.length === 0) throw new WorkbookProblem('is not a complete XLSX workbook (truncated?)');
          yield chunk;
          written += chunk.length;
        }
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(EOCD, 0);
      end.writeUInt32LE(written, 16);
      yield end;
    } finally {
      await fh.close();
    }
  }
  return Readable.from(frames(), { objectMode: false });
}
