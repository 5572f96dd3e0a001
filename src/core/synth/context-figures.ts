import { createRandom, type Random } from '../stats/random.ts';
import type { CommonwealthPlan, DistrictPlan, SchoolFamilyPlan } from './types.ts';

/**
 * The synthetic Commonwealth's figures that do not come from student records: staffing, class size, spending and
 * college-going, for every school, district and the state, every year. They are invented from each organization's
 * size and neighbourhood (the plan's low-income shares), with a lasting organization effect and a small yearly
 * drift, so that a DART of the demo has every area and comparable organizations look alike. Each organization draws
 * from its own seeded generator: the figures do not depend on the order anything is generated in. The levels are
 * loosely those of Massachusetts (docs/synthetic-commonwealth.md): they are demo data, not estimates.
 */

/** The files the figures are written to, in DESE's open-data layout (core/dese/profiles/e2c.ts), and their columns. */
export const contextTables = {
  staffing: {
    file: 'staffing.csv',
    columns: [
      'FTE_TEACHERS',
      'STU_TCHR_RATIO',
      'PCT_LICENSED',
      'PCT_EXPERIENCED',
      'PCT_IN_FIELD',
      'TCHR_RETAIN_PCT',
      'PRIN_RETAIN_PCT',
      'AVG_CLASS_SIZE',
    ],
  },
  finance: {
    file: 'finance.csv',
    columns: ['AVG_TCHR_SALARY', 'IN_DIST_PPE', 'TOTAL_PPE', 'NSS_PCT_REQ'],
  },
  college: { file: 'college_going.csv', columns: ['GRAD_CNT', 'ATTEND_COLL_PCT'] },
} as const;
export type ContextTable = keyof typeof contextTables;

/** One row: the organization's code, name, level and district, the year, and the table's cells in column order. */
export interface ContextRow {
  year: number;
  orgCode: string;
  orgName: string;
  level: 'school' | 'district' | 'state';
  districtCode: string | null;
  districtName: string | null;
  cells: (number | null)[];
}

export type ContextRows = Record<ContextTable, ContextRow[]>;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** A figure with a lasting effect and a yearly drift: level + effect + drift that wanders a little each year. */
function drifting(random: Random, sd: number, driftSd: number, years: number): number[] {
  const effect = random.normal() * sd;
  let drift = 0;
  return Array.from({ length: years }, () => {
    drift = 0.6 * drift + random.normal() * driftSd;
    return effect + drift;
  });
}

interface SiteYear {
  code: string;
  name: string;
  enrollment: number;
  family: SchoolFamilyPlan;
}

/** The buildings of a district open in each year, with an approximate enrollment. */
function sitesByYear(plan: CommonwealthPlan, district: DistrictPlan): Map<number, SiteYear[]> {
  const out = new Map<number, SiteYear[]>();
  plan.years.forEach((year, i) => {
    const list: SiteYear[] = [];
    for (const family of district.families) {
      const open = family.sites.filter(
        (s) => (s.openedYear === null || s.openedYear <= year) && (s.closedYear === null || s.closedYear > year),
      );
      if (open.length === 0) continue;
      const grades = family.highGrade - Math.max(0, family.lowGrade) + 1 + family.prekShare;
      const enrollment = (family.gradeSize * grades * (1 + district.cohortTrend) ** i) / open.length;
      for (const s of open) list.push({ code: s.code, name: s.name, enrollment: Math.max(5, enrollment), family });
    }
    out.set(year, list);
  });
  return out;
}

/** Staffing and class size of one school, every year (before rounding; enrollment-weighted later). */
function schoolStaffing(seed: string, family: SchoolFamilyPlan, years: number) {
  const random = createRandom(seed);
  const poverty = family.lowIncomeShare - 0.4;
  const high = family.highGrade >= 9 && family.lowGrade >= 6;
  const ratio = drifting(random, 1.1, 0.35, years).map((e) =>
    clamp(
      (family.kind === 'regional-vocational' || family.kind === 'technical-high' ? 11 : 12.8) - 2 * poverty + e,
      8,
      19,
    ),
  );
  const classSize = drifting(random, 1.4, 0.5, years).map((e) => clamp((high ? 18.5 : 19.5) - 3 * poverty + e, 11, 26));
  const licensed = drifting(random, 1.2, 0.6, years).map((e) =>
    clamp(97.5 - 10 * Math.max(0, poverty) - (family.kind === 'charter' ? 6 : 0) + e, 70, 100),
  );
  const experienced = drifting(random, 4, 1.5, years).map((e) => clamp(81 - 18 * poverty + e, 45, 98));
  const inField = drifting(random, 2, 0.8, years).map((e) => clamp(94 - 8 * poverty + e, 70, 100));
  const retention = drifting(random, 3, 1.5, years).map((e) => clamp(87 - 10 * poverty + e, 60, 99));
  const principalStays = Array.from({ length: years }, () => random.next() < 0.84 - 0.1 * poverty);
  return { ratio, classSize, licensed, experienced, inField, retention, principalStays };
}

