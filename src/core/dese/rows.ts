import { gradeCodes, parseGradeCode, type GradeCode } from '../orgs/organization.ts';
import { mcasIndicatorCode, mcasSubjectGrades } from '../indicators/catalog.ts';
import { parseSchoolYear } from '../school-year.ts';
import { districtCodeOfLea, levelOfDeseCode, parseDeseCode, parseValueCell, type CellValue } from './cells.ts';
import { groupOfLabel, groupOfTitle } from './groups.ts';
import type { HeaderBinding } from './header.ts';
import { splitCombinedName, typeFromName, type NameOffer, type TypeHint } from './org-names.ts';
import { variantProfile, type ColumnSpec, type DeseProfile, type ProfileVariant, type ValueRole } from './profile.ts';

/** What a row says about an organization. */
export interface OrgFacts {
  code: string;
  level: 'state' | 'district' | 'school';
  name: NameOffer | null;
  typeHints: TypeHint[];
  /** Grades a directory lists for it (enrollment by grade, when present, decides instead). */
  grades: GradeCode[] | null;
  town: string | null;
}

/** One indicator value read from a cell. */
export interface ValueFact {
  indicator: string;
  org: string;
  year: number;
  group: string;
  value: number | null;
  suppressed: boolean;
  n: number | null;
  /** The column it came from, for messages. */
  column: string;
}

/** A problem with one cell or row. */
export interface RowProblem {
  column: string;
  problem: string;
  value?: string;
}

/** What one data row holds. */
export type RowResult =
  | { kind: 'blank' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'problems'; problems: RowProblem[] }
  | {
      kind: 'row';
      /** Organization, year, group (and MCAS subject and grade): a second row with the same key is a duplicate. */
      key: string;
      /** Describes the key in messages. */
      keyText: string;
      /** The value cells (`column\u0000text`), to tell identical duplicates from conflicting ones. */
      signature: string[];
      org: OrgFacts;
      /** The district of a school row, with what the row says about it. */
      district: OrgFacts | null;
      /** Values of the row's organization. */
      values: ValueFact[];
      /** Values that belong to the row's district (district figures repeated on school rows). */
      districtValues: ValueFact[];
    };

/** A file's layout, bound to its header and to what its title and name say. */
export interface PreparedFile {
  profile: DeseProfile;
  fileName: string;
  /** The header as written, for naming columns in messages. */
  headerCells: readonly string[];
  /** The column of each cell for rows that follow the header. */
  headerLayout: readonly CellSlot[];
  /** Layouts for rows of other years. */
  yearLayouts: readonly { from: number; to: number; slots: readonly CellSlot[] }[];
  /** Where the year is, when a column holds it. */
  yearIndex: number;
  fixedYear: number | null;
  fixedGroup: string | null;
  /** MCAS files without a grade column: the grade the file name gives. */
  fileGrade: string | null;
  /** Spreadsheet rows have no length of their own: missing cells are empty. */
  padRows: boolean;
  /** Whether the file says anything about grades served (enrollment by grade, a grade list), so grades are settled. */
  settlesGrades: boolean;
}

/** One cell position of a layout. */
export type CellSlot =
  { kind: 'column'; spec: ColumnSpec; name: string } | { kind: 'must_be_empty'; name: string; why: string };

/** Problems with the file as a whole (its title or name), located at the header. */
export interface FileProblem {
  column: string;
  problem: string;
  value?: string;
}

/**
 * Binds a profile to a file: the header's columns, the layouts of other years, and the year, group and grade the
 * title or file name gives. Returns the problems instead when the file cannot be read with it.
 */
