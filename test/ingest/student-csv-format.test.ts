import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { achievementLevelOf, checkStudentRow, studentTables } from '../../src/core/students/csv-format.ts';

describe('student CSV format', () => {
  it('is documented column by column in docs/student-csv-format.md', () => {
    const doc = readFileSync(new URL('../../docs/student-csv-format.md', import.meta.url), 'utf8');
    for (const spec of Object.values(studentTables)) {
      expect(doc).toContain(`\`${spec.file}\``);
      for (const c of spec.columns)
        expect(doc, `${spec.file} ${c.name}`).toMatch(new RegExp(`\\|\\s*\`${c.name}\`\\s*\\|`));
    }
  });

  it('parses cells and says what is wrong', () => {
    const [, birthYear, gender] = studentTables.students.columns;
    expect(birthYear.parse(' 2010 ')).toEqual({ ok: true, value: 2010 });
    expect(birthYear.parse('20x0')).toEqual({ ok: false, problem: 'must be a whole number' });
    expect(birthYear.parse('')).toEqual({ ok: false, problem: 'is required' });
    expect(gender.parse('female')).toEqual({ ok: true, value: 'female' });
    const gpa = studentTables.student_years.columns.find((c) => c.name === 'gpa')!;
    expect(gpa.parse('')).toEqual({ ok: true, value: null });
    expect(gpa.parse('3.25')).toEqual({ ok: true, value: 3.25 });
    const school = studentTables.student_years.columns.find((c) => c.name === 'school_code')!;
    expect(school.parse('10505')).toEqual({ ok: true, value: '00010505' });
    const grade = studentTables.student_years.columns.find((c) => c.name === 'grade')!;
    expect(grade.parse('9')).toEqual({ ok: true, value: '09' });
    const flag = studentTables.student_years.columns.find((c) => c.name === 'retained')!;
    expect(flag.parse('Yes')).toEqual({ ok: true, value: true });
    expect(flag.parse('maybe').ok).toBe(false);
  });

  it('maps scaled scores to Next-Generation MCAS levels at the published cut scores', () => {
    expect([440, 469, 470, 499, 500, 529, 530, 560].map(achievementLevelOf)).toEqual([
      'not_meeting',
      'not_meeting',
      'partially_meeting',
      'partially_meeting',
      'meeting',
      'meeting',
      'exceeding',
      'exceeding',
    ]);
  });

  it('checks columns against each other', () => {
    expect(
      checkStudentRow('student_years', {
        days_attended: 170,
        days_in_membership: 160,
        courses_taken: 5,
        courses_failed: 6,
      }),
    ).toEqual([
      ['days_attended', 'is more than days_in_membership'],
      ['courses_failed', 'is more than courses_taken'],
    ]);
    expect(
      checkStudentRow('assessments', { participated: true, scaled_score: 505, achievement_level: 'exceeding' }),
    ).toEqual([['achievement_level', 'does not match scaled score 505 (expected meeting)']]);
    expect(
      checkStudentRow('high_school_outcomes', {
        graduated_in_4_years: true,
        graduated_in_5_years: null,
        dropped_out_year: null,
      }),
    ).toEqual([]);
  });
});
