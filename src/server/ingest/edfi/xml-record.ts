import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Parsed } from '../../../core/students/csv-format.ts';
import type { ProblemList } from '../problems.ts';
import type { XmlRecord } from './xml-scanner.ts';

/**
 * One record of an interchange, parsed by fast-xml-parser, with the line of every element in it, and the helpers
 * readers use to take values out of it while reporting each problem as `file:line: path: problem (value)`.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Numeric character references (&#233;); named entities other than XML's five never get here (the scanner refuses).
  htmlEntities: true,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

/** An element of a record: its parsed value, where it is, and its path for messages. */
export class XmlNode {
  readonly record: XmlRecord;
  readonly value: unknown;
  /** Path with positions, as the scanner records lines (`AttendanceEvent[0]/EventDate[0]`); '' for the record. */
  readonly path: string;
  /** Path as people read it (`StudentSchoolAttendanceEvent/AttendanceEvent/EventDate`). */
  readonly display: string;

  constructor(record: XmlRecord, value: unknown, path: string, display: string) {
    this.record = record;
    this.value = value;
    this.path = path;
    this.display = display;
  }

  get name(): string {
    return this.display.slice(this.display.lastIndexOf('/') + 1);
  }

  get line(): number {
    return this.path === '' ? this.record.line : (this.record.lines.get(this.path) ?? this.record.line);
  }

  #object(): Record<string, unknown> | null {
    return this.value !== null && typeof this.value === 'object' ? (this.value as Record<string, unknown>) : null;
  }

  /** The names of the child elements, in the order first seen. */
  childNames(): string[] {
    const o = this.#object();
    return o ? Object.keys(o).filter((k) => !k.startsWith('@_') && k !== '#text') : [];
  }

  children(name: string): XmlNode[] {
    const v = this.#object()?.[name];
    if (!Array.isArray(v)) return [];
    return v.map(
      (x, i) =>
        new XmlNode(this.record, x, `${this.path}${this.path ? '/' : ''}${name}[${i}]`, `${this.display}/${name}`),
    );
  }

  child(name: string): XmlNode | undefined {
    return this.children(name)[0];
  }

  /** The element's text; null when it holds elements instead. */
  text(): string | null {
    if (typeof this.value === 'string') return this.value;
    const o = this.#object();
    if (!o) return '';
    if (this.childNames().length > 0) return null;
    return typeof o['#text'] === 'string' ? o['#text'] : String(o['#text'] ?? '');
  }

  attr(name: string): string | undefined {
    const v = this.#object()?.[`@_${name}`];
    return typeof v === 'string' ? v : undefined;
  }
}

/** Parses a record; a problem (with its line) when its XML is not well-formed. */
export function parseRecord(record: XmlRecord): { node: XmlNode } | { line: number; problem: string } {
  const valid = XMLValidator.validate(record.text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return { line: record.line + valid.err.line - 1, problem: `is not well-formed XML: ${valid.err.msg}` };
  }
  const parsed = parser.parse(record.text) as Record<string, unknown[]>;
  const value = parsed[record.name]?.[0] ?? '';
  return { node: new XmlNode(record, value, '', record.name) };
}

/** The child elements a reader knows, at each level it looks into; `true` is known and not looked into. */
export interface KnownElements {
  [name: string]: KnownElements | true;
}

/**
 * Reports child elements that are not in `known` (unknown elements are not dropped silently: a misspelt
 * EventDuration must not turn into a default), looking into the levels `known` describes.
 */
export function reportUnknownElements(node: XmlNode, known: KnownElements, problems: ProblemList): void {
  for (const name of node.childNames()) {
    const spec = known[name];
    for (const child of node.children(name)) {
      if (spec === undefined) {
        problems.add(
          child.line,
          child.display,
          `is not an element ssos knows in <${node.name}> (unknown elements are not dropped silently)`,
        );
        break;
      }
      if (spec !== true) reportUnknownElements(child, spec, problems);
    }
  }
}

/** Reads values out of a record, reporting what is missing or wrong. `undefined` means a problem was reported. */
export class ValueReader {
  readonly problems: ProblemList;
  constructor(problems: ProblemList) {
    this.problems = problems;
  }

  /** The element at `path` under `node`: the first of each name. Reports it missing unless optional. */
  find(node: XmlNode, path: readonly string[], optional = false): XmlNode | null | undefined {
    let at: XmlNode = node;
    for (const name of path) {
      const next = at.child(name);
      if (!next) {
        if (optional) return null;
        this.problems.add(at.line, `${node.display}/${path.join('/')}`, 'is required');
        return undefined;
      }
      at = next;
    }
    return at;
  }

  /** The text at `path`, parsed; null when optional and absent (or empty). */
  value<T>(
    node: XmlNode,
    path: readonly string[],
    parse: (text: string) => Parsed<T>,
    optional = false,
  ): T | null | undefined {
    const at = this.find(node, path, optional);
    if (at === null || at === undefined) return at;
    return this.parseText(at, parse, optional);
  }

  /** The text of `at`, parsed. */
  parseText<T>(at: XmlNode, parse: (text: string) => Parsed<T>, optional = false): T | null | undefined {
    const text = at.text();
    if (text === null) {
      this.problems.add(at.line, at.display, 'must hold text, not elements');
      return undefined;
    }
    if (text.trim() === '') {
      if (optional) return null;
      this.problems.add(at.line, at.display, 'is required (it is empty)');
      return undefined;
    }
    const parsed = parse(text);
    if (!parsed.ok) {
      this.problems.add(at.line, at.display, parsed.problem, text);
      return undefined;
    }
    return parsed.value;
  }

  /** Every element at `path` (the last name may repeat), each parsed; undefined when any is wrong. */
  values<T>(node: XmlNode, path: readonly string[], parse: (text: string) => Parsed<T>): T[] | undefined {
    const parent = path.length > 1 ? this.find(node, path.slice(0, -1), true) : node;
    if (!parent) return [];
    const out: T[] = [];
    let failed = false;
    for (const c of parent.children(path.at(-1)!)) {
      const v = this.parseText(c, parse);
      if (v === undefined) failed = true;
      else out.push(v as T);
    }
    return failed ? undefined : out;
  }
}

/** Text as it is: any non-empty text up to `max` characters. */
export function plainText(max: number): (text: string) => Parsed<string> {
  return (text) => {
    const t = text.trim();
    return t.length > max ? { ok: false, problem: `is longer than ${max} characters` } : { ok: true, value: t };
  };
}
