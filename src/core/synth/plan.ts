import { gradeCodes, stateOrgCode, type GradeCode, type Organization } from '../orgs/organization.ts';
import { createRandom, type Random } from '../stats/random.ts';
import { raceEthnicities } from '../students/records.ts';
import { NameBook, makeCharterTheme, makePersonName, makeRiverName, makeSurname, makeTownName } from './names.ts';
import { model } from './parameters.ts';
import type {
  CommonwealthOptions,
  CommonwealthPlan,
  DistrictKind,
  DistrictPlan,
  SchoolEffects,
  SchoolFamilyPlan,
  SchoolKind,
} from './types.ts';

/** Students in the whole state at scale 1, in the first year (Massachusetts enrolls about 915,000). */
export const studentsAtScaleOne = 920_000;

/** The largest supported scale (district codes run out beyond it). */
export const maxScale = 10;

/**
 * District counts per copy of the state (Massachusetts 2017: 410 districts, 1,861 schools): the largest cities, other
 * towns with their own K-12 district, small towns with an elementary district whose older students attend a
 * secondary regional district, academic regional K-12 districts, regional vocational-technical districts, and
 * charter districts (one school each).
 */
const districtCounts = {
  city: 25,
  town: 190,
  secondaryRegional: 24,
  elementaryTown: 40,
  regional: 28,
  vocational: 26,
  charter: 70,
} as const;

/** Relative enrollments of the 25 largest cities, shaped like Boston, Springfield, Worcester, Brockton, Lynn, ... */
const citySizes = [
  52000, 25000, 24500, 16500, 15000, 14300, 13500, 12700, 12400, 10000, 9200, 8600, 8100, 7600, 7200, 6800, 6500, 6300,
  6100, 5900, 5700, 5500, 5300, 5150, 5000,
];

/** Where DESE-like district code numbers come from, per kind, first range first (scale 1 uses only the first). */
const codeRanges: Record<'local' | 'regional' | 'vocational' | 'charter', Array<[number, number]>> = {
  local: [
    [1, 399],
    [1000, 3499],
  ],
  charter: [
    [401, 499],
    [3500, 3999],
    [4000, 4999],
  ],
  regional: [
    [600, 799],
    [5000, 6999],
  ],
  vocational: [
    [801, 899],
    [7000, 7999],
  ],
};

