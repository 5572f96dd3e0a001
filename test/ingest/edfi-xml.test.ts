import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord, reportUnknownElements } from '../../src/server/ingest/edfi/xml-record.ts';
import { XmlScanner, XmlSyntaxError, type XmlRecord } from '../../src/server/ingest/edfi/xml-scanner.ts';
import { ProblemList } from '../../src/server/ingest/problems.ts';
import { projectRoot } from '../support/template.ts';

/** Scans bytes cut into the given chunk sizes; returns the root, the records, or the syntax error. */
function scan(bytes: Buffer, sizes: readonly number[] = [bytes.length]) {
  const scanner = new XmlScanner();
  const records: XmlRecord[] = [];
  let root: unknown = null;
  try {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = Math.max(1, sizes[i % sizes.length]!);
      const out = scanner.push(bytes.subarray(at, at + size));
      if (out.root) root = out.root;
      records.push(...out.records);
      at += size;
    }
    scanner.end();
  } catch (err) {
    if (err instanceof XmlSyntaxError) return { error: `${err.line}: ${err.message}` };
    throw err;
  }
  return { root, records: records.map((r) => ({ ...r, lines: Object.fromEntries(r.lines) })) };
}

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<InterchangeStudent xmlns="http://ed-fi.org/5.2.0" xmlns:ann="http://ed-fi.org/annotation">
\t<!-- a comment with <Student> in it -->
\t<Student id="S1">
\t\t<StudentUniqueId>S-1</StudentUniqueId>
\t\t<Name><FirstName>Zoë &amp; Åsa</FirstName><LastSurname><![CDATA[<x>]]></LastSurname></Name>
\t\t<BirthData>
\t\t\t<BirthDate>2010-01-02</BirthDate>
\t\t</BirthData>
\t</Student>
\t<Person/>
\t<Student><StudentUniqueId>S-2</StudentUniqueId><BirthData><BirthDate>2011-02-03</BirthDate></BirthData></Student>
</InterchangeStudent>
`;

describe('the Ed-Fi XML scanner', () => {
  it('yields the root and each record with the line of every element in it', () => {
    const result = scan(Buffer.from(sample));
    expect(result.root).toEqual({ name: 'InterchangeStudent', namespace: 'http://ed-fi.org/5.2.0', line: 2 });
    expect(result.records!.map((r) => [r.name, r.line])).toEqual([
      ['Student', 4],
      ['Person', 11],
      ['Student', 12],
    ]);
    expect(result.records![0]!.lines).toEqual({
      'StudentUniqueId[0]': 5,
      'Name[0]': 6,
      'Name[0]/FirstName[0]': 6,
      'Name[0]/LastSurname[0]': 6,
      'BirthData[0]': 7,
      'BirthData[0]/BirthDate[0]': 8,
    });
  });

  it('gives the same records however the bytes are cut into chunks', () => {
    const whole = scan(Buffer.from(sample));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(scan(Buffer.from(sample), sizes)).toEqual(whole);
      }),
    );
  });

  it('reads each record with the parser, and points at the line of a value', () => {
    const record = scan(Buffer.from(sample)).records![0]!;
    const parsed = parseRecord({ ...record, lines: new Map(Object.entries(record.lines)) });
    expect('node' in parsed).toBe(true);
    if (!('node' in parsed)) return;
    const node = parsed.node;
    expect(node.attr('id')).toBe('S1');
    expect(node.child('Name')!.child('FirstName')!.text()).toBe('Zoë & Åsa');
    expect(node.child('Name')!.child('LastSurname')!.text()).toBe('<x>');
    const birth = node.child('BirthData')!.child('BirthDate')!;
    expect([birth.text(), birth.line, birth.display]).toEqual(['2010-01-02', 8, 'Student/BirthData/BirthDate']);
    const problems = new ProblemList('Student.xml');
    reportUnknownElements(node, { StudentUniqueId: true, BirthData: { BirthDate: true } }, problems);
    expect(problems.items.map((p) => `${p.line}: ${p.column}`)).toEqual(['6: Student/Name']);
  });

  it('splits the 1.7 MB attendance interchange of the sample into its 1917 school events', () => {
    const bytes = readFileSync(path.resolve(projectRoot, '../shared/data/edfi-grand-bend/StudentSchoolAttendance.xml'));
    const result = scan(bytes, [65_536]);
    expect(result.records!.length).toBe(1917);
    expect(result.records!.every((r) => r.name === 'StudentSchoolAttendanceEvent')).toBe(true);
  });

  it('locates what is not well-formed, and refuses what XML or Ed-Fi does not allow', () => {
    const err = (text: string | Buffer) => scan(Buffer.isBuffer(text) ? text : Buffer.from(text)).error;
    expect(err('<A>\n<B>\n</C>\n</A>')).toBe('3: the end tag </C> does not match <B> opened at line 2');
    expect(err('<A>\n<B>x</B>\n')).toBe('3: the file ends before </A> (opened at line 1): is it cut short?');
    expect(err('<A>\n<B>x &nbsp; y</B></A>')).toBe(
      '2: "&nbsp;" is not an entity XML knows (write & as &amp;; only &amp; &lt; &gt; &quot; &apos; and character references are allowed)',
    );
    expect(err('<A>\nloose text<B/></A>')).toBe('2: there is text directly inside <A>, outside any record');
    expect(err('<A/>\n<B/>')).toBe('2: a second root element <B> follows the first');
    expect(err('<?xml version="1.0" encoding="ISO-8859-1"?>\n<A/>')).toBe(
      '1: the file declares encoding "ISO-8859-1": ssos reads Ed-Fi XML saved as UTF-8',
    );
    expect(err(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe(
      '1: the file is UTF-16 text: ssos reads Ed-Fi XML saved as UTF-8',
    );
    expect(err('<A>\n<B>\u0001</B></A>')).toBe('2: the file holds a control character (0x01) that XML does not allow');
    expect(err('')).toBe('1: the file is empty: it has no XML element');
    expect(err('<A>\n<B a="<"/></A>')).toBe('2: an attribute value holds "<", which XML does not allow');
  });

  it('reports XML the parser finds malformed inside a record at its line in the file', () => {
    const record = scan(Buffer.from('<A>\n<B>\n<C x=1/>\n</B>\n</A>')).records![0]!;
    const parsed = parseRecord({ ...record, lines: new Map(Object.entries(record.lines)) });
    expect(parsed).toEqual({ line: 3, problem: "is not well-formed XML: Attribute 'x' is without value." });
  });
});