export function prepareFile(
  profile: DeseProfile,
  binding: HeaderBinding,
  headerCells: readonly string[],
  info: { fileName: string; title: string; padRows: boolean },
): { ok: true; file: PreparedFile } | { ok: false; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const headerLayout: CellSlot[] = headerCells.map((text, i) => {
    const spec = binding.byIndex[i];
    if (spec) return { kind: 'column', spec, name: text.trim() };
    if (binding.emptyTwins.has(i))
      return {
        kind: 'must_be_empty',
        name: text.trim(),
        why: 'is an empty copy of a later column with the same header',
      };
    return { kind: 'must_be_empty', name: `(column ${i + 1})`, why: 'has no header' };
  });
  const byId = new Map(profile.columns.map((c) => [c.id, c]));
  const headerName = new Map<string, string>();
  headerLayout.forEach((slot) => {
    if (slot.kind === 'column') headerName.set(slot.spec.id, slot.name);
  });
  const yearLayouts = (profile.layouts ?? []).map((layout) => ({
    from: layout.from ?? -Infinity,
    to: layout.to ?? Infinity,
    slots: layout.cells.map((cell): CellSlot => {
      if (typeof cell !== 'string') return { kind: 'column', spec: cell, name: cell.headers[0]! };
      const spec = byId.get(cell);
      if (!spec) throw new Error(`profile ${profile.id}: layout names unknown column ${cell}`);
      return { kind: 'column', spec, name: headerName.get(cell) ?? spec.headers[0]! };
    }),
  }));
  const yearIndex = headerLayout.findIndex((s) => s.kind === 'column' && s.spec.role.kind === 'year');

  if (profile.titlePattern && !profile.titlePattern.test(info.title))
    problems.push({
      column: '(title)',
      problem: `does not say what this layout needs (${profile.titlePattern.source})`,
      value: info.title,
    });
  let fixedYear: number | null = null;
  if (profile.year.from === 'title') {
    fixedYear = yearOfText(info.title);
    if (fixedYear === null)
      problems.push({
        column: '(title)',
        problem: 'names no school year (expected a title such as "2017-18 ...")',
        value: info.title,
      });
  } else if (profile.year.from === 'fileName') {
    fixedYear = yearOfText(info.fileName);
    if (fixedYear === null)
      problems.push({
        column: '(file name)',
        problem: 'names no year (expected a name such as MA_Public_Schools_2017.csv)',
        value: info.fileName,
      });
  }

  let fixedGroup: string | null = null;
  if (profile.group.from === 'fixed') fixedGroup = profile.group.group;
  else if (profile.group.from === 'title') {
    fixedGroup = groupOfTitle(info.title);
    if (fixedGroup === null)
      problems.push({
        column: '(title)',
        problem: 'names no student group ssos knows (expected a title ending "- Asian", "- All Students", ...)',
        value: info.title,
      });
  } else if (!profile.columns.some((c) => c.role.kind === 'group' && binding.byIndex.includes(c))) {
    fixedGroup = 'all';
  }

  let fileGrade: string | null = null;
  if (profile.mcas && !profile.columns.some((c) => c.role.kind === 'grade' && binding.byIndex.includes(c))) {
    fileGrade = profile.mcas.gradeFromFileName.find((g) => g.pattern.test(info.fileName))?.grade ?? null;
    if (fileGrade === null)
      problems.push({
        column: '(file name)',
        problem: 'has no grade column and its name does not say the grade (grade_10, grades_3-8, ...)',
        value: info.fileName,
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    file: {
      profile,
      fileName: info.fileName,
      headerCells,
      headerLayout,
      yearLayouts,
      yearIndex,
      fixedYear,
      fixedGroup,
      fileGrade,
      padRows: info.padRows,
      settlesGrades: profile.columns.some(
        (c) =>
          ['grade_list', 'grade_start', 'grade_end'].includes(c.role.kind) ||
          (c.role.kind === 'value' &&
            c.role.indicator.kind === 'curated' &&
            c.role.indicator.code.startsWith('enrollment_grade_')),
      ),
    },
  };
}

/** The school year a title or file name states: "2017-18 ..." is 2018, "2017 Per Pupil ..." and "_2017" are 2017. */
export function yearOfText(text: string): number | null {
  const range = /(?<!\d)(\d{4})\s*-\s*(\d{2})(?!\d)/.exec(text);
  if (range) return parseSchoolYear(`${range[1]}-${range[2]}`);
  const single = /(?<!\d)(19[89]\d|20\d{2})(?!\d)/.exec(text);
  return single ? Number(single[1]) : null;
}

const mcasSubjectsByName: Record<string, string> = { ela: 'ela', math: 'math', sci: 'sci', bio: 'bio', phy: 'phy' };
const mcasPairs = new Set(mcasSubjectGrades().map((p) => `${p.subject}_${p.grade}`));

function mcasGradeOf(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === 'all') return 'g38';
  if (t === 'hs sci' || t === 'hs') return 'hs';
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    if ((n >= 3 && n <= 8) || n === 10) return `g${String(n).padStart(2, '0')}`;
  }
  return null;
}