interface SkeletonDistrict {
  kind: DistrictKind;
  enrollment: number;
  ses: number;
  east: number;
  /** For secondary regionals and their elementary towns: the group they belong to. */
  group: number;
  charterSpan?: [number, number];
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const lognormal = (rng: Random, median: number, sdLog: number): number => median * Math.exp(rng.normal(0, sdLog));

/** The skeleton of one copy of the state: district kinds, sizes, affluence and east-west position. */
function buildSkeleton(rng: Random, copy: number): SkeletonDistrict[] {
  const out: SkeletonDistrict[] = [];
  let group = copy * 1000;
  for (const size of citySizes) {
    // Most large cities are poor; about one in five is an affluent suburb-city.
    const affluent = rng.next() < 0.2;
    out.push({
      kind: 'city',
      enrollment: size * Math.exp(rng.normal(0, 0.05)),
      ses: affluent ? rng.normal(0.9, 0.4) : rng.normal(-1.45, 0.45),
      east: rng.normal(0.25, 1),
      group: -1,
    });
  }
  for (let i = 0; i < districtCounts.town; i++) {
    out.push({
      kind: 'town',
      enrollment: clamp(lognormal(rng, 2150, 0.62), 350, 8000),
      ses: rng.normal(0.35, 0.75),
      east: rng.normal(0, 1),
      group: -1,
    });
  }
  // Secondary regionals and the elementary towns that send them their students (1 to 3 towns each).
  let elementaryLeft = districtCounts.elementaryTown;
  for (let i = 0; i < districtCounts.secondaryRegional; i++) {
    group += 1;
    const left = districtCounts.secondaryRegional - i;
    const members =
      i === districtCounts.secondaryRegional - 1
        ? elementaryLeft
        : clamp(rng.int(1, 3), 1, elementaryLeft - (left - 1));
    elementaryLeft -= members;
    const ses = rng.normal(0.45, 0.65);
    const east = rng.normal(-0.3, 1);
    let elementaryTotal = 0;
    for (let m = 0; m < members; m++) {
      const e = clamp(lognormal(rng, 650, 0.5), 150, 2500);
      elementaryTotal += e;
      out.push({ kind: 'elementary-town', enrollment: e, ses: ses + rng.normal(0, 0.35), east, group });
    }
    // The secondary district enrolls grades 7-12 (or 9-12) of its member towns: about half their elementary size.
    out.push({
      kind: 'secondary-regional',
      enrollment: elementaryTotal * (0.75 + rng.normal(0, 0.1)),
      ses,
      east,
      group,
    });
  }
  for (let i = 0; i < districtCounts.regional; i++) {
    out.push({
      kind: 'regional',
      enrollment: clamp(lognormal(rng, 2500, 0.5), 500, 7000),
      ses: rng.normal(0.25, 0.7),
      east: rng.normal(-0.35, 1),
      group: -1,
    });
  }
  for (let i = 0; i < districtCounts.vocational; i++) {
    out.push({
      kind: 'vocational',
      enrollment: clamp(lognormal(rng, 1150, 0.4), 450, 2400),
      ses: rng.normal(-0.45, 0.5),
      east: rng.normal(0, 1),
      group: -1,
    });
  }
  const charterSpans: Array<[number, number, number]> = [
    [0, 8, 0.25],
    [0, 5, 0.1],
    [5, 8, 0.12],
    [6, 8, 0.08],
    [6, 12, 0.15],
    [9, 12, 0.15],
    [0, 12, 0.1],
    [5, 12, 0.05],
  ];
  for (let i = 0; i < districtCounts.charter; i++) {
    const span = charterSpans[rng.weighted(charterSpans.map((s) => s[2]))]!;
    out.push({
      kind: 'charter',
      enrollment: clamp(lognormal(rng, 520, 0.55), 150, 1800),
      ses: rng.normal(-1.0, 0.65),
      east: rng.normal(0.4, 0.9),
      group: -1,
      charterSpan: [span[0], span[1]],
    });
  }
  return out;
}

/** Chooses the districts of a state at `scale` from the skeleton: stratified systematic samples by kind and size. */
function sampleSkeleton(rng: Random, skeleton: SkeletonDistrict[], scale: number, copies: number): SkeletonDistrict[] {
  const fraction = scale / copies;
  if (fraction >= 0.999) return skeleton;
  const target = studentsAtScaleOne * scale;
  const maxSize = Math.max(0.35 * target, 1200);
  const chosen: SkeletonDistrict[] = [];
  const pick = (candidates: SkeletonDistrict[], count: number): SkeletonDistrict[] => {
    const sorted = candidates.slice().sort((a, b) => a.enrollment - b.enrollment);
    const fitting = sorted.filter((d) => d.enrollment <= maxSize);
    const pool = fitting.length >= count ? fitting : sorted;
    const step = pool.length / count;
    const start = rng.next() * step;
    const out: SkeletonDistrict[] = [];
    for (let i = 0; i < count; i++) out.push(pool[Math.min(pool.length - 1, Math.floor(start + i * step))]!);
    return out;
  };
  for (const kind of ['city', 'town', 'regional', 'vocational', 'charter'] as const) {
    const candidates = skeleton.filter((d) => d.kind === kind);
    const count = Math.max(1, Math.round(candidates.length * fraction));
    chosen.push(...pick(candidates, Math.min(count, candidates.length)));
  }
  // Secondary regionals come with their elementary towns.
  const secondaries = skeleton.filter((d) => d.kind === 'secondary-regional');
  const count = Math.max(1, Math.round(secondaries.length * fraction));
  for (const s of pick(secondaries, Math.min(count, secondaries.length))) {
    chosen.push(s, ...skeleton.filter((d) => d.kind === 'elementary-town' && d.group === s.group));
  }
  return chosen;
}

class CodeAllocator {
  private readonly next: Record<string, { range: number; value: number }> = {};

