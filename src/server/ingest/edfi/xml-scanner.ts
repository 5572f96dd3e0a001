import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Streams an XML file as its root element and, one at a time, the elements directly under the root (an Ed-Fi
 * interchange's records), each as its own small XML text with the line it starts on and the line of every element
 * inside it. The file is never held whole: only the record being read is buffered.
 *
 * The scanner checks what it must see to split the file safely and to point at the line of a problem: UTF-8 bytes,
 * matching start and end tags, comments, CDATA and processing instructions closed, entity references known to XML, no
 * DOCTYPE (Ed-Fi files have none, and entity definitions are a classic attack), nothing but whitespace outside the
 * records. Everything else about a record's XML is checked by the parser each record is given to.
 */

/** The root element of the file. */
export interface XmlRoot {
  name: string;
  /** The default namespace (`xmlns`), or null. */
  namespace: string | null;
  line: number;
}

/** One element directly under the root. */
export interface XmlRecord {
  name: string;
  line: number;
  text: string;
  /** The line of each element inside the record, by path (`AttendanceEvent[0]/EventDate[0]`). */
  lines: Map<string, number>;
}

/** The file is not well-formed XML (or not UTF-8) at this line: reading cannot go on. */
export class XmlSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** The largest record the scanner will buffer: a bigger one means a broken or hostile file. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const AMP = 0x26;
const SEMI = 0x3b;
const NL = 0x0a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

const S = {
  Text: 0,
  TagStart: 1,
  Markup: 2,
  Comment: 3,
  CData: 4,
  Pi: 5,
  StartName: 6,
  StartAttrs: 7,
  AttrValue: 8,
  EndName: 9,
  EndTail: 10,
  Entity: 11,
} as const;
type S = (typeof S)[keyof typeof S];

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

interface Frame {
  name: string;
  line: number;
  path: string;
  counts: Map<string, number>;
}

/** Scans bytes pushed in order; emits the root and the records it completes. */
export class XmlScanner {
  #line = 1;
  #state: S = S.Text;
  #returnState: S = S.Text;
  #utf8Need = 0;
  #utf8Lead = 0;
  #bytesSeen = 0;
  #stack: Frame[] = [];
  #root: XmlRoot | null = null;
  #rootClosed = false;
  #name: number[] = [];
  #tagLine = 1;
  #tag: number[] = []; // the root's start tag, for its attributes
  #quote = 0;
  #lastNonSpace = 0;
  #markup: number[] = [];
  #tail: number[] = []; // last bytes of a comment, CDATA or PI, to find its end
  #entity: number[] = [];
  #piTarget: number[] | null = null;
  #declaration: number[] | null = null;
  #sawDeclarationSlot = true; // the XML declaration may only come first
  #record: { chunks: Buffer[]; size: number; line: number; name: string; lines: Map<string, number> } | null = null;
  #recordStart = -1;
  #tentative = false;
  readonly #stopAfterRoot: boolean;
  done = false;

  constructor(options: { stopAfterRoot?: boolean } = {}) {
    this.#stopAfterRoot = options.stopAfterRoot ?? false;
  }

  get root(): XmlRoot | null {
    return this.#root;
  }

  get line(): number {
    return this.#line;
  }

  /** Feeds the next bytes; returns the records they complete (and the root, the first time it is seen). */
  push(chunk: Buffer): { root?: XmlRoot; records: XmlRecord[] } {
    const out: { root?: XmlRoot; records: XmlRecord[] } = { records: [] };
    let i = 0;
    if (this.#bytesSeen === 0) {
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)))
        throw new XmlSyntaxError(1, 'the file is UTF-16 text: ssos reads Ed-Fi XML saved as UTF-8');
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    this.#bytesSeen += chunk.length;
    if (this.#record) this.#recordStart = i;
    for (; i < chunk.length && !this.done; i++) {
      const b = chunk[i]!;
      this.#checkUtf8(b);
      if (b === NL) this.#line++;
      this.#step(b, i, chunk, out);
    }
    if (this.#record && this.#recordStart >= 0) {
      const part = chunk.subarray(this.#recordStart);
      this.#record.chunks.push(part);
      this.#record.size += part.length;
      if (this.#record.size > MAX_RECORD_BYTES)
        throw new XmlSyntaxError(
          this.#record.line,
          `the <${this.#record.name}> element is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB (is an end tag missing?)`,
        );
    }
    return out;
  }

  /** Checks that the file ended where it may. */
  end(): void {
    if (this.done) return;
    if (this.#utf8Need > 0)
      throw new XmlSyntaxError(this.#line, 'the file is not UTF-8 text: it ends inside a character');
    if (this.#state !== S.Text)
      throw new XmlSyntaxError(this.#line, 'the file ends inside a tag or comment (is it cut short?)');
    const open = this.#stack.at(-1);
    if (open)
      throw new XmlSyntaxError(
        this.#line,
        `the file ends before </${open.name}> (opened at line ${open.line}): is it cut short?`,
      );
    if (!this.#root) throw new XmlSyntaxError(this.#line, 'the file is empty: it has no XML element');
  }

  #checkUtf8(b: number): void {
    if (this.#utf8Need > 0) {
      if ((b & 0xc0) !== 0x80) this.#notUtf8(this.#utf8Lead);
      this.#utf8Need--;
    } else if (b >= 0x80) {
      this.#utf8Lead = b;
      if (b >= 0xc2 && b <= 0xdf) this.#utf8Need = 1;
      else if (b >= 0xe0 && b <= 0xef) this.#utf8Need = 2;
      else if (b >= 0xf0 && b <= 0xf4) this.#utf8Need = 3;
      else this.#notUtf8(b);
    } else if (b < 0x20 && !isSpace(b)) {
      throw new XmlSyntaxError(
        this.#line,
        `the file holds a control character (0x${b.toString(16).padStart(2, '0')}) that XML does not allow`,
      );
    }
  }

  #notUtf8(b: number): never {
    throw new XmlSyntaxError(
      this.#line,
      `the file is not UTF-8 text (byte 0x${b.toString(16)}): save it as UTF-8, as Ed-Fi requires`,
    );
  }

  #fail(message: string): never {
    throw new XmlSyntaxError(this.#line, message);
  }

  #step(b: number, i: number, chunk: Buffer, out: { root?: XmlRoot; records: XmlRecord[] }): void {
    switch (this.#state) {
      case S.Text:
        if (b === LT) {
          this.#tagLine = this.#line;
          // A record starts with the '<' of its start tag directly under the root; until the next byte shows a start
          // tag (not an end tag, comment or instruction), it is only tentative.
          if (this.#stack.length === 1 && !this.#record) {
            this.#record = { chunks: [], size: 0, line: this.#tagLine, name: '', lines: new Map() };
            this.#recordStart = i;
            this.#tentative = true;
          }
          this.#state = S.TagStart;
        } else if (b === AMP) {
          this.#returnState = S.Text;
          this.#entity = [];
          this.#state = S.Entity;
          this.#textOutside(b);
        } else if (!isSpace(b)) this.#textOutside(b);
        return;
      case S.TagStart:
        if (this.#tentative) {
          this.#tentative = false;
          if (b === SLASH || b === BANG || b === QMARK) {
            this.#record = null;
            this.#recordStart = -1;
          }
        }
        if (b === SLASH) {
          this.#name = [];
          this.#state = S.EndName;
        } else if (b === BANG) {
          this.#markup = [];
          this.#state = S.Markup;
        } else if (b === QMARK) {
          this.#piTarget = [];
          this.#tail = [];
          this.#state = S.Pi;
        } else if (isSpace(b) || b === GT || b === LT) {
          this.#fail(
            `a tag is malformed: "<" is followed by ${isSpace(b) ? 'a space' : `"${String.fromCharCode(b)}"`}`,
          );
        } else {
          this.#name = [b];
          this.#tag = this.#stack.length === 0 ? [b] : [];
          this.#lastNonSpace = b;
          this.#state = S.StartName;
        }
        if (b !== QMARK) this.#sawDeclarationSlot = false;
        return;
      case S.Markup: {
        this.#markup.push(b);
        const m = String.fromCharCode(...this.#markup);
        if (m === '--') {
          this.#tail = [];
          this.#state = S.Comment;
        } else if (m === '[CDATA[') {
          if (this.#stack.length < 2) this.#fail('CDATA is only allowed inside an element');
          this.#tail = [];
          this.#state = S.CData;
        } else if (m.toUpperCase().startsWith('DOCTYPE')) {
          this.#fail('the file has a DOCTYPE declaration, which ssos does not accept in Ed-Fi XML');
        } else if (!'--'.startsWith(m) && !'[CDATA['.startsWith(m) && !'DOCTYPE'.startsWith(m.toUpperCase())) {
          this.#fail(`"<!${m}" is not a comment, CDATA section or declaration XML knows`);
        }
        return;
      }
      case S.Comment:
        this.#pushTail(b, 3);
        if (this.#tail.length === 3 && this.#tail[0] === 0x2d && this.#tail[1] === 0x2d && this.#tail[2] === GT)
          this.#state = S.Text;
        return;
      case S.CData:
        this.#pushTail(b, 3);
        if (this.#tail.length === 3 && this.#tail[0] === 0x5d && this.#tail[1] === 0x5d && this.#tail[2] === GT)
          this.#state = S.Text;
        return;
      case S.Pi:
        if (this.#piTarget !== null) {
          if (isSpace(b) || b === QMARK) {
            const target = String.fromCharCode(...this.#piTarget);
            if (target.toLowerCase() === 'xml') {
              if (!this.#sawDeclarationSlot || this.#line > 1 || this.#stack.length > 0 || this.#root)
                this.#fail('the XML declaration (<?xml ...?>) may only come first in the file');
              this.#declaration = [];
            } else this.#declaration = null;
            this.#piTarget = null;
          } else {
            this.#piTarget.push(b);
            if (this.#piTarget.length > 64) this.#fail('a processing instruction (<?...?>) is malformed');
            return;
          }
        }
        if (this.#declaration && this.#declaration.length < 400) this.#declaration.push(b);
        this.#pushTail(b, 2);
        if (this.#tail.length === 2 && this.#tail[0] === QMARK && this.#tail[1] === GT) {
          if (this.#declaration) this.#checkDeclaration(String.fromCharCode(...this.#declaration));
          this.#declaration = null;
          this.#sawDeclarationSlot = false;
          this.#state = S.Text;
        }
        return;
      case S.StartName:
        if (this.#stack.length === 0) this.#tag.push(b);
        if (isSpace(b)) this.#state = S.StartAttrs;
        else if (b === GT || b === SLASH) {
          this.#state = S.StartAttrs;
          this.#step(b, i, chunk, out);
          return;
        } else this.#name.push(b);
        if (!isSpace(b)) this.#lastNonSpace = b;
        return;
      case S.StartAttrs:
        if (this.#stack.length === 0) this.#tag.push(b);
        if (b === DQUOTE || b === SQUOTE) {
          this.#quote = b;
          this.#state = S.AttrValue;
        } else if (b === LT) this.#fail(`the tag <${this.#nameText()}> is not closed with ">"`);
        else if (b === GT) {
          this.#openElement(this.#lastNonSpace === SLASH, i, chunk, out);
          if (this.#state === S.StartAttrs) this.#state = S.Text;
          return;
        }
        if (!isSpace(b)) this.#lastNonSpace = b;
        return;
      case S.AttrValue:
        if (this.#stack.length === 0) this.#tag.push(b);
        if (b === this.#quote) {
          this.#lastNonSpace = b;
          this.#state = S.StartAttrs;
        } else if (b === LT) this.#fail('an attribute value holds "<", which XML does not allow');
        else if (b === AMP) {
          this.#returnState = S.AttrValue;
          this.#entity = [];
          this.#state = S.Entity;
        }
        return;
      case S.EndName:
        if (b === GT) this.#closeElement(i, chunk, out);
        else if (isSpace(b)) this.#state = S.EndTail;
        else this.#name.push(b);
        return;
      case S.EndTail:
        if (b === GT) this.#closeElement(i, chunk, out);
        else if (!isSpace(b)) this.#fail(`the end tag </${this.#nameText()}> is malformed`);
        return;
      case S.Entity:
        if (this.#stack.length === 0 && this.#returnState === S.AttrValue) this.#tag.push(b);
        if (b === SEMI) {
          const name = String.fromCharCode(...this.#entity);
          if (!/^(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6})$/.test(name))
            this.#fail(
              `"&${name};" is not an entity XML knows (write & as &amp;; only &amp; &lt; &gt; &quot; &apos; and character references are allowed)`,
            );
          this.#state = this.#returnState;
        } else {
          this.#entity.push(b);
          if (this.#entity.length > 10 || isSpace(b) || b === LT || b === AMP)
            this.#fail('a "&" does not start an entity reference (write & as &amp;)');
        }
        return;
    }
  }

  #pushTail(b: number, n: number): void {
    this.#tail.push(b);
    if (this.#tail.length > n) this.#tail.shift();
  }

  #nameText(): string {
    return Buffer.from(this.#name).toString('utf8');
  }

  #textOutside(b: number): void {
    if (this.#stack.length >= 2) return;
    if (this.#stack.length === 0)
      this.#fail(
        this.#root
          ? 'there is text after the end of the root element'
          : `the file is not XML: it starts with "${String.fromCharCode(b)}" where "<" belongs (is it a CSV or another kind of file?)`,
      );
    this.#fail(`there is text directly inside <${this.#stack[0]!.name}>, outside any record`);
  }

  #checkDeclaration(text: string): void {
    const m = /encoding\s*=\s*["']([^"']*)["']/.exec(text);
    if (m && !/^utf-?8$/i.test(m[1]!.trim()))
      this.#fail(`the file declares encoding "${m[1]}": ssos reads Ed-Fi XML saved as UTF-8`);
  }

  #openElement(selfClosing: boolean, i: number, chunk: Buffer, out: { root?: XmlRoot; records: XmlRecord[] }): void {
    const qname = this.#nameText();
    const local = qname.slice(qname.indexOf(':') + 1);
    const depth = this.#stack.length;
    if (depth === 0) {
      if (this.#rootClosed) this.#fail(`a second root element <${qname}> follows the first`);
      const tag = Buffer.from(this.#tag).toString('utf8');
      const ns = /\sxmlns\s*=\s*(["'])(.*?)\1/.exec(` ${tag}`);
      this.#root = { name: local, namespace: ns ? ns[2]! : null, line: this.#tagLine };
      out.root = this.#root;
      if (this.#stopAfterRoot) {
        this.done = true;
        return;
      }
      if (selfClosing) {
        this.#rootClosed = true;
        return;
      }
      this.#stack.push({ name: qname, line: this.#tagLine, path: '', counts: new Map() });
      return;
    }
    if (depth === 1) {
      this.#record!.name = local;
      if (selfClosing) {
        this.#finishRecord(i, chunk, out);
        return;
      }
      this.#stack.push({ name: qname, line: this.#tagLine, path: '', counts: new Map() });
      return;
    }
    const parent = this.#stack.at(-1)!;
    const n = parent.counts.get(local) ?? 0;
    parent.counts.set(local, n + 1);
    const path = `${parent.path}${parent.path ? '/' : ''}${local}[${n}]`;
    this.#record!.lines.set(path, this.#tagLine);
    if (!selfClosing) this.#stack.push({ name: qname, line: this.#tagLine, path, counts: new Map() });
  }

  #closeElement(i: number, chunk: Buffer, out: { root?: XmlRoot; records: XmlRecord[] }): void {
    const qname = this.#nameText();
    const open = this.#stack.pop();
    if (!open) this.#fail(`the end tag </${qname}> closes nothing`);
    if (open.name !== qname)
      this.#fail(`the end tag </${qname}> does not match <${open.name}> opened at line ${open.line}`);
    this.#state = S.Text;
    if (this.#stack.length === 1) this.#finishRecord(i, chunk, out);
    else if (this.#stack.length === 0) this.#rootClosed = true;
  }

  #finishRecord(i: number, chunk: Buffer, out: { root?: XmlRoot; records: XmlRecord[] }): void {
    const r = this.#record!;
    r.chunks.push(chunk.subarray(this.#recordStart, i + 1));
    const bytes = r.chunks.length === 1 ? r.chunks[0]! : Buffer.concat(r.chunks);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new XmlSyntaxError(r.line, 'the file is not UTF-8 text: save it as UTF-8, as Ed-Fi requires');
    }
    out.records.push({ name: r.name, line: r.line, text, lines: r.lines });
    this.#record = null;
    this.#recordStart = -1;
    this.#state = S.Text;
  }
}

/** What reading a file yields: its root, then its records, and progress in bytes. */
export type XmlEvent =
  { kind: 'root'; root: XmlRoot } | { kind: 'record'; record: XmlRecord } | { kind: 'progress'; bytes: number };

/**
 * Reads an XML file as a stream of events. Throws XmlSyntaxError (with the line) when the file is not well-formed;
 * `checksum` holds the SHA-256 of the bytes read once the stream is done.
 */
export async function* readXmlRecords(path: string, sink: { checksum?: string } = {}): AsyncGenerator<XmlEvent> {
  const scanner = new XmlScanner();
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    const { root, records } = scanner.push(buf);
    if (root) yield { kind: 'root', root };
    for (const record of records) yield { kind: 'record', record };
    yield { kind: 'progress', bytes };
  }
  scanner.end();
  sink.checksum = hash.digest('hex');
}

/** Reads only as far as the root element: what kind of file this is. Null when the file has no root element. */
export async function sniffXmlRoot(path: string): Promise<XmlRoot | null> {
  const scanner = new XmlScanner({ stopAfterRoot: true });
  const stream = createReadStream(path, { highWaterMark: 16 * 1024 });
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as Buffer);
      if (scanner.done) break;
    }
  } finally {
    stream.destroy();
  }
  if (!scanner.done) scanner.end();
  return scanner.root;
}
