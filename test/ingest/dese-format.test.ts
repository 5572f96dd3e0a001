import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { indicatorCatalog, mcasIndicatorCode, mcasSubjectGrades } from '../../src/core/indicators/catalog.ts';
import {
  districtCodeOfLea,
  levelOfDeseCode,
  parseDeseCode,
  parseDeseNumber,
  parseValueCell,
} from '../../src/core/dese/cells.ts';
import { derivedCatalog, derivedIndicator, profileIndicators, valueColumns } from '../../src/core/dese/catalog.ts';
import { describeProfiles } from '../../src/core/dese/describe.ts';
import { derivedFamilies } from '../../src/core/dese/families.ts';
import { groupOfLabel, groupOfTitle } from '../../src/core/dese/groups.ts';
import { bindHeader, fitHeader } from '../../src/core/dese/header.ts';
import {
  isBetterName,
  mergeType,
  ownNameFromCombined,
  rankOfStoredName,
  splitCombinedName,
  typeFromName,
} from '../../src/core/dese/org-names.ts';
import { mcasMeasures } from '../../src/core/dese/profile.ts';
import { deseProfiles } from '../../src/core/dese/profiles/index.ts';
import { indicatorOf, interpretRow, prepareFile, yearOfText } from '../../src/core/dese/rows.ts';
import { readSheetRows } from '../../src/server/ingest/dese/sheet-rows.ts';
import { studentGroups } from '../../src/core/student-groups.ts';
import { deseExtraStudentGroups } from '../../src/core/dese/groups.ts';

const dataDir = path.resolve(import.meta.dirname, '../../../shared/data');
const byId = new Map(deseProfiles.map((p) => [p.id, p]));

describe('DESE cells', () => {
  it('reads padded numbers with thousands separators, dollars and ratios, keeping percentages on 0-100', () => {
    expect(parseValueCell('   1,426')).toEqual({ kind: 'value', value: 1426 });
    expect(parseValueCell('"   1,426"'.slice(1, -1))).toEqual({ kind: 'value', value: 1426 });
    expect(parseValueCell('  95.3')).toEqual({ kind: 'value', value: 95.3 });
    expect(parseValueCell('        .0')).toEqual({ kind: 'value', value: 0 });
    expect(parseValueCell('          $24,231,438.78')).toEqual({ kind: 'value', value: 24231438.78 });
    expect(parseValueCell('  13.4 to 1', 'ratio')).toEqual({ kind: 'value', value: 13.4 });
    expect(parseValueCell('Level 3', 'level')).toEqual({ kind: 'value', value: 3 });
    expect(parseDeseNumber('1,42,6')).toBeNull();
  });
  it('reads blanks and DESE markers as suppressed, never zero', () => {
    for (const t of [
      '',
      '   ',
      '#N/A',
      'NA',
      '-',
      '*',
      'Not Reported',
      'Failed to meet data',
      'reporting requirements',
      '######',
    ])
      expect(parseValueCell(t), t).toEqual({ kind: 'suppressed' });
    expect(parseValueCell('###### to 1', 'ratio')).toEqual({ kind: 'suppressed' });
    expect(parseValueCell('Insufficient data', 'level')).toEqual({ kind: 'suppressed' });
  });
  it('names a cell that is not a number', () => {
    expect(parseValueCell('9x1.7')).toEqual({ kind: 'invalid', problem: 'is not a number' });
    expect(parseValueCell('Infinity')).toEqual({ kind: 'invalid', problem: 'is not a number' });
    expect(parseValueCell('13.4 to 2', 'ratio').kind).toBe('invalid');
  });
  it('repairs the trailing zeros R dropped from thousands ("15,01" is 15,010)', () => {
    expect(parseDeseNumber('15,01')).toBe(15010);
    expect(parseDeseNumber('"     147,790"'.slice(1, -1))).toBe(147790);
    expect(parseDeseNumber('73,22')).toBe(73220);
  });
  it('pads codes to 8 digits and tells the level from the code', () => {
    expect(parseDeseCode('4450105')).toBe('04450105');
    expect(parseDeseCode('160001')).toBe('00160001');
    expect(parseDeseCode('0')).toBe('00000000');
    expect(parseDeseCode('123456789')).toBeNull();
    expect(parseDeseCode('44-50')).toBeNull();
    expect(levelOfDeseCode('00000000')).toBe('state');
    expect(levelOfDeseCode('04450000')).toBe('district');
    expect(levelOfDeseCode('04450105')).toBe('school');
    expect(districtCodeOfLea('1')).toBe('00010000');
    expect(districtCodeOfLea('351')).toBe('03510000');
  });
});