/** Every context figure of the plan's organizations, by table. */
export function generateContextFigures(plan: CommonwealthPlan): ContextRows {
  const rows: ContextRows = { staffing: [], finance: [], college: [] };
  const n = plan.years.length;
  const state = {
    enrollment: new Array<number>(n).fill(0),
    fte: new Array<number>(n).fill(0),
    weighted: Array.from({ length: n }, () => ({
      licensed: 0,
      experienced: 0,
      inField: 0,
      retention: 0,
      classSize: 0,
    })),
    principals: Array.from({ length: n }, () => ({ stayed: 0, all: 0 })),
    salary: new Array<number>(n).fill(0),
    ppeIn: new Array<number>(n).fill(0),
    ppeTotal: new Array<number>(n).fill(0),
    nss: new Array<number>(n).fill(0),
    grads: new Array<number>(n).fill(0),
    college: new Array<number>(n).fill(0),
  };
  const stateName = plan.organizations.find((o) => o.level === 'state')?.name ?? 'State';
  for (const district of plan.districts) {
    const sites = sitesByYear(plan, district);
    const staffing = new Map(
      district.families.map((f) => [f.index, schoolStaffing(`${plan.seed}:context:${district.code}:${f.index}`, f, n)]),
    );
    const random = createRandom(`${plan.seed}:context:${district.code}`);
    const districtPoverty =
      district.families.reduce((s, f) => s + f.lowIncomeShare * f.gradeSize, 0) /
        Math.max(
          1,
          district.families.reduce((s, f) => s + f.gradeSize, 0),
        ) -
      0.4;
    const salaryEffect = drifting(random, 4000, 600, n);
    const ppeEffect = drifting(random, 1500, 300, n);
    const nssEffect = drifting(random, 8, 2, n);
    const collegeEffect = drifting(random, 4, 1.5, n);
    const small = district.enrollment < 1500 ? 1 : 0;
    plan.years.forEach((year, i) => {
      const open = sites.get(year) ?? [];
      if (open.length === 0) return;
      let enrollment = 0;
      let fte = 0;
      const w = { licensed: 0, experienced: 0, inField: 0, retention: 0, classSize: 0 };
      const principals = { stayed: 0, all: 0 };
      let grads = 0;
      let collegeSum = 0;
      for (const site of open) {
        const s = staffing.get(site.family.index)!;
        const siteFte = site.enrollment / s.ratio[i]!;
        enrollment += site.enrollment;
        fte += siteFte;
        w.licensed += s.licensed[i]! * siteFte;
        w.experienced += s.experienced[i]! * siteFte;
        w.inField += s.inField[i]! * siteFte;
        w.retention += s.retention[i]! * siteFte;
        w.classSize += s.classSize[i]! * site.enrollment;
        principals.all++;
        if (s.principalStays[i]) principals.stayed++;
        rows.staffing.push({
          year,
          orgCode: site.code,
          orgName: site.name,
          level: 'school',
          districtCode: district.code,
          districtName: district.name,
          cells: [
            round(siteFte, 1),
            round(s.ratio[i]!, 1),
            round(s.licensed[i]!, 1),
            round(s.experienced[i]!, 1),
            round(s.inField[i]!, 1),
            round(s.retention[i]!, 1),
            s.principalStays[i] ? 100 : 0,
            round(s.classSize[i]!, 1),
          ],
        });
        if (site.family.highGrade === 12) {
          const siteGrads = Math.max(
            0,
            Math.round((site.enrollment / (site.family.highGrade - Math.max(0, site.family.lowGrade) + 1)) * 0.88),
          );
          const pct = clamp(
            (site.family.kind === 'regional-vocational' || site.family.kind === 'technical-high' ? 58 : 76) -
              40 * (site.family.lowIncomeShare - 0.4) +
              collegeEffect[i]! +
              (site.family.alternative ? -25 : 0),
            10,
            98,
          );
          grads += siteGrads;
          collegeSum += pct * siteGrads;
          rows.college.push({
            year,
            orgCode: site.code,
            orgName: site.name,
            level: 'school',
            districtCode: district.code,
            districtName: district.name,
            cells: [siteGrads, round(pct, 1)],
          });
        }
      }
      const grow = 1.032 ** i;
      const salary = clamp(76000 + 9000 * -districtPoverty + salaryEffect[i]!, 52000, 120000) * grow;
      const ppeIn = clamp(17500 + 9000 * districtPoverty + 2500 * small + ppeEffect[i]!, 12000, 40000) * 1.035 ** i;
      const ppeTotal = ppeIn * (1.1 + 0.02 * random.normal());
      const nss = clamp(112 - 25 * districtPoverty + nssEffect[i]!, 100, 190);
      rows.staffing.push({
        year,
        orgCode: district.code,
        orgName: district.name,
        level: 'district',
        districtCode: district.code,
        districtName: district.name,
        cells: [
          round(fte, 1),
          round(enrollment / fte, 1),
          round(w.licensed / fte, 1),
          round(w.experienced / fte, 1),
          round(w.inField / fte, 1),
          round(w.retention / fte, 1),
          round((100 * principals.stayed) / principals.all, 1),
          round(w.classSize / enrollment, 1),
        ],
      });
      rows.finance.push({
        year,
        orgCode: district.code,
        orgName: district.name,
        level: 'district',
        districtCode: district.code,
        districtName: district.name,
        cells: [Math.round(salary), round(ppeIn, 2), round(ppeTotal, 2), round(nss, 1)],
      });
      if (grads > 0)
        rows.college.push({
          year,
          orgCode: district.code,
          orgName: district.name,
          level: 'district',
          districtCode: district.code,
          districtName: district.name,
          cells: [grads, round(collegeSum / grads, 1)],
        });
      state.enrollment[i]! += enrollment;
      state.fte[i]! += fte;
      const sw = state.weighted[i]!;
      sw.licensed += w.licensed;
      sw.experienced += w.experienced;
      sw.inField += w.inField;
      sw.retention += w.retention;
      sw.classSize += w.classSize;
      state.principals[i]!.stayed += principals.stayed;
      state.principals[i]!.all += principals.all;
      state.salary[i]! += salary * fte;
      state.ppeIn[i]! += ppeIn * enrollment;
      state.ppeTotal[i]! += ppeTotal * enrollment;
      state.nss[i]! += nss * enrollment;
      state.grads[i]! += grads;
      state.college[i]! += collegeSum;
    });
  }
  plan.years.forEach((year, i) => {
    const fte = state.fte[i]!;
    const enrollment = state.enrollment[i]!;
    if (fte === 0 || enrollment === 0) return;
    const sw = state.weighted[i]!;
    const base = {
      year,
      orgCode: '00000000',
      orgName: stateName,
      level: 'state' as const,
      districtCode: null,
      districtName: null,
    };
    rows.staffing.push({
      ...base,
      cells: [
        round(fte, 1),
        round(enrollment / fte, 1),
        round(sw.licensed / fte, 1),
        round(sw.experienced / fte, 1),
        round(sw.inField / fte, 1),
        round(sw.retention / fte, 1),
        round((100 * state.principals[i]!.stayed) / state.principals[i]!.all, 1),
        round(sw.classSize / enrollment, 1),
      ],
    });
    rows.finance.push({
      ...base,
      cells: [
        Math.round(state.salary[i]! / fte),
        round(state.ppeIn[i]! / enrollment, 2),
        round(state.ppeTotal[i]! / enrollment, 2),
        round(state.nss[i]! / enrollment, 1),
      ],
    });
    if (state.grads[i]! > 0)
      rows.college.push({ ...base, cells: [state.grads[i]!, round(state.college[i]! / state.grads[i]!, 1)] });
  });
  return rows;
}

/** The CSV header of a context table: the open-data prefix, then the table's columns. */
export function contextHeader(table: ContextTable): string[] {
  return [
    'SY',
    'DIST_CODE',
    'DIST_NAME',
    'ORG_CODE',
    'ORG_NAME',
    'ORG_TYPE',
    'STU_GRP',
    ...contextTables[table].columns,
  ];
}

/** The cells of a context row under `contextHeader` (all students: `STU_GRP` "All Students"). */
export function contextCells(row: ContextRow): string[] {
  const orgType = row.level === 'school' ? 'School' : row.level === 'district' ? 'District' : 'State';
  return [
    String(row.year),
    row.districtCode ?? '',
    row.districtName ?? '',
    row.orgCode,
    row.orgName,
    orgType,
    'All Students',
    ...row.cells.map((c) => (c === null ? '' : String(c))),
  ];
}
