import { describe, expect, it } from 'vitest';
import { profilePdfLimits, renderProfilePdf, type EwisProfile } from './ewis-profile-pdf.ts';

/** The pages of a PDF, counted from its page objects (pdfkit writes no object streams). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The text of an uncompressed pdfkit PDF: its standard-font strings are hex in TJ arrays. */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g))
    out.push([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  return out.join('\n');
}

function profile(years: number, tests: number, interventions: number, notes: string): EwisProfile {
  return {
    studentId: 'S000123',
    school: { code: '01750505', name: 'Saxfield High School' },
    grade: '09',
    score: {
      runId: 1,
      schoolYear: 2026,
      milestone: 'high_school_ready',
      probability: 0.214,
      riskLevel: 'high',
      naReason: null,
      reasons: [
        {
          reason: 'attendance',
          text: 'attended 82% of days last year; students who reach the milestone typically attend 95.1%',
          value: 82,
          typical: 95.1,
        },
        {
          reason: 'gpa',
          text: 'GPA 1.5 last year; students who reach the milestone typically have 2.8',
          value: 1.5,
          typical: 2.8,
        },
      ],
    },
    years: Array.from({ length: years }, (_, i) => ({
      schoolYear: 2026 - years + 1 + i,
      school: { code: '01750505', name: 'Saxfield High School' },
      grade: String(Math.min(12, i + 1)).padStart(2, '0'),
      attendanceRate: 90 + (i % 5),
      suspensionDays: i % 3,
      coursesTaken: 6,
      coursesFailed: i % 2,
      gpa: 2.5,
      retained: false,
      lowIncome: true,
      englishLearner: i % 2 === 0,
      disability: false,
    })),
    tests: Array.from({ length: tests }, (_, i) => ({
      schoolYear: 2015 + Math.floor(i / 2),
      subject: i % 2 === 0 ? 'ela' : 'math',
      grade: '05',
      participated: true,
      scaledScore: 480 + i,
      achievementLevel: 'partially_meeting',
      sgp: 40,
    })),
    interventions: Array.from({ length: interventions }, (_, i) => ({
      id: i + 1,
      kind: 'attendance',
      startedOn: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`,
      endedOn: null,
      owner: 'Ms. Rivera',
      notes,
      status: i % 3 === 0 ? 'completed' : 'active',
      updatedAt: '2025-10-01T00:00:00.000Z',
    })),
  } as EwisProfile;
}

const meta = { generatedAt: new Date('2026-11-24T10:00:00Z'), generatedBy: 'Skyler School (school@example.org)' };

describe('the two-page student profile PDF', () => {
  it('is two pages with the risk, the reasons in words, the records and the interventions', async () => {
    const pdf = await renderProfilePdf(profile(3, 4, 2, 'Daily check-in'), { ...meta, compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf);
    for (const words of [
      'S000123',
      'High risk',
      'Ready for high school',
      '21%',
      'Attended 82% of days last year',
      'Daily check-in',
      'Page 1 of 2',
      'Page 2 of 2',
      'Skyler School',
    ])
      expect(text.replaceAll('\n', ' ')).toContain(words);
  });

  it('stays two pages for a long history, many interventions and long notes, and says what it left out', async () => {
    const long = 'Weekly family call and mentoring check-in, reviewed every six weeks. '.repeat(20);
    const pdf = await renderProfilePdf(profile(14, 40, 30, long), { ...meta, compress: false });
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf).replaceAll('\n', ' ');
    expect(text).toContain(`and ${14 - profilePdfLimits.years} earlier years in ssos`);
    expect(text).toContain(`and ${40 - profilePdfLimits.tests} earlier tests in ssos`);
    expect(text).toMatch(/and \d+ earlier interventions in ssos/);
    expect(text).toMatch(/and \d+ more open interventions in ssos/);
    expect(text).not.toContain(long.slice(0, 400));
  });

  it('says so when the student was not scored', async () => {
    const p = profile(1, 0, 0, '');
    p.score = null;
    const pdf = await renderProfilePdf(p, { ...meta, compress: false });
    expect(pdfPageCount(pdf)).toBe(2);
    const text = pdfText(pdf).replaceAll('\n', ' ');
    expect(text).toContain('No early-warning run has scored this student');
    expect(text).toContain('No tests on record');
    expect(text).toContain('None recorded');
  });
});