describe('DESE names, types, groups and years', () => {
  it('splits "District - School" names only where the split is certain', () => {
    expect(splitCombinedName('Abington - Abington High')).toEqual({ district: 'Abington', school: 'Abington High' });
    expect(
      splitCombinedName('Abby Kelley Foster Charter Public (District)-Abby Kelley Foster Charter Public School'),
    ).toEqual({
      district: 'Abby Kelley Foster Charter Public (District)',
      school: 'Abby Kelley Foster Charter Public School',
    });
    expect(splitCombinedName('Abington-Abington High')).toEqual({ district: 'Abington', school: 'Abington High' });
    expect(splitCombinedName('Acton-Boxborough-Acton-Boxborough Regional High').district).toBeNull();
    expect(ownNameFromCombined('Acton-Boxborough-Acton-Boxborough Regional High', 'Acton-Boxborough')).toBe(
      'Acton-Boxborough Regional High',
    );
    expect(ownNameFromCombined('Abington - Abington High', 'Abingdon')).toBeNull();
  });
  it('never lets a worse name replace a better one, and keeps the stored name on ties', () => {
    expect(rankOfStoredName('Abington - Abington High', '00010505', 'school')).toBe(1);
    expect(rankOfStoredName('District 0001', '00010000', 'district')).toBe(0);
    expect(isBetterName({ name: 'Abington High', rank: 2 }, 'Abington - Abington High', '00010505', 'school')).toBe(
      true,
    );
    expect(isBetterName({ name: 'Abington-Abington High', rank: 1 }, 'Abington High', '00010505', 'school')).toBe(
      false,
    );
    expect(
      isBetterName({ name: 'Abington-Abington High', rank: 1 }, 'Abington - Abington High', '00010505', 'school'),
    ).toBe(false);
    expect(isBetterName({ name: 'Other', rank: 2 }, 'Abington High', '00010505', 'school')).toBe(false);
  });
  it('reads types from names and keeps the most specific', () => {
    expect(typeFromName('Abby Kelley Foster Charter Public (District)', 'district')).toBe('charter');
    expect(typeFromName('Blackstone Valley Regional Vocational Technical', 'district')).toBe('vocational');
    expect(typeFromName('Worcester Technical High', 'school')).toBe('vocational');
    expect(typeFromName('Ralph C Mahar Regional', 'district')).toBe('regional');
    expect(typeFromName('Ralph C Mahar Regional', 'school')).toBeNull();
    expect(typeFromName('TechBoston Academy', 'school')).toBeNull();
    expect(mergeType('local', 'regional')).toBe('regional');
    expect(mergeType('charter', null)).toBe('charter');
    expect(mergeType('vocational', 'regional')).toBe('vocational');
  });
  it('reads the student group from titles and columns, keeping economically disadvantaged apart from low income', () => {
    expect(groupOfTitle('2017-18 Advanced Placement Participation - All Subjects - Economically Disadvantaged')).toBe(
      'econ_disadvantaged',
    );
    expect(groupOfTitle('2017-18 SAT Performance Report - Afr. Amer./Black')).toBe('african_american');
    expect(groupOfTitle('2018 Advanced Course Completion Report (District)  - Female')).toBe('female');
    expect(groupOfTitle('2018 Advanced Course Completion Report (District)  - Male')).toBe('male');
    expect(groupOfTitle('2017-18 Advanced Placement Participation - All Subjects - Students w/ Disabilities')).toBe(
      'disability',
    );
    expect(groupOfTitle('2023 Graduation Rates (District) All Students 4-Year Graduation Rate')).toBe('all');
    expect(groupOfTitle('2017-18 Enrollment By Grade (District)')).toBeNull();
    expect(groupOfLabel('low-income')).toBe('low_income');
    expect(groupOfLabel('Ever EL')).toBe('ever_english_learner');
    expect(groupOfLabel('afr.american/black')).toBe('african_american');
  });
  it('reads the school year from titles and file names (DESE names a school year by its ending year)', () => {
    expect(yearOfText('2017-18 Enrollment By Grade (District) ')).toBe(2018);
    expect(yearOfText('2017Staffing Retention Report')).toBe(2017);
    expect(yearOfText('2023Per Pupil Expenditure')).toBe(2023);
    expect(yearOfText('MA_Public_Schools_2017.csv')).toBe(2017);
    expect(yearOfText('mcas_public_schools_grades_3-8_all_students_2019.csv')).toBe(2019);
  });
});