  take(type: keyof typeof codeRanges): number {
    const ranges = codeRanges[type];
    const state = (this.next[type] ??= { range: 0, value: ranges[0]![0] });
    for (;;) {
      const range = ranges[state.range];
      if (!range) throw new Error(`district codes for ${type} ran out: lower the scale`);
      if (state.value <= range[1]) {
        const v = state.value;
        state.value += type === 'regional' && state.range === 0 ? 3 : 1;
        return v;
      }
      state.range += 1;
      state.value = ranges[state.range]?.[0] ?? 0;
    }
  }
}

const districtNumber = (n: number): string => String(n).padStart(4, '0');

/** Gives each school number the DESE convention for its kind: 00xx-02xx elementary, 03xx/04xx middle, 05xx high. */
class SchoolNumbers {
  private readonly used = new Set<number>();

  take(kind: SchoolKind): number {
    const [start, step, end, lo, hi] = schoolNumberRange(kind);
    // Preferred numbers first (multiples of 5 from `start`), then any free number of the kind's hundreds.
    for (let n = start; step > 0 ? n <= end : n >= end; n += step) if (this.claim(n)) return n;
    for (let n = lo; n <= hi; n++) if (this.claim(n)) return n;
    for (let n = 700; n < 10000; n++) if (this.claim(n)) return n;
    throw new Error('school numbers ran out');
  }