/** Reads one data row of a prepared file. */
export function interpretRow(file: PreparedFile, cells: readonly string[]): RowResult {
  if (cells.every((c) => c.trim() === '')) return { kind: 'blank' };
  const { profile } = file;
  const problems: RowProblem[] = [];

  // The year decides the layout, so it is read first (its column sits in the same place in every layout).
  let year = file.fixedYear;
  if (file.yearIndex >= 0) {
    const text = cells[file.yearIndex] ?? '';
    year = parseSchoolYear(text);
    const slot = file.headerLayout[file.yearIndex]!;
    if (year === null) {
      problems.push({ column: slotName(slot), problem: 'is not a school year such as 2016-17 or 2017', value: text });
      return { kind: 'problems', problems };
    }
  }
  const layout =
    file.yearLayouts.find((l) => year !== null && year >= l.from && year <= l.to)?.slots ?? file.headerLayout;

  // Cell count: rows must have the layout's cells; trailing empty cells beyond it are tolerated, and trailing
  // third-party columns some rows leave out may be missing.
  let minimum = layout.length;
  while (minimum > 0) {
    const slot = layout[minimum - 1]!;
    if ((slot.kind === 'column' && slot.spec.mayBeAbsent) || slot.kind === 'must_be_empty') minimum--;
    else break;
  }
  // A spreadsheet row has no length of its own (missing cells are empty), but a value past the layout is still one.
  const extra = cells.slice(layout.length).some((c) => c.trim() !== '');
  if (extra || (!file.padRows && cells.length < minimum)) {
    const forYear = layout === file.headerLayout ? 'the header has' : `rows of ${year} have`;
    problems.push({ column: '(line)', problem: `has ${cells.length} cells; ${forYear} ${layout.length}` });
    return { kind: 'problems', problems };
  }

  const byId = new Map<string, { text: string; slot: CellSlot }>();
  layout.forEach((slot, i) => {
    if (slot.kind === 'column' && i < cells.length) byId.set(slot.spec.id, { text: cells[i]!, slot });
    else if (slot.kind === 'must_be_empty' && (cells[i] ?? '').trim() !== '')
      problems.push({ column: slot.name, problem: `must be empty: the column ${slot.why}`, value: cells[i]! });
  });
  if (problems.length > 0) return { kind: 'problems', problems };

  const texts = new Map([...byId].map(([id, c]) => [id, c.text]));
  const roleCell = (kind: string) => {
    for (const [, c] of byId) if (c.slot.kind === 'column' && c.slot.spec.role.kind === kind) return c;
    return undefined;
  };

  // The organization.
  const codeCell = roleCell('org_code');
  const codeText = codeCell?.text.trim() ?? '';
  if (codeText === '' && profile.skipRowsWithoutCode) return { kind: 'skipped', reason: profile.skipRowsWithoutCode };
  if (!codeCell)
    return { kind: 'problems', problems: [{ column: '(line)', problem: 'has no organization code cell' }] };
  const codeRole = codeCell.slot.kind === 'column' ? codeCell.slot.spec.role : null;
  const code =
    codeRole?.kind === 'org_code' && codeRole.form === 'lea' ? districtCodeOfLea(codeText) : parseDeseCode(codeText);
  if (code === null) {
    problems.push({
      column: slotName(codeCell.slot),
      problem:
        codeText === ''
          ? 'is empty: every row needs an organization code'
          : 'is not a DESE organization code (up to 8 digits)',
      value: codeText,
    });
    return { kind: 'problems', problems };
  }
  const level = levelOfDeseCode(code);
  if (!profile.levels.includes(level))
    problems.push({
      column: slotName(codeCell.slot),
      problem: `is a ${level} code; this report has ${profile.levels.join(' and ')} rows`,
      value: codeText,
    });

  const org: OrgFacts = { code, level, name: null, typeHints: [], grades: null, town: null };
  const district: OrgFacts | null =
    level === 'school'
      ? { code: `${code.slice(0, 4)}0000`, level: 'district', name: null, typeHints: [], grades: null, town: null }
      : null;
  const namesSeen: string[] = [];
  let group = file.fixedGroup;
  let subject: string | null = null;
  let grade = file.fileGrade;
  let gradeStart: GradeCode | null = null;
  let gradeEnd: GradeCode | null = null;
  let variant: ProfileVariant | null = null;

  for (const [, { text, slot }] of byId) {
    if (slot.kind !== 'column') continue;
    const role = slot.spec.role;
    const t = text.trim();
    switch (role.kind) {
      case 'name': {
        if (t === '' || level === 'state') break;
        if (role.of === 'district') {
          if (district) {
            district.name = { name: t, rank: 2 };
            district.typeHints.push(typeFromName(t, 'district'));
            namesSeen.push(t);
          }
          break;
        }
        namesSeen.push(t);
        if (role.style === 'combined' && level === 'school') {
          org.name = { name: t.replace(/\s+/g, ' '), rank: 1 };
          const split = splitCombinedName(t);
          if (split.district && district && !district.name) district.name = { name: split.district, rank: 1 };
          if (split.district && district) district.typeHints.push(typeFromName(split.district, 'district'));
        } else org.name = { name: t, rank: role.style === 'own' ? 2 : 1 };
        break;
      }
      case 'district_code': {
        // A school's district; a district row names itself, the state row itself or nothing.
        const d = parseDeseCode(t);
        const expected = district ? district.code : code;
        if (level === 'state' && t === '') break;
        if (d === null || d !== expected)
          problems.push({ column: slot.name, problem: `is not the district of ${code}`, value: t });
        break;
      }
      case 'org_type': {
        if (t === '') break;
        const hint = Object.entries(role.values).find(([k]) => k.toLowerCase() === t.toLowerCase());
        if (!hint) problems.push({ column: slot.name, problem: 'is not an organization type ssos knows', value: t });
        else org.typeHints.push(hint[1]);
        break;
      }
      case 'grade_list': {
        if (t === '') break;
        const list = t
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map(parseGradeCode);
        if (list.some((g) => g === null))
          problems.push({ column: slot.name, problem: 'is not a list of grades such as "09,10,11,12"', value: t });
        else org.grades = list as GradeCode[];
        break;
      }
      case 'grade_start':
      case 'grade_end': {
        if (t === '') break;
        const g = parseGradeCode(t);
        if (g === null) problems.push({ column: slot.name, problem: 'is not a grade such as PK, K or 06', value: t });
        else if (role.kind === 'grade_start') gradeStart = g;
        else gradeEnd = g;
        break;
      }
      case 'town':
        if (t !== '') org.town = t;
        break;
      case 'variant': {
        variant = profile.variants?.options.find((v) => v.pattern.test(t)) ?? null;
        if (!variant)
          problems.push({
            column: slot.name,
            problem: `is not one of the measures this report holds (${(profile.variants?.options ?? []).map((v) => v.pattern.source).join(', ')})`,
            value: t,
          });
        break;
      }
      case 'group': {
        const g = groupOfLabel(t);
        if (g === null) problems.push({ column: slot.name, problem: 'is not a student group ssos knows', value: t });
        else group = g;
        break;
      }
      case 'subject': {
        const s = mcasSubjectsByName[t.toLowerCase()];
        if (!s)
          problems.push({
            column: slot.name,
            problem: 'is not an MCAS subject ssos knows (ELA, MATH, SCI, BIO, PHY)',
            value: t,
          });
        else subject = s;
        break;
      }
      case 'grade': {
        const g = mcasGradeOf(t);
        if (g === null)
          problems.push({
            column: slot.name,
            problem: 'is not an MCAS grade ssos knows (3-8, 10, ALL, HS SCI)',
            value: t,
          });
        else grade = g;
        break;
      }
      default:
        break;
    }
  }
  if (gradeStart && gradeEnd) {
    const a = gradeCodes.indexOf(gradeStart);
    const b = gradeCodes.indexOf(gradeEnd);
    if (a <= b) org.grades = gradeCodes.slice(a, b + 1).filter((g) => g !== 'SP') as GradeCode[];
  }
  for (const n of namesSeen) org.typeHints.push(typeFromName(n, level === 'district' ? 'district' : 'school'));
  if (profile.mcas && subject && grade && !mcasPairs.has(`${subject}_${grade}`))
    problems.push({
      column: 'subject',
      problem: `has no MCAS results in grade ${grade.slice(1)} in the catalog`,
      value: subject,
    });
  if (group === null) problems.push({ column: '(row)', problem: 'has no student group' });
  const hasValues = layout.some((s) => s.kind === 'column' && s.spec.role.kind === 'value');
  if (year === null && hasValues) problems.push({ column: '(row)', problem: 'has no school year' });
  if (problems.length > 0) return { kind: 'problems', problems };

  // The values, block by block: a block whose cells are all empty does not apply to the organization.
  const valueProfile = variant ? variantProfile(profile, variant) : profile;
  const valueSpecs = new Map(valueProfile.columns.map((c) => [c.id, c]));
  const values: ValueFact[] = [];
  const districtValues: ValueFact[] = [];
  const signature: string[] = [];
  const blocks = new Map<string, { spec: ColumnSpec; role: ValueRole; text: string; name: string }[]>();
  for (const [, { text, slot }] of byId) {
    if (slot.kind !== 'column' || slot.spec.role.kind !== 'value') continue;
    const spec = valueSpecs.get(slot.spec.id) ?? slot.spec;
    const role = spec.role.kind === 'value' ? spec.role : slot.spec.role;
    if (year === null || (role.fromYear !== undefined && year < role.fromYear)) continue;
    signature.push(`${slot.name}\u0000${text.trim()}`);
    const block = role.block ?? '*';
    const list = blocks.get(block) ?? [];
    list.push({ spec, role, text, name: slot.name });
    blocks.set(block, list);
  }
  for (const cellsOfBlock of blocks.values()) {
    if (cellsOfBlock.every((c) => c.text.trim() === '')) continue;
    for (const c of cellsOfBlock) {
      const parsed: CellValue = parseValueCell(c.text, c.role.cell);
      if (parsed.kind === 'invalid') {
        problems.push({ column: c.name, problem: parsed.problem, value: c.text.trim() });
        continue;
      }
      if (year === null || group === null) continue;
      const indicator = indicatorOf(valueProfile, c.spec, c.role, subject, grade, year);
      const n = c.role.n ? countOf(texts.get(c.role.n)) : null;
      const fact: ValueFact = {
        indicator,
        org: c.role.org === 'district' && district ? district.code : code,
        year,
        group,
        value: parsed.kind === 'value' ? parsed.value : null,
        suppressed: parsed.kind === 'suppressed',
        n,
        column: c.name,
      };
      (c.role.org === 'district' && district ? districtValues : values).push(fact);
    }
  }
  if (problems.length > 0) return { kind: 'problems', problems };
  const parts = [code, String(year ?? ''), group ?? '', subject ?? '', grade ?? '', variant?.key ?? ''];
  return {
    kind: 'row',
    key: parts.join('|'),
    keyText: [
      `organization ${code}`,
      year !== null ? `year ${year}` : '',
      group && group !== 'all' ? `group ${group}` : '',
      subject ? `subject ${subject}` : '',
      grade ? `grade ${grade}` : '',
      variant ? `measure ${variant.key}` : '',
    ]
      .filter(Boolean)
      .join(', '),
    signature,
    org,
    district,
    values,
    districtValues,
  };
}