describe('DESE layouts', () => {
  it('refer only to catalog entries, derived families and student groups that exist', () => {
    const curated = new Set(indicatorCatalog.map((d) => d.code));
    expect(new Set(deseProfiles.map((p) => p.id)).size).toBe(deseProfiles.length);
    for (const p of deseProfiles) {
      expect(derivedFamilies[p.derivedPrefix], p.id).toBeDefined();
      for (const { role } of valueColumns(p))
        if (role.indicator.kind === 'curated')
          expect(curated.has(role.indicator.code), `${p.id}: ${role.indicator.code}`).toBe(true);
      expect(() => profileIndicators(p)).not.toThrow();
      if (p.group.from === 'fixed') {
        const groups = new Set([...studentGroups, ...deseExtraStudentGroups].map((g) => g.code));
        expect(groups.has(p.group.group)).toBe(true);
      }
    }
    for (const g of deseExtraStudentGroups) expect(studentGroups.map((s) => s.code)).not.toContain(g.code);
  });
  it('give each derived code one catalog entry, whichever layout writes it', () => {
    const seen = new Map<string, string>();
    for (const p of deseProfiles)
      for (const { spec, role } of valueColumns(p)) {
        if (role.indicator.kind !== 'derived') continue;
        const def = derivedIndicator(p, spec);
        expect(def.code).toMatch(/^[a-z][a-z0-9_]{0,79}$/);
        const text = JSON.stringify(def);
        if (seen.has(def.code)) expect(text, def.code).toBe(seen.get(def.code));
        seen.set(def.code, text);
      }
    const all = [...indicatorCatalog.map((d) => d.code), ...derivedCatalog(deseProfiles).map((d) => d.code)];
    expect(new Set(all).size).toBe(all.length);
  });
  it('map no two columns of a row to the same indicator', () => {
    for (const p of deseProfiles) {
      const codes = valueColumns(p)
        .filter(({ role }) => role.org === 'row')
        .map(({ spec, role }) => indicatorOf(p, spec, role, 'ela', 'g38', 2020));
      const layoutsCodes = (p.layouts ?? []).map((l) =>
        l.cells.flatMap((c) => {
          const spec = typeof c === 'string' ? p.columns.find((x) => x.id === c)! : c;
          return spec.role.kind === 'value' && spec.role.org === 'row'
            ? [indicatorOf(p, spec, spec.role, 'ela', 'g38', 2017)]
            : [];
        }),
      );
      for (const list of [codes, ...layoutsCodes]) expect(new Set(list).size, p.id).toBe(list.length);
    }
  });
  it('keep the year column in place in every row layout', () => {
    for (const p of deseProfiles)
      for (const l of p.layouts ?? []) {
        const yearId = p.columns.find((c) => c.role.kind === 'year')!.id;
        expect(l.cells.indexOf(yearId), p.id).toBe(p.columns.findIndex((c) => c.id === yearId));
      }
  });
  it('cover every MCAS measure in the catalog', () => {
    for (const { subject, grade } of mcasSubjectGrades())
      for (const m of mcasMeasures)
        expect(
          indicatorCatalog.some((d) => d.code === mcasIndicatorCode(subject, grade, m)),
          `${subject} ${grade} ${m}`,
        ).toBe(true);
    const curatedDese = indicatorCatalog.filter((d) => !d.code.startsWith('mcas_'));
    expect(curatedDese.length).toBeGreaterThanOrEqual(45);
  });
  it('are documented in docs/dese-import.md exactly as the code reads them', async () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/dese-import.md'), 'utf8');
    const begin = '<!-- layouts:begin (generated by describeProfiles; see the end of this file) -->';
    const section = doc.slice(doc.indexOf(begin) + begin.length, doc.indexOf('<!-- layouts:end -->')).trim();
    // The document is kept formatted by prettier (CI checks it), so the generated text is compared formatted.
    const config = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../.prettierrc.json'), 'utf8'),
    ) as object;
    const expected = await prettier.format(describeProfiles(deseProfiles), { ...config, parser: 'markdown' });
    expect(section).toBe(expected.trim());
  }, 30_000);
});