  private claim(n: number): boolean {
    if (this.used.has(n)) return false;
    this.used.add(n);
    return true;
  }
}

/** Preferred numbers (start, step, end) and the range (lo, hi) a kind of school is numbered in. */
function schoolNumberRange(kind: SchoolKind): [number, number, number, number, number] {
  switch (kind) {
    case 'early-childhood':
      return [1, 1, 4, 1, 299];
    case 'elementary':
    case 'lower-elementary':
    case 'upper-elementary':
      return [5, 5, 295, 1, 299];
    case 'k8':
      return [295, -5, 200, 1, 299];
    case 'middle':
      return [305, 5, 495, 300, 499];
    case 'middle-high':
    case 'high':
      return [505, 5, 575, 500, 599];
    case 'alternative-high':
      return [595, -5, 580, 500, 599];
    case 'technical-high':
    case 'regional-vocational':
      return [605, 5, 695, 600, 699];
    case 'k12':
    case 'charter':
      return [105, 5, 195, 100, 199];
  }
}

interface FamilyDraft {
  kind: SchoolKind;
  lowGrade: number;
  highGrade: number;
  /** Relative size among families of the same level. */
  weight: number;
}

/** The school families of one district: grade configuration, how many schools per level, their relative sizes. */
function draftFamilies(rng: Random, d: SkeletonDistrict): FamilyDraft[] {
  const e = d.enrollment;
  const w = (): number => Math.exp(rng.normal(0, 0.35));
  const level = (kind: SchoolKind, lo: number, hi: number, count: number): FamilyDraft[] =>
    Array.from({ length: Math.max(1, count) }, () => ({ kind, lowGrade: lo, highGrade: hi, weight: w() }));
  switch (d.kind) {
    case 'charter': {
      const [lo, hi] = d.charterSpan!;
      return [{ kind: 'charter', lowGrade: lo, highGrade: hi, weight: 1 }];
    }
    case 'vocational':
      return [{ kind: 'regional-vocational', lowGrade: 9, highGrade: 12, weight: 1 }];
    case 'secondary-regional': {
      const u = rng.next();
      if (u < 0.3) return level('high', 9, 12, 1);
      if (u < 0.65) return level('middle-high', 7, 12, 1);
      return [...level('middle', 7, 8, 1), ...level('high', 9, 12, 1)];
    }
    case 'elementary-town': {
      const hi = rng.next() < 0.55 ? 6 : 8;
      // Its partner secondary regional starts at 7 or 9; the elementary town keeps its students until then.
      const lo = rng.next() < 0.7 ? -1 : 0;
      return level('elementary', lo, hi, e > 900 ? 2 : 1);
    }
    default:
      break;
  }
  // K-12 districts: towns, regionals and cities.
  const perGrade = e / 13.3;
  const pk = rng.next() < 0.75 ? -1 : 0;
  if (e < 650) {
    const u = rng.next();
    if (u < 0.12) return level('k12', pk, 12, 1);
    if (u < 0.55) return [...level('elementary', pk, 6, 1), ...level('middle-high', 7, 12, 1)];
    return [...level('elementary', pk, 8, 1), ...level('high', 9, 12, 1)];
  }
  const esTarget = 420 * Math.exp(rng.normal(0, 0.22));
  const msTarget = 620 * Math.exp(rng.normal(0, 0.25));
  const hsCount = e > 9000 ? Math.round((perGrade * 4) / (1500 * Math.exp(rng.normal(0, 0.2)))) : 1;
  const out: FamilyDraft[] = [];
  let esLow = pk;
  if (pk === -1 && e > 3000 && rng.next() < 0.5) {
    out.push(...level('early-childhood', -1, -1, e > 20000 ? 3 : 1));
    esLow = 0;
  }
  const configs: Array<[string, number]> =
    e < 1400
      ? [
          ['K5-68-912', 0.35],
          ['K6-78-912', 0.15],
          ['K8-912', 0.3],
          ['K5-612', 0.2],
        ]
      : [
          ['K5-68-912', 0.55],
          ['K4-58-912', 0.12],
          ['K6-78-912', 0.1],
          ['K2-35-68-912', 0.1],
          ['K8-912', d.kind === 'city' ? 0.1 : 0.05],
          ['K5-612', 0.04],
        ];
  const config = configs[rng.weighted(configs.map((c) => c[1]))]![0];
  const es = (lo: number, hi: number, kind: SchoolKind = 'elementary') =>
    level(kind, lo === 0 ? esLow : lo, hi, Math.round((perGrade * (hi - Math.max(lo, 0) + 1)) / esTarget));
  const ms = (lo: number, hi: number) => level('middle', lo, hi, Math.round((perGrade * (hi - lo + 1)) / msTarget));
  const hs = () => level('high', 9, 12, hsCount);
  switch (config) {
    case 'K5-68-912':
      out.push(...es(0, 5), ...ms(6, 8), ...hs());
      break;
    case 'K4-58-912':
      out.push(...es(0, 4), ...ms(5, 8), ...hs());
      break;
    case 'K6-78-912':
      out.push(...es(0, 6), ...ms(7, 8), ...hs());
      break;
    case 'K2-35-68-912':
      out.push(...es(0, 2, 'lower-elementary'), ...es(3, 5, 'upper-elementary'), ...ms(6, 8), ...hs());
      break;
    case 'K8-912':
      out.push(...es(0, 8, 'k8'), ...hs());
      break;
    default:
      out.push(...es(0, 5), ...level('middle-high', 6, 12, 1));
  }
  if (d.kind === 'city') {
    // Large cities also run K-8 schools beside their elementary ones, alternative high schools, and often a
    // technical high school.
    if (e > 12000 && config !== 'K8-912') out.push(...es(0, 8, 'k8').slice(0, Math.max(1, Math.round(e / 6000))));
    out.push(...level('alternative-high', 9, 12, e > 20000 ? 2 : 1));
    if (e > 11000 && rng.next() < 0.6) out.push(...level('technical-high', 9, 12, 1));
  } else if (e > 3500 && rng.next() < 0.45) {
    out.push(...level('alternative-high', 9, 12, 1));
  }
  return out;
}

/** Race/ethnicity shares for a school with socio-economic index `ses`, in the order of `raceEthnicities`. */
function raceSharesFor(rng: Random, ses: number, districtTilt: number[]): number[] {
  const black = logistic(-3.0 - 0.85 * ses + districtTilt[0]! + rng.normal(0, 0.35));
  const asian = logistic(-3.1 + 0.35 * ses + districtTilt[1]! + rng.normal(0, 0.35));
  const hispanic = logistic(-2.0 - 1.05 * ses + districtTilt[2]! + rng.normal(0, 0.35));
  const multi = 0.025 + 0.02 * rng.next();
  const native = 0.002;
  const pacific = 0.001;
  let white = 1 - black - asian - hispanic - multi - native - pacific;
  let shares = [black, asian, hispanic, multi, native, pacific, white];
  if (white < 0.01) {
    white = 0.01;
    shares[6] = white;
    const total = shares.reduce((s, x) => s + x, 0);
    shares = shares.map((x) => x / total);
  }
  // Order of raceEthnicities: african_american, asian, hispanic, multi_race, native_american, pacific_islander, white.
  return raceEthnicities.map((_, i) => shares[i]!);
}

/** A school's effects: partly shared with its district, partly its own, a little tied to affluence. */
function drawEffects(rng: Random, district: SchoolEffects, ses: number, alternative: boolean): SchoolEffects {
  return {
    attendance: district.attendance + rng.normal(0, 0.17) - 0.03 * ses + (alternative ? 0.45 : 0),
    growth: district.growth + rng.normal(0, 0.045) + 0.01 * ses,
    courses: district.courses + rng.normal(0, 0.2) + 0.04 * ses - (alternative ? 0.9 : 0),
    discipline: district.discipline + rng.normal(0, 0.6),
    advanced: district.advanced + rng.normal(0, 0.7) + 0.3 * ses - (alternative ? 1.5 : 0),
  };
}

function gradeList(lo: number, hi: number): GradeCode[] {
  const out: GradeCode[] = [];
  for (let g = lo; g <= hi; g++) out.push(gradeCodes[g + 1]!);
  return out;
}

interface Namer {
  book: NameBook;
  rng: Random;
}

function schoolName(namer: Namer, kind: SchoolKind, town: string, first: boolean, regionalName: string | null): string {
  const { book, rng } = namer;
  const person = () => book.unique(() => makePersonName(rng));
  const base = regionalName ?? town;
  switch (kind) {
    case 'early-childhood':
      return book.unique(() =>
        first ? `${town} Early Childhood Center` : `${makeSurname(rng)} Early Learning Center`,
      );
    case 'elementary':
    case 'lower-elementary':
      return book.unique(() => {
        const u = rng.next();
        if (u < 0.45) return `${makePersonName(rng)} Elementary School`;
        if (u < 0.75) return `${makeSurname(rng)} School`;
        if (u < 0.9) return `${makeSurname(rng)} Street School`;
        return `${town} Center School`;
      });
    case 'upper-elementary':
      return book.unique(() => `${makeSurname(rng)} Intermediate School`);
    case 'k8':
      return `${person()} K-8 School`;
    case 'middle':
      return first
        ? book.unique(() => `${base}${regionalName ? ' Regional' : ''} Middle School`)
        : book.unique(() => `${makePersonName(rng)} Middle School`);
    case 'middle-high':
      return book.unique(() => `${base}${regionalName ? ' Regional' : ''} Middle/High School`);
    case 'high':
      return first
        ? book.unique(() => `${base}${regionalName ? ' Regional' : ''} High School`)
        : book.unique(() => `${makePersonName(rng)} High School`);
    case 'alternative-high':
      return book.unique(() =>
        rng.next() < 0.5 ? `${town} Alternative High School` : `${makeSurname(rng)} Learning Academy`,
      );
    case 'technical-high':
      return book.unique(() => `${town} Technical High School`);
    case 'k12':
      return book.unique(() => `${town} Community School`);
    case 'charter':
    case 'regional-vocational':
      throw new Error('named with their district');
  }
}

/**
 * Plans a synthetic Commonwealth: organizations with DESE-like codes, names, grades, towns and open/closed years,
 * and per district and school the latent parameters that `generateDistrict` draws students from. Pure: the same
 * options always give the same plan, and a district's plan does not depend on the scale it was chosen at.
 */
export function planCommonwealth(options: CommonwealthOptions): CommonwealthPlan {
  const { seed, scale } = options;
  const lastYear = options.lastYear ?? 2026;
  const yearCount = options.years ?? 6;
  if (!(scale > 0 && scale <= maxScale)) throw new Error(`scale must be in (0, ${maxScale}]`);
  if (!Number.isInteger(yearCount) || yearCount < 1 || yearCount > 20) throw new Error('years must be 1-20');
  const firstYear = lastYear - yearCount + 1;
  const years = Array.from({ length: yearCount }, (_, i) => firstYear + i);
  const root = createRandom(seed);
  const copies = Math.max(1, Math.ceil(scale - 1e-9));

  // The skeleton of every copy, scaled to Massachusetts' enrollment, and the districts chosen at this scale.
  const skeleton: SkeletonDistrict[] = [];
  for (let c = 0; c < copies; c++) {
    const copy = buildSkeleton(root.fork(`skeleton-${c}`), c);
    const total = copy.reduce((s, d) => s + d.enrollment, 0);
    for (const d of copy) d.enrollment *= studentsAtScaleOne / total;
    skeleton.push(...copy);
  }
  const chosen = new Set(sampleSkeleton(root.fork('sample'), skeleton, scale, copies));

  // Codes and names are given to the whole skeleton, so a district keeps them at every scale.
  const codes = new CodeAllocator();
  const names = new NameBook();
  const nameRng = root.fork('names');
  const namer: Namer = { book: names, rng: nameRng };
  const groupTowns = new Map<number, string[]>();
  const ordered = [...skeleton.entries()];
  const towns = new Map<number, string>();
  for (const [i, d] of ordered) {
    if (d.kind === 'city' || d.kind === 'town' || d.kind === 'elementary-town') {
      towns.set(
        i,
        names.unique(() => makeTownName(nameRng)),
      );
    }
  }
  // Local districts are numbered like DESE's town codes: alphabetically.
  const localOrder = ordered
    .filter(([i]) => towns.has(i))
    .sort((a, b) => towns.get(a[0])!.localeCompare(towns.get(b[0])!));
  const districtCode = new Map<number, string>();
  for (const [i] of localOrder) districtCode.set(i, `${districtNumber(codes.take('local'))}0000`);
  for (const [i, d] of ordered) {
    if (d.kind === 'elementary-town') {
      const list = groupTowns.get(d.group) ?? [];
      list.push(towns.get(i)!);
      groupTowns.set(d.group, list);
    }
  }
  const cityTowns = ordered.filter(([, d]) => d.kind === 'city').map(([i]) => towns.get(i)!);
  const districtRng = (i: number) => root.fork(`district-plan-${i}`);

  const plans: DistrictPlan[] = [];
  const organizations: Organization[] = [
    {
      code: stateOrgCode,
      name: 'Massachusetts (synthetic)',
      level: 'state',
      type: 'state',
      grades: [],
      town: null,
      parentCode: null,
      regionCode: null,
      openedYear: null,
      closedYear: null,
    },
    {
      code: 'coastal',
      name: 'Coastal Regional Assistance Team',
      level: 'region',
      type: 'region',
      grades: [],
      town: null,
      parentCode: stateOrgCode,
      regionCode: null,
      openedYear: null,
      closedYear: null,
    },
    {
      code: 'west-central',
      name: 'West/Central Regional Assistance Team',
      level: 'region',
      type: 'region',
      grades: [],
      town: null,
      parentCode: stateOrgCode,
      regionCode: null,
      openedYear: null,
      closedYear: null,
    },
  ];
  const schoolOrgs: Organization[] = [];

  for (const [i, d] of ordered) {
    const rng = districtRng(i);
    let name: string;
    let town: string;
    let type: DistrictPlan['type'];
    let regionalName: string | null = null;
    const memberTowns: string[] = [];
    switch (d.kind) {
      case 'city':
      case 'town':
      case 'elementary-town':
        town = towns.get(i)!;
        name = town;
        type = 'local';
        memberTowns.push(town);
        break;
      case 'secondary-regional':
      case 'regional': {
        type = 'regional';
        const members =
          d.kind === 'secondary-regional'
            ? (groupTowns.get(d.group) ?? [])
            : Array.from({ length: nameRng.int(2, 3) }, () => names.unique(() => makeTownName(nameRng)));
        memberTowns.push(...members);
        town = members[0] ?? names.unique(() => makeTownName(nameRng));
        regionalName = members.length >= 2 ? `${members[0]}-${members[1]}` : `${town} Valley`;
        name = names.unique(() => `${regionalName} Regional`);
        break;
      }
      case 'vocational': {
        type = 'vocational';
        const river = names.unique(() => makeRiverName(nameRng));
        name = `${river} Valley Regional Vocational Technical`;
        regionalName = `${river} Valley`;
        town = names.unique(() => makeTownName(nameRng));
        memberTowns.push(town);
        break;
      }
      case 'charter': {
        type = 'charter';
        const theme = names.unique(() => makeCharterTheme(nameRng));
        town = cityTowns.length > 0 ? nameRng.pick(cityTowns) : names.unique(() => makeTownName(nameRng));
        const school = nameRng.next() < 0.5 ? `${theme} Charter Public School` : `${theme} Academy Charter School`;
        regionalName = school;
        name = `${school} (District)`;
        memberTowns.push(town);
        break;
      }
    }
    if (!districtCode.has(i)) districtCode.set(i, `${districtNumber(codes.take(type))}0000`);
    const code = districtCode.get(i)!;
    const prefix = code.slice(0, 4);
    const regionCode: DistrictPlan['regionCode'] = d.east > 0 ? 'coastal' : 'west-central';

    // Latent district parameters.
    const districtEffects: SchoolEffects = {
      attendance: rng.normal(0, 0.1) - 0.04 * d.ses,
      growth: rng.normal(0, 0.025) + 0.01 * d.ses,
      courses: rng.normal(0, 0.12) + 0.05 * d.ses,
      discipline: rng.normal(0, 0.35) - 0.1 * d.ses,
      advanced: rng.normal(0, 0.45),
    };
    const tilt = [rng.normal(0, 0.6), rng.normal(0, 0.6), rng.normal(0, 0.6)];
    const withinSd = d.kind === 'city' ? 0.55 : d.kind === 'charter' || d.kind === 'vocational' ? 0 : 0.28;
    const drafts = draftFamilies(rng, d);
    // Per-grade size of each family: the district's cohort shared among the families of each level.
    const gradesOffered =
      drafts.reduce((m, f) => Math.max(m, f.highGrade), 0) -
      Math.max(0, Math.min(...drafts.map((f) => f.lowGrade))) +
      1;
    const cohort = d.enrollment / (gradesOffered + 0.35);
    const numbers = new SchoolNumbers();
    const families: SchoolFamilyPlan[] = [];
    const firstOfKind = new Set<SchoolKind>();
    for (const f of drafts) {
      const sameLevel = drafts.filter(
        (o) => o.kind === f.kind && o.lowGrade === f.lowGrade && o.highGrade === f.highGrade,
      );
      const weightTotal = sameLevel.reduce((s, o) => s + o.weight, 0);
      let share = f.weight / weightTotal;
      if (f.kind === 'alternative-high') share = 0;
      let gradeSize = cohort * share;
      if (
        d.kind === 'city' &&
        (f.kind === 'k8' || f.kind === 'technical-high' || f.kind === 'high' || f.kind === 'middle')
      ) {
        // K-8 and technical schools in cities take a share of their level.
        if (f.kind === 'k8') gradeSize = cohort * 0.06 * Math.exp(rng.normal(0, 0.2));
        if (f.kind === 'technical-high') gradeSize = cohort * 0.12;
      }
      if (f.kind === 'alternative-high') gradeSize = clamp(cohort * 0.02, 20, 70);
      const ses = d.ses + rng.normal(0, withinSd) + (f.kind === 'alternative-high' ? -0.6 : 0);
      const effects = drawEffects(rng, districtEffects, ses, f.kind === 'alternative-high');
      const schoolTown =
        memberTowns.length > 1 && f.lowGrade <= 6 ? memberTowns[families.length % memberTowns.length]! : town;
      const first = !firstOfKind.has(f.kind);
      firstOfKind.add(f.kind);
      let siteName: string;
      if (d.kind === 'charter') siteName = regionalName!;
      else if (d.kind === 'vocational') siteName = `${regionalName} Technical High School`;
      else siteName = schoolName(namer, f.kind, schoolTown, first, regionalName);
      const number = numbers.take(
        f.kind === 'charter'
          ? f.lowGrade >= 9 || (f.lowGrade >= 5 && f.highGrade >= 12)
            ? 'high'
            : f.lowGrade >= 5
              ? 'middle'
              : 'charter'
          : f.kind,
      );
      const lowIncomeShare = clamp(logistic(-0.25 - 1.25 * ses + rng.normal(0, 0.2)), 0.02, 0.97);
      families.push({
        index: families.length,
        kind: f.kind,
        lowGrade: f.lowGrade,
        highGrade: f.highGrade,
        sites: [
          {
            code: `${prefix}${String(number).padStart(4, '0')}`,
            name: siteName,
            town: schoolTown,
            openedYear: null,
            closedYear: null,
          },
        ],
        gradeSize: Math.max(f.kind === 'alternative-high' ? 15 : 8, gradeSize * Math.exp(rng.normal(0, 0.06))),
        prekShare:
          f.lowGrade === -1
            ? f.kind === 'early-childhood'
              ? 0.45 / drafts.filter((o) => o.kind === 'early-childhood').length
              : 0.35
            : 0,
        ses,
        lowIncomeShare,
        englishLearnerShare: clamp(logistic(-2.05 - 0.85 * ses + rng.normal(0, 0.55)), 0.0, 0.6),
        disabilityShare: clamp(
          0.175 + rng.normal(0, 0.035) - 0.01 * ses + (f.kind === 'alternative-high' ? 0.1 : 0),
          0.07,
          0.35,
        ),
        raceShares: raceSharesFor(rng, ses, tilt),
        effects,
        alternative: f.kind === 'alternative-high',
        coursesPerYear: clamp(Math.round(rng.normal(6.5, 0.6)), 5, 8),
      });
    }
    // Rebuilt and split elementary schools: the new building keeps the family (see SchoolFamilyPlan).
    const elementaryFamilies = families.filter((f) => f.kind === 'elementary' || f.kind === 'lower-elementary');
    if (elementaryFamilies.length >= 3 && years.length >= 2) {
      if (rng.next() < 0.25) {
        const f = rng.pick(elementaryFamilies);
        const y = rng.int(firstYear + 1, lastYear);
        const old = f.sites[0]!;
        old.closedYear = y - 1;
        const number = numbers.take('elementary');
        f.sites.push({
          code: `${prefix}${String(number).padStart(4, '0')}`,
          name: schoolName(namer, 'elementary', old.town, false, null),
          town: old.town,
          openedYear: y,
          closedYear: null,
        });
      }
      if (rng.next() < 0.15) {
        const f = rng.pick(elementaryFamilies.filter((x) => x.sites.length === 1));
        if (f) {
          const y = rng.int(firstYear + 1, lastYear);
          const number = numbers.take('elementary');
          f.sites.push({
            code: `${prefix}${String(number).padStart(4, '0')}`,
            name: schoolName(namer, 'elementary', f.sites[0]!.town, false, null),
            town: f.sites[0]!.town,
            openedYear: y,
            closedYear: null,
          });
        }
      }
    }
    if (!chosen.has(d)) continue;
    const lowIncomeDistrict =
      families.reduce((s, f) => s + f.lowIncomeShare * f.gradeSize, 0) / families.reduce((s, f) => s + f.gradeSize, 0);
    const plan: DistrictPlan = {
      code,
      name,
      kind: d.kind,
      type,
      regionCode,
      town,
      enrollment: Math.round(d.enrollment),
      ses: d.ses,
      achievementEffect: model.achievement.districtSes * d.ses + rng.normal(0, 0.05),
      mobilityRate: clamp(0.02 + 0.05 * lowIncomeDistrict + rng.normal(0, 0.008), 0.005, 0.12),
      exitRate: clamp(0.03 + 0.035 * lowIncomeDistrict + rng.normal(0, 0.006), 0.01, 0.12),
      cohortTrend: rng.normal(-0.006, 0.012),
      families,
    };
    plans.push(plan);
    const grades = new Set<number>();
    for (const f of families) for (let g = f.lowGrade; g <= f.highGrade; g++) grades.add(g);
    organizations.push({
      code,
      name,
      level: 'district',
      type,
      grades: gradeList(Math.min(...grades), Math.max(...grades)),
      town,
      parentCode: stateOrgCode,
      regionCode,
      openedYear: null,
      closedYear: null,
    });
    for (const f of families) {
      for (const s of f.sites) {
        schoolOrgs.push({
          code: s.code,
          name: s.name,
          level: 'school',
          type:
            d.kind === 'charter'
              ? 'charter'
              : f.kind === 'technical-high' || f.kind === 'regional-vocational'
                ? 'vocational'
                : 'public',
          grades: gradeList(f.lowGrade, f.highGrade),
          town: s.town,
          parentCode: code,
          regionCode: null,
          openedYear: s.openedYear,
          closedYear: s.closedYear,
        });
      }
    }
  }
  plans.sort((a, b) => a.code.localeCompare(b.code));
  const districtOrgs = organizations.slice(3).sort((a, b) => a.code.localeCompare(b.code));
  schoolOrgs.sort((a, b) => a.code.localeCompare(b.code));
  return {
    seed,
    scale,
    firstYear,
    lastYear,
    years,
    organizations: [...organizations.slice(0, 3), ...districtOrgs, ...schoolOrgs],
    districts: plans,
  };
}
