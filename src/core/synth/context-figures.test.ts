import { describe, expect, it } from 'vitest';
import { contextCells, contextHeader, contextTables, generateContextFigures } from './context-figures.ts';
import { planCommonwealth } from './plan.ts';

describe('synthetic context figures (staffing, spending, college-going)', () => {
  const plan = planCommonwealth({ seed: 7, scale: 0.02 });
  const rows = generateContextFigures(plan);
  const col = (table: keyof typeof contextTables, name: string) =>
    (contextTables[table].columns as readonly string[]).indexOf(name);

  it('are the same for the same plan, row for row', () => {
    expect(generateContextFigures(planCommonwealth({ seed: 7, scale: 0.02 }))).toEqual(rows);
    expect(generateContextFigures(planCommonwealth({ seed: 8, scale: 0.02 }))).not.toEqual(rows);
  });

  it('give every open school, district and the state staffing each year; spending for districts and the state', () => {
    for (const year of plan.years) {
      const staffing = rows.staffing.filter((r) => r.year === year);
      expect(staffing.filter((r) => r.level === 'state')).toHaveLength(1);
      expect(staffing.filter((r) => r.level === 'district')).toHaveLength(plan.districts.length);
      const finance = rows.finance.filter((r) => r.year === year);
      expect(finance.filter((r) => r.level === 'school')).toHaveLength(0);
      expect(finance).toHaveLength(plan.districts.length + 1);
    }
    const schools = new Set(plan.organizations.filter((o) => o.level === 'school').map((o) => o.code));
    for (const r of rows.staffing.filter((x) => x.level === 'school')) expect(schools.has(r.orgCode)).toBe(true);
  });

  it("add up: a district's teachers are its schools' teachers; percentages and ratios stay in range", () => {
    const fte = col('staffing', 'FTE_TEACHERS');
    for (const d of rows.staffing.filter((r) => r.level === 'district')) {
      const schools = rows.staffing.filter(
        (r) => r.level === 'school' && r.districtCode === d.orgCode && r.year === d.year,
      );
      const sum = schools.reduce((s, r) => s + r.cells[fte]!, 0);
      expect(Math.abs(d.cells[fte]! - sum)).toBeLessThanOrEqual(0.05 * schools.length + 0.1);
    }
    for (const r of rows.staffing) {
      for (const name of ['PCT_LICENSED', 'PCT_EXPERIENCED', 'PCT_IN_FIELD', 'TCHR_RETAIN_PCT', 'PRIN_RETAIN_PCT']) {
        const v = r.cells[col('staffing', name)]!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
      }
      expect(r.cells[col('staffing', 'STU_TCHR_RATIO')]).toBeGreaterThan(5);
      expect(r.cells[col('staffing', 'AVG_CLASS_SIZE')]).toBeGreaterThan(8);
    }
    for (const r of rows.finance) expect(r.cells[col('finance', 'NSS_PCT_REQ')]).toBeGreaterThanOrEqual(100);
  });

  it('report college-going only for organizations with graduates', () => {
    const highSchools = new Set(
      plan.districts.flatMap((d) =>
        d.families.filter((f) => f.highGrade === 12).flatMap((f) => f.sites.map((s) => s.code)),
      ),
    );
    const schoolRows = rows.college.filter((r) => r.level === 'school');
    expect(schoolRows.length).toBeGreaterThan(0);
    for (const r of schoolRows) expect(highSchools.has(r.orgCode)).toBe(true);
  });

  it('write in the open-data layout: prefix, then the columns, all students', () => {
    expect(contextHeader('college')).toEqual([
      'SY',
      'DIST_CODE',
      'DIST_NAME',
      'ORG_CODE',
      'ORG_NAME',
      'ORG_TYPE',
      'STU_GRP',
      'GRAD_CNT',
      'ATTEND_COLL_PCT',
    ]);
    const state = rows.finance.find((r) => r.level === 'state')!;
    const cells = contextCells(state);
    expect(cells.slice(0, 7)).toEqual([String(state.year), '', '', '00000000', state.orgName, 'State', 'All Students']);
  });
});
