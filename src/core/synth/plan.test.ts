import { describe, expect, it } from 'vitest';
import { deseCodeSchema, districtCodeOf, gradeSpanCategory, type Organization } from '../orgs/organization.ts';
import { planCommonwealth } from './plan.ts';

const full = planCommonwealth({ seed: 'plan-test', scale: 1 });
const districts = full.organizations.filter((o) => o.level === 'district');
const schools = full.organizations.filter((o) => o.level === 'school');
const byCode = new Map(full.organizations.map((o) => [o.code, o]));

describe('planCommonwealth at scale 1', () => {
  it('is shaped like Massachusetts: about 400 districts, 1,800 schools and 920,000 students', () => {
    expect(districts.length).toBeGreaterThan(380);
    expect(districts.length).toBeLessThan(430);
    expect(schools.length).toBeGreaterThan(1650);
    expect(schools.length).toBeLessThan(2000);
    const enrollment = full.districts.reduce((s, d) => s + d.enrollment, 0);
    expect(enrollment).toBeGreaterThan(900_000);
    expect(enrollment).toBeLessThan(940_000);
    expect(full.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('has the state, two regions, and every district in one of them', () => {
    expect(full.organizations[0]).toMatchObject({ code: '00000000', level: 'state' });
    expect(full.organizations.filter((o) => o.level === 'region').map((o) => o.code)).toEqual([
      'coastal',
      'west-central',
    ]);
    for (const d of districts) {
      expect(['coastal', 'west-central']).toContain(d.regionCode);
      expect(d.parentCode).toBe('00000000');
    }
    const coastal = districts.filter((d) => d.regionCode === 'coastal').length;
    expect(coastal / districts.length).toBeGreaterThan(0.3);
    expect(coastal / districts.length).toBeLessThan(0.7);
  });

  it('gives every organization a unique 8-digit DESE-style code under its district', () => {
    const codes = [...districts, ...schools].map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of [...districts, ...schools]) expect(deseCodeSchema.safeParse(o.code).success).toBe(true);
    for (const d of districts) expect(d.code.endsWith('0000')).toBe(true);
    for (const s of schools) {
      expect(s.parentCode).toBe(districtCodeOf(s.code));
      expect(byCode.get(s.parentCode!)?.level).toBe('district');
    }
  });

  it('numbers districts and schools the way DESE does', () => {
    const number = (o: Organization) => Number(o.code.slice(0, 4));
    for (const d of districts) {
      const n = number(d);
      if (d.type === 'local') expect(n).toBeLessThan(400);
      if (d.type === 'charter') expect(n >= 400 && n < 500).toBe(true);
      if (d.type === 'regional') expect(n >= 600 && n < 800).toBe(true);
      if (d.type === 'vocational') expect(n >= 800 && n < 900).toBe(true);
    }
    const suffix = (o: Organization) => Number(o.code.slice(4));
    for (const s of schools) {
      const span = gradeSpanCategory(s.grades);
      if (s.type === 'vocational') expect(suffix(s)).toBeGreaterThanOrEqual(600);
      else if (span === 'HS' && s.type === 'public') expect(suffix(s) >= 500 && suffix(s) < 600).toBe(true);
      else if (span === 'MS' && s.type === 'public') expect(suffix(s) >= 300 && suffix(s) < 500).toBe(true);
      else if (span === 'ES' && s.type === 'public') expect(suffix(s)).toBeLessThan(300);
    }
  });

  it('has local, regional, vocational and charter districts with their usual shapes', () => {
    const count = (t: string) => districts.filter((d) => d.type === t).length;
    expect(count('local')).toBeGreaterThan(200);
    expect(count('regional')).toBeGreaterThan(30);
    expect(count('vocational')).toBeGreaterThan(15);
    expect(count('charter')).toBeGreaterThan(50);
    const schoolsOf = (d: Organization) => schools.filter((s) => s.parentCode === d.code);
    for (const d of districts) {
      const own = schoolsOf(d);
      expect(own.length).toBeGreaterThan(0);
      if (d.type === 'charter') {
        expect(own).toHaveLength(1);
        expect(own[0]!.type).toBe('charter');
      }
      if (d.type === 'vocational') {
        expect(own).toHaveLength(1);
        expect(own[0]!.grades).toEqual(['09', '10', '11', '12']);
        expect(own[0]!.type).toBe('vocational');
      }
    }
  });

  it('covers every grade span, and opens and closes some schools over the years', () => {
    const spans = new Set(schools.map((s) => gradeSpanCategory(s.grades)));
    for (const span of ['ES', 'ESMS', 'MS', 'MSHS', 'HS', 'K-12'] as const) expect(spans).toContain(span);
    const opened = schools.filter((s) => s.openedYear !== null);
    const closed = schools.filter((s) => s.closedYear !== null);
    expect(opened.length).toBeGreaterThan(5);
    expect(closed.length).toBeGreaterThan(2);
    for (const s of [...opened, ...closed]) {
      if (s.openedYear !== null) expect(s.openedYear).toBeGreaterThan(full.firstYear);
      if (s.closedYear !== null) expect(s.closedYear).toBeLessThan(full.lastYear);
    }
  });

  it('names schools with plausible, distinct names', () => {
    const names = schools.map((s) => `${s.parentCode} ${s.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(schools.some((s) => / High School$/.test(s.name))).toBe(true);
    expect(schools.some((s) => / Elementary School$/.test(s.name))).toBe(true);
    expect(districts.some((d) => / Regional Vocational Technical$/.test(d.name))).toBe(true);
    expect(districts.some((d) => / \(District\)$/.test(d.name))).toBe(true);
  });
});

describe('planCommonwealth at other scales and seeds', () => {
  it('returns the same plan for the same options and a different one for another seed', () => {
    expect(planCommonwealth({ seed: 'plan-test', scale: 0.05 })).toEqual(
      planCommonwealth({ seed: 'plan-test', scale: 0.05 }),
    );
    const other = planCommonwealth({ seed: 'another', scale: 0.05 });
    expect(other.organizations.map((o) => o.name)).not.toEqual(
      planCommonwealth({ seed: 'plan-test', scale: 0.05 }).organizations.map((o) => o.name),
    );
  });

  it('makes a small state of whole districts: fewer districts, the same district plans and school sizes', () => {
    const small = planCommonwealth({ seed: 'plan-test', scale: 0.05 });
    const enrollment = small.districts.reduce((s, d) => s + d.enrollment, 0);
    expect(enrollment).toBeGreaterThan(0.05 * 920_000 * 0.6);
    expect(enrollment).toBeLessThan(0.05 * 920_000 * 1.5);
    expect(small.districts.length).toBeLessThan(40);
    const fullByCode = new Map(full.districts.map((d) => [d.code, d]));
    for (const d of small.districts) expect(d).toEqual(fullByCode.get(d.code));
    for (const kind of ['city', 'town', 'regional', 'vocational', 'charter'] as const) {
      expect(small.districts.some((d) => d.kind === kind)).toBe(true);
    }
    const medianSchoolSize = (plan: typeof full) => {
      const sizes = plan.districts
        .flatMap((d) => d.families)
        .map((f) => f.gradeSize * (f.highGrade - Math.max(0, f.lowGrade) + 1))
        .sort((a, b) => a - b);
      return sizes[Math.floor(sizes.length / 2)]!;
    };
    expect(medianSchoolSize(small) / medianSchoolSize(full)).toBeGreaterThan(0.6);
    expect(medianSchoolSize(small) / medianSchoolSize(full)).toBeLessThan(1.6);
  });

  it('refuses scales it cannot make', () => {
    expect(() => planCommonwealth({ seed: 1, scale: 0 })).toThrow();
    expect(() => planCommonwealth({ seed: 1, scale: 11 })).toThrow();
  });
});
