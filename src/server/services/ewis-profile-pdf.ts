import PDFDocument from 'pdfkit';
import { milestoneLabels, milestones, type Milestone } from '../../core/students/records.ts';
import type { ewisStudentProfile } from './ewis-service.ts';

export type EwisProfile = Awaited<ReturnType<typeof ewisStudentProfile>>;

/** Who the document was made for and when: printed on every page. */
export interface ProfilePdfMeta {
  generatedAt: Date;
  generatedBy: string;
  /** Leave the content streams uncompressed (tests read the text). */
  compress?: boolean;
}

const PAGE = { width: 612, height: 792, margin: 48 } as const;
const FOOTER_HEIGHT = 36;
const BOTTOM = PAGE.height - PAGE.margin - FOOTER_HEIGHT;
const WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = '#1b1b1b';
const MUTED = '#565c65';
const RULE = '#a9aeb1';
const levelColour: Record<string, string> = { high: '#b50909', moderate: '#936f38', low: '#00756a' };
const levelWords: Record<string, string> = { high: 'High risk', moderate: 'Moderate risk', low: 'Low risk' };

/** Rows of each table the document can hold; the rest is counted ("and 3 earlier years in ssos"). */
export const profilePdfLimits = { years: 8, tests: 12, interventions: 8, noteChars: 220 } as const;

interface Column<T> {
  header: string;
  width: number;
  cell: (row: T) => string;
  align?: 'left' | 'right';
}

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).fillColor(INK).text(text, PAGE.margin, doc.y, { width: WIDTH });
  const y = doc.y + 2;
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.margin + WIDTH, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 5;
}

function muted(doc: Doc, text: string, size = 9): void {
  doc.y += 2;
  doc.font('Helvetica').fontSize(size).fillColor(MUTED).text(text, PAGE.margin, doc.y, { width: WIDTH });
  doc.fillColor(INK);
}

/** Height a row of cells needs at the table's font. */
function rowHeight<T>(doc: Doc, columns: readonly Column<T>[], row: T | null): number {
  let h = 0;
  for (const c of columns) {
    const text = row === null ? c.header : c.cell(row);
    h = Math.max(h, doc.heightOfString(text || ' ', { width: c.width - 6 }));
  }
  return h + 5;
}

/**
 * Draws a table from the current position, as many rows as fit above `bottom`; returns how many rows were drawn.
 */
function table<T>(doc: Doc, columns: readonly Column<T>[], rows: readonly T[], bottom = BOTTOM): number {
  const drawRow = (row: T | null) => {
    const bold = row === null;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const h = rowHeight(doc, columns, row);
    const y = doc.y;
    let x = PAGE.margin;
    for (const c of columns) {
      doc
        .fillColor(bold ? MUTED : INK)
        .text(row === null ? c.header : c.cell(row), x + 3, y + 2.5, { width: c.width - 6, align: c.align ?? 'left' });
      x += c.width;
    }
    doc
      .moveTo(PAGE.margin, y + h)
      .lineTo(PAGE.margin + WIDTH, y + h)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + h;
  };
  drawRow(null);
  let drawn = 0;
  for (const row of rows) {
    doc.font('Helvetica').fontSize(8.5);
    if (doc.y + rowHeight(doc, columns, row) > bottom) break;
    drawRow(row);
    drawn++;
  }
  doc.fillColor(INK);
  return drawn;
}

/** Column widths that fill the page, from relative weights. */
function widths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * WIDTH);
}

const yes = (v: boolean) => (v ? 'yes' : '');
const num = (v: number | null, digits = 0) =>
  v === null ? '–' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const words = (s: string) => s.replaceAll('_', ' ');

function programs(y: EwisProfile['years'][number]): string {
  return [y.lowIncome && 'low income', y.englishLearner && 'English learner', y.disability && 'disability']
    .filter(Boolean)
    .join(', ');
}