function slotName(slot: CellSlot): string {
  return slot.name;
}

/** The n behind a value: a whole, non-negative count, or null. */
function countOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const parsed = parseValueCell(text);
  if (parsed.kind !== 'value') return null;
  const v = parsed.value;
  return Number.isInteger(v) && v >= 0 && v <= 2_147_483_647 ? v : null;
}

/** The indicator code a value cell feeds. */
export function indicatorOf(
  profile: DeseProfile,
  spec: ColumnSpec,
  role: ValueRole,
  subject: string | null,
  grade: string | null,
  year: number,
): string {
  const ref = role.indicator;
  if (ref.kind === 'curated') return ref.code;
  if (ref.kind === 'derived') return derivedCode(profile, spec);
  // DESE reported the median growth percentile up to 2017 and the mean from 2018.
  const measure = ref.measure === 'mean_sgp' && year <= 2017 ? 'median_sgp' : ref.measure;
  return mcasIndicatorCode(subject ?? 'unknown', grade ?? 'unknown', measure);
}

/** The code of a file-derived indicator: `dese_<profile prefix>_<column id>`. */
export function derivedCode(profile: DeseProfile, spec: ColumnSpec): string {
  const ref = spec.role.kind === 'value' ? spec.role.indicator : null;
  return `dese_${profile.derivedPrefix}_${ref?.kind === 'derived' && ref.slug ? ref.slug : spec.id}`;
}