/** Every file in ../shared/data/dese-*, with the layout it must be read as. */
function expectedProfile(rel: string): string {
  const name = path.basename(rel);
  const rules: [RegExp, string][] = [
    [/^1A_1_teacher_data/, 'school_teacher_data'],
    [/^1A_3_staffing_retention/, 'school_staffing_retention'],
    [/^1A_3_teachers_of_color/, 'school_staff_race_gender'],
    [/^2A_1_students_disciplined/, 'school_students_disciplined'],
    [/^2A_1_students_suspended/, 'school_students_suspended'],
    [/^2C_1_attendance/, 'school_attendance'],
    [/^3A_1_average_class_size/, 'school_class_size'],
    [/^3A_2_grade_subject_staffing/, 'school_grade_subject_staffing'],
    [/^3B_1_adv(_courses|coursecomprate)/, 'school_advanced_coursework'],
    [/^3B_1_ap\./, 'school_ap'],
    [/^3B_1_enrollments_by_grade/, 'school_enrollment_by_grade'],
    [/^3B_1_enrollments_by_race/, 'school_enrollment_by_race_gender'],
    [/^3B_1_masscore/, 'school_masscore'],
    [/^3B_2_student/, 'school_student_race_gender'],
    [/^3B_2_teacher/, 'school_teacher_race_gender'],
    [/^4A_1/, 'school_grade9_passing'],
    [/^4B_2_four/, 'school_graduation_4yr'],
    [/^4B_2_five/, 'school_graduation_5yr'],
    [/^4B_2_retention/, 'school_retention'],
    [/^4D_1/, 'school_plans_of_graduates'],
    [/^4D_2/, 'school_cte_enrollment'],
    [/^5D_2/, 'school_staff_age'],
    [/^master_list/, 'school_master_list'],
    [/^mcas_/, 'mcas_school_results'],
    [/^MA_Public_Schools_2017/, 'school_profile_2017'],
    [/^boston_dropout/, 'boston_dropout_by_zip'],
    [/^data\.csv/, 'district_merged_r_dataset'],
    [/^1_enrollment_grade/, 'district_enrollment_by_grade'],
    [/^2_enrollment/, 'district_enrollment_by_race_gender'],
    [/^3_enrollment/, 'district_selected_populations_2018'],
    [/^4_staff/, 'district_staff_race_gender'],
    [/^5_class/, 'district_class_size_race'],
    [/^6_class/, 'district_class_size'],
    [/^7_teacher/, 'district_teacher_salaries'],
    [/^8_net/, 'district_net_school_spending'],
    [/^(9_per_pupil|PerPupil)/, 'district_per_pupil_expenditure'],
    [/^advancedcourse/, 'district_advanced_coursework'],
    [/^appart/, 'district_ap_participation'],
    [/^apperf/, 'district_ap_performance'],
    [/^sat/, 'district_sat'],
    [/^zEducator/, 'district_educator_evaluation'],
    [/Gradsattendingcollege/i, 'district_college_attendance'],
    [/^zplans/, 'district_plans_of_graduates'],
    [/^zstaffing/, 'district_staffing_retention'],
    [/^locations/, 'district_directory_2018'],
    [/^Accountability/, 'district_accountability'],
    [/^gradrates/, 'district_graduation_4yr'],
    [/^selectedpopulations/, 'district_selected_populations'],
    [/^teacherdata/, 'district_teacher_data'],
    [/^DOR_/, 'dor_income_eqv'],
    [/^schooldistricts_Town/, 'district_map_towns'],
    [/^schooldistricts_charter/, 'district_map_charter'],
  ];
  const hit = rules.find(([re]) => re.test(name));
  if (!hit) throw new Error(`no expected layout for ${rel}`);
  return hit[1];
}

function deseFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  for (const d of readdirSync(dataDir).filter((d) => d.startsWith('dese-'))) walk(path.join(dataDir, d));
  return out;
}

describe('DESE header detection on the real files', () => {
  it('finds the header and the layout of every file in ../shared/data/dese-*', async () => {
    const files = deseFiles();
    expect(files.length).toBeGreaterThan(140);
    const seen = new Set<string>();
    for (const file of files) {
      let found: string | null = null;
      let rows = 0;
      for await (const { cells } of readSheetRows(file)) {
        const fit = fitHeader(deseProfiles, cells, path.basename(file));
        if (fit.kind === 'fit') {
          found = fit.profile.id;
          if (!fit.profile.skip) expect(fit.binding.unknown, `${file}: unknown columns`).toEqual([]);
          break;
        }
        if (++rows >= 10) break;
      }
      expect(found, path.relative(dataDir, file)).toBe(expectedProfile(file));
      seen.add(found!);
    }
    // Every layout ssos declares has a real file behind it, except DESE's open-data layouts, which no file in
    // ../shared/data has: the synthetic Commonwealth writes them (test/ingest/synthetic-aggregates.test.ts).
    expect([...seen].sort()).toEqual(
      deseProfiles
        .map((p) => p.id)
        .filter((id) => !id.startsWith('e2c_'))
        .sort(),
    );
  });

  it('reads an older row by its year layout: a 2018-19 attendance row has no 20% chronic absence cell', () => {
    const profile = byId.get('school_attendance')!;
    const header =
      'Raw likert calculation,Likert Score,Admin Data Item,Academic Year,School Name,DESE ID,Attendance Rate,Average # of Absences,Absent 10 or more days,Chronically Absent (10% or more),Chronically Absent (20% or more),Unexcused > 9 days'.split(
        ',',
      );
    const prepared = prepareFile(profile, bindHeader(profile, header), header, {
      fileName: '2C_1_attendance.csv',
      title: '',
      padRows: false,
    });
    if (!prepared.ok) throw new Error('not prepared');
    const row = interpretRow(
      prepared.file,
      '0.72,1,a-vale-i1,2018-19,Abington-Abington High,00010505,  93.7,  11.0,  45.9,  18.2,  23.4'.split(','),
    );
    if (row.kind !== 'row') throw new Error(JSON.stringify(row));
    expect(Object.fromEntries(row.values.map((v) => [v.indicator, v.value]))).toEqual({
      attendance_rate: 93.7,
      average_absences: 11,
      absent_10_plus_days_pct: 45.9,
      chronic_absence_pct: 18.2,
      unexcused_absence_over_9_days_pct: 23.4,
    });
    const full = interpretRow(
      prepared.file,
      '0.72,1,a-vale-i1,2018-19,Abington-Abington High,00010505,  93.7,  11.0,  45.9,  18.2,  23.4,  1.0'.split(','),
    );
    expect(full).toEqual({
      kind: 'problems',
      problems: [{ column: '(line)', problem: 'has 12 cells; rows of 2019 have 11' }],
    });
  });
});