function schoolYearLabel(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

function footer(doc: Doc, page: number, meta: ProfilePdfMeta, studentId: string): void {
  const y = PAGE.height - PAGE.margin - 20;
  doc
    .moveTo(PAGE.margin, y - 4)
    .lineTo(PAGE.margin + WIDTH, y - 4)
    .lineWidth(0.3)
    .strokeColor(RULE)
    .stroke();
  doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
  doc.text(`Confidential student record ${studentId}: for the student support team only.`, PAGE.margin, y, {
    width: WIDTH - 60,
    lineBreak: false,
  });
  doc.text(`Page ${page} of 2`, PAGE.margin + WIDTH - 60, y, { width: 60, align: 'right', lineBreak: false });
  doc.text(
    `Made by ssos for ${meta.generatedBy} on ${meta.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    PAGE.margin,
    y + 10,
    { width: WIDTH, lineBreak: false },
  );
  doc.fillColor(INK);
}

/**
 * A student's early-warning profile as a two-page PDF for a support-team meeting: page 1 the risk, its reasons in
 * words, the latest year at a glance and the open interventions; page 2 the records over time, the tests and every
 * intervention. Long histories are cut to what fits (the count of what is left out is printed), so the document is
 * always exactly two pages.
 */
export function renderProfilePdf(profile: EwisProfile, meta: ProfilePdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.margin,
    compress: meta.compress ?? true,
    autoFirstPage: true,
    info: {
      Title: `Early warning profile, student ${profile.studentId}`,
      Author: 'ssos',
      Subject: 'Confidential student record',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // ---- Page 1: risk, reasons, the latest year, open interventions.
  doc
    .font('Helvetica-Bold')
    .fontSize(17)
    .fillColor(INK)
    .text('Early warning student profile', PAGE.margin, PAGE.margin);
  muted(
    doc,
    `Student ${profile.studentId} · ${profile.school.name} (${profile.school.code}) · grade ${Number(profile.grade) || profile.grade}`,
    10,
  );

  const score = profile.score;
  heading(doc, score ? `Risk for the ${schoolYearLabel(score.schoolYear)} school year` : 'Risk');
  if (!score) {
    doc.font('Helvetica').fontSize(10).text('No early-warning run has scored this student.', { width: WIDTH });
  } else {
    const milestone = (milestones as readonly string[]).includes(score.milestone)
      ? milestoneLabels[score.milestone as Milestone]
      : words(score.milestone);
    const top = doc.y;
    const level = score.riskLevel;
    doc
      .roundedRect(PAGE.margin, top, 150, 46, 4)
      .fillColor(level ? levelColour[level]! : MUTED)
      .fill();
    doc
      .font('Helvetica-Bold')
      .fontSize(15)
      .fillColor('#ffffff')
      .text(level ? levelWords[level]! : 'Not available', PAGE.margin, top + 15, { width: 150, align: 'center' });
    doc
      .fillColor(INK)
      .font('Helvetica-Bold')
      .fontSize(10)
      .text('Next milestone', PAGE.margin + 166, top);
    doc.font('Helvetica').text(milestone, PAGE.margin + 166, doc.y, { width: WIDTH - 166 });
    doc
      .font('Helvetica')
      .text(
        score.probability === null
          ? `Not available: ${score.naReason ?? 'no model for this grade'}`
          : `Estimated chance of reaching it: ${Math.round(score.probability * 100)}%`,
        PAGE.margin + 166,
        doc.y + 2,
        { width: WIDTH - 166 },
      );
    doc.y = Math.max(doc.y, top + 46) + 4;
    muted(
      doc,
      'Risk levels are set so that about 25% of high-risk, 60% of moderate-risk and 90% of low-risk students reached the milestone in past years. A level is an estimate from last year’s records, not a judgment of the student.',
      8,
    );

    heading(doc, 'Why: what raises the risk most');
    doc.font('Helvetica').fontSize(10);
    if (score.reasons.length === 0)
      doc.text(
        score.probability === null
          ? 'No reasons: the student was not scored.'
          : 'No indicator raises the risk above what is typical.',
        { width: WIDTH },
      );
    for (const r of score.reasons) {
      doc.text(`•  ${r.text.charAt(0).toUpperCase()}${r.text.slice(1)}`, PAGE.margin + 6, doc.y, { width: WIDTH - 6 });
      doc.moveDown(0.25);
    }
  }

  const latest = profile.years[profile.years.length - 1];
  heading(doc, latest ? `Latest year on record (${schoolYearLabel(latest.schoolYear)})` : 'Latest year on record');
  if (latest) {
    const lastTest = (subject: string) =>
      [...profile.tests].reverse().find((t) => t.subject === subject && t.participated);
    const scoreText = (subject: string) => {
      const t = lastTest(subject);
      return t
        ? `${num(t.scaledScore)}${t.achievementLevel ? ` (${words(t.achievementLevel)})` : ''}, grade ${Number(t.grade)} in ${schoolYearLabel(t.schoolYear)}`
        : 'none on record';
    };
    const facts: [string, string][] = [
      ['Attendance', latest.attendanceRate === null ? '–' : `${num(latest.attendanceRate, 1)}% of days in membership`],
      ['Suspension days', num(latest.suspensionDays, 1)],
      [
        'Courses',
        latest.coursesTaken === null ? 'not recorded' : `${latest.coursesFailed ?? 0} failed of ${latest.coursesTaken}`,
      ],
      ['GPA', latest.gpa === null ? 'not recorded' : num(latest.gpa, 2)],
      ['Latest ELA score', scoreText('ela')],
      ['Latest math score', scoreText('math')],
      ['Programs', programs(latest) || 'none'],
      ['Retained that year', latest.retained ? 'yes' : 'no'],
    ];
    for (const [label, value] of facts) {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9.5).text(label, PAGE.margin, y, { width: 130 });
      doc.font('Helvetica').text(value, PAGE.margin + 134, y, { width: WIDTH - 134 });
      doc.y = Math.max(doc.y, y + 12) + 1;
    }
  }

  heading(doc, 'Open interventions');
  // The latest first.
  const open = profile.interventions.filter((i) => i.status === 'planned' || i.status === 'active').reverse();
  if (open.length === 0) doc.font('Helvetica').fontSize(10).text('None recorded.', { width: WIDTH });
  else {
    const shown = table(doc, interventionColumns(), open);
    if (shown < open.length) muted(doc, `and ${open.length - shown} more open interventions in ssos.`, 8);
  }
  footer(doc, 1, meta, profile.studentId);

  // ---- Page 2: records over time, tests, every intervention.
  doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(INK)
    .text(`Student ${profile.studentId}: records over time`, PAGE.margin, PAGE.margin);
  heading(doc, 'Each year');
  const years = profile.years.slice(-profilePdfLimits.years);
  const yw = widths([1.1, 2.4, 0.8, 1.45, 1.1, 1.3, 0.8, 1.15, 2.1]);
  table(
    doc,
    [
      { header: 'Year', width: yw[0]!, cell: (y) => schoolYearLabel(y.schoolYear) },
      { header: 'School', width: yw[1]!, cell: (y) => y.school.name },
      { header: 'Grade', width: yw[2]!, cell: (y) => String(Number(y.grade) || y.grade), align: 'right' },
      {
        header: 'Attendance',
        width: yw[3]!,
        cell: (y) => (y.attendanceRate === null ? '–' : `${num(y.attendanceRate, 1)}%`),
        align: 'right',
      },
      { header: 'Susp. days', width: yw[4]!, cell: (y) => num(y.suspensionDays, 1), align: 'right' },
      {
        header: 'Failed / taken',
        width: yw[5]!,
        cell: (y) => (y.coursesTaken === null ? '–' : `${y.coursesFailed ?? 0} / ${y.coursesTaken}`),
        align: 'right',
      },
      { header: 'GPA', width: yw[6]!, cell: (y) => num(y.gpa, 2), align: 'right' },
      { header: 'Retained', width: yw[7]!, cell: (y) => yes(y.retained) },
      { header: 'Programs', width: yw[8]!, cell: programs },
    ],
    years,
  );
  if (profile.years.length > years.length)
    muted(doc, `and ${profile.years.length - years.length} earlier years in ssos.`, 8);

  heading(doc, 'Tests');
  const tests = profile.tests.slice(-profilePdfLimits.tests);
  const tw = widths([1.2, 1, 0.8, 1, 2, 0.8]);
  if (tests.length === 0) doc.font('Helvetica').fontSize(10).text('No tests on record.', { width: WIDTH });
  else {
    table(
      doc,
      [
        { header: 'Year', width: tw[0]!, cell: (t) => schoolYearLabel(t.schoolYear) },
        { header: 'Subject', width: tw[1]!, cell: (t) => (t.subject === 'ela' ? 'ELA' : words(t.subject)) },
        { header: 'Grade', width: tw[2]!, cell: (t) => String(Number(t.grade) || t.grade), align: 'right' },
        {
          header: 'Score',
          width: tw[3]!,
          cell: (t) => (t.participated ? num(t.scaledScore) : 'did not take'),
          align: 'right',
        },
        {
          header: 'Achievement level',
          width: tw[4]!,
          cell: (t) => (t.achievementLevel ? words(t.achievementLevel) : '–'),
        },
        { header: 'SGP', width: tw[5]!, cell: (t) => num(t.sgp), align: 'right' },
      ],
      tests,
      BOTTOM - 150,
    );
    if (profile.tests.length > tests.length)
      muted(doc, `and ${profile.tests.length - tests.length} earlier tests in ssos.`, 8);
  }

  heading(doc, 'Interventions');
  const all = [...profile.interventions].reverse().slice(0, profilePdfLimits.interventions);
  if (all.length === 0) doc.font('Helvetica').fontSize(10).text('None recorded.', { width: WIDTH });
  else {
    const shown = table(doc, interventionColumns(), all, BOTTOM - 12);
    const left = profile.interventions.length - shown;
    if (left > 0) muted(doc, `and ${left} earlier interventions in ssos.`, 8);
  }
  footer(doc, 2, meta, profile.studentId);
  doc.end();
  return done;
}

type InterventionRow = EwisProfile['interventions'][number];

function interventionColumns(): Column<InterventionRow>[] {
  const w = widths([1.6, 1.1, 1.1, 1.4, 1, 3.4]);
  const clip = (s: string) =>
    s.length > profilePdfLimits.noteChars ? `${s.slice(0, profilePdfLimits.noteChars - 1).trimEnd()}…` : s;
  return [
    { header: 'Intervention', width: w[0]!, cell: (i) => words(i.kind) },
    { header: 'Started', width: w[1]!, cell: (i) => i.startedOn },
    { header: 'Ended', width: w[2]!, cell: (i) => i.endedOn ?? '–' },
    { header: 'Owner', width: w[3]!, cell: (i) => i.owner },
    { header: 'Status', width: w[4]!, cell: (i) => i.status },
    { header: 'Notes', width: w[5]!, cell: (i) => clip(i.notes) },
  ];
}
