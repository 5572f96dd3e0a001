import { gradeCodes, sortGrades, type GradeCode, type OrgType } from '../../../core/orgs/organization.ts';
import {
  defaultType,
  isBetterName,
  mergeType,
  ownNameFromCombined,
  placeholderName,
  type NameOffer,
  type TypeHint,
} from '../../../core/dese/org-names.ts';
import type { OrgFacts } from '../../../core/dese/rows.ts';
import type { RawConnection } from '../../db/client.ts';

interface OrgRow {
  id: number;
  code: string;
  name: string;
  level: 'state' | 'district' | 'school';
  type: OrgType;
  grades: string[];
  town: string | null;
  parent_id: number | null;
}

interface Noted {
  code: string;
  level: 'state' | 'district' | 'school';
  name: NameOffer | null;
  hints: TypeHint[];
  grades: GradeCode[] | null;
  town: string | null;
}

/** The name the state gets when a file's "State Totals" row creates it (DESE's files are Massachusetts data). */
export const stateName = 'Massachusetts';
const stateCode = '00000000';

/** Enrollment-by-grade indicators whose values decide an organization's grades (SP is not a grade served). */
const gradeIndicators = new Map<string, GradeCode>(
  gradeCodes.filter((g) => g !== 'SP').map((g) => [`enrollment_grade_${g.toLowerCase()}`, g] as [string, GradeCode]),
);

/**
 * The organization registry as one import sees it, inside the import's transaction: organizations are created as
 * rows name them (parents first: the state, then the district of a school), and at the end each organization gets
 * the best name, the most specific type, a town and grades the file offers. Regions are never touched.
 */
export class OrgRegistry {
  readonly #conn: RawConnection;
  readonly #byCode = new Map<string, OrgRow>();
  readonly #noted = new Map<string, Noted>();
  inserted = 0;

  private constructor(conn: RawConnection) {
    this.#conn = conn;
  }

  /** Reads the state, districts and schools already registered. */
  static async load(conn: RawConnection): Promise<OrgRegistry> {
    const reg = new OrgRegistry(conn);
    const r = await conn.query<OrgRow>(
      "SELECT id, code, name, level, type, grades, town, parent_id FROM organizations WHERE level <> 'region'",
    );
    for (const row of r.rows) reg.#byCode.set(row.code, row);
    return reg;
  }

  /** Whether the organization is registered. */
  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  /** The id of a registered organization. */
  idOf(code: string): number {
    const row = this.#byCode.get(code);
    if (!row) throw new Error(`organization ${code} is not registered`);
    return row.id;
  }

  /** Takes note of what a row says about an organization: the best name offered wins, the first town, the grades. */
  note(facts: OrgFacts): void {
    const seen = this.#noted.get(facts.code);
    if (!seen) {
      this.#noted.set(facts.code, {
        code: facts.code,
        level: facts.level,
        name: facts.name,
        hints: [...facts.typeHints],
        grades: facts.grades,
        town: facts.town,
      });
      return;
    }
    if (facts.name && (!seen.name || facts.name.rank > seen.name.rank)) seen.name = facts.name;
    for (const h of facts.typeHints) if (h !== null && !seen.hints.includes(h)) seen.hints.push(h);
    if (facts.grades) seen.grades = facts.grades;
    if (!seen.town && facts.town) seen.town = facts.town;
  }

  /** Creates the organizations not registered yet among `codes`, with their parents. */
  async ensure(codes: Iterable<string>): Promise<void> {
    const missing = new Set<string>();
    for (const code of codes) {
      for (const c of [code, ...ancestorsOf(code)]) if (!this.#byCode.has(c)) missing.add(c);
    }
    for (const level of ['state', 'district', 'school'] as const) {
      const batch = [...missing].filter((c) => !this.#byCode.has(c) && levelOf(c) === level).sort();
      if (batch.length === 0) continue;
      const rows = batch.map((code) => {
        const noted = this.#noted.get(code);
        const type =
          level === 'state'
            ? 'state'
            : (noted?.hints ?? []).reduce<OrgType>((t, h) => mergeType(t, h), defaultType(level));
        return {
          code,
          name: level === 'state' ? stateName : (noted?.name?.name ?? placeholderName(code, level)),
          level,
          type,
          town: noted?.town ?? null,
          parent: level === 'state' ? null : this.idOf(parentOf(code)),
        };
      });
      const r = await this.#conn.query<{ id: number; code: string }>(
        `INSERT INTO organizations (code, name, level, type, town, parent_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
         RETURNING id, code`,
        [
          rows.map((x) => x.code),
          rows.map((x) => x.name),
          rows.map((x) => x.level),
          rows.map((x) => x.type),
          rows.map((x) => x.town),
          rows.map((x) => x.parent),
        ],
      );
      const ids = new Map(r.rows.map((x) => [x.code, Number(x.id)]));
      for (const x of rows) {
        this.#byCode.set(x.code, {
          id: ids.get(x.code)!,
          code: x.code,
          name: x.name,
          level: x.level,
          type: x.type,
          grades: [],
          town: x.town,
          parent_id: x.parent,
        });
      }
      this.inserted += rows.length;
    }
  }

  /**
   * Applies what the file said: a strictly better name, a more specific type, a town where none is stored, the parent
   * DESE's code implies. Only organizations whose row changes are written.
   */
  async finish(): Promise<void> {
    await this.ensure(this.#noted.keys());
    const changed: OrgRow[] = [];
    for (const noted of this.#noted.values()) {
      const row = this.#byCode.get(noted.code)!;
      const next = { ...row };
      if (row.level !== 'state') {
        let offer = noted.name;
        // "Abington - Abington High" under district "Abington" is the school's own name, "Abington High".
        if (offer && offer.rank === 1 && row.level === 'school') {
          const own = ownNameFromCombined(offer.name, this.#byCode.get(parentOf(row.code))?.name ?? '');
          if (own) offer = { name: own, rank: 2 };
        }
        if (offer && isBetterName(offer, row.name, row.code, row.level)) next.name = offer.name;
        for (const h of noted.hints) next.type = mergeType(next.type, h);
        if (!row.town && noted.town) next.town = noted.town;
        next.parent_id = this.idOf(parentOf(row.code));
      }
      if (
        next.name !== row.name ||
        next.type !== row.type ||
        next.town !== row.town ||
        next.parent_id !== row.parent_id
      )
        changed.push(next);
    }
    if (changed.length > 0) {
      await this.#conn.query(
        `UPDATE organizations o SET name = v.name, type = v.type, town = v.town, parent_id = v.parent_id, updated_at = now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[]) AS v(id, name, type, town, parent_id)
         WHERE o.id = v.id`,
        [
          changed.map((x) => x.id),
          changed.map((x) => x.name),
          changed.map((x) => x.type),
          changed.map((x) => x.town),
          changed.map((x) => x.parent_id),
        ],
      );
      for (const x of changed) this.#byCode.set(x.code, x);
    }
  }

  /**
   * An organization's grades are those with students in its latest year of enrollment by grade (whichever file that
   * came from); an organization without enrollment by grade takes the grades a directory lists for it. Run after
   * the file's values are merged.
   */
  async settleGrades(): Promise<void> {
    const touched = [...this.#noted.values()].filter((n) => n.level !== 'state');
    if (touched.length === 0) return;
    const ids = touched.map((n) => this.idOf(n.code));
    // Filtering on the indicator first lets the primary key (indicator_code, org_id, ...) do the work.
    const r = await this.#conn.query<{ org_id: number; school_year: number; indicator_code: string }>(
      `SELECT org_id, school_year, indicator_code FROM indicator_values
       WHERE indicator_code = ANY($2::text[]) AND org_id = ANY($1::int[]) AND student_group = 'all' AND value > 0`,
      [ids, [...gradeIndicators.keys()]],
    );
    const latest = new Map<number, number>();
    for (const row of r.rows)
      latest.set(Number(row.org_id), Math.max(latest.get(Number(row.org_id)) ?? 0, row.school_year));
    const fromEnrollment = new Map<number, GradeCode[]>();
    for (const row of r.rows) {
      if (row.school_year !== latest.get(Number(row.org_id))) continue;
      const list = fromEnrollment.get(Number(row.org_id)) ?? [];
      list.push(gradeIndicators.get(row.indicator_code)!);
      fromEnrollment.set(Number(row.org_id), list);
    }
    const updates: { id: number; grades: string }[] = [];
    for (const n of touched) {
      const row = this.#byCode.get(n.code)!;
      const grades = fromEnrollment.get(row.id) ?? n.grades;
      if (!grades) continue;
      const sorted = sortGrades(grades);
      if (sorted.join(',') !== row.grades.join(',')) {
        updates.push({ id: row.id, grades: sorted.join(',') });
        row.grades = sorted;
      }
    }
    if (updates.length === 0) return;
    await this.#conn.query(
      `UPDATE organizations o SET grades = string_to_array(v.grades, ','), updated_at = now()
       FROM unnest($1::int[], $2::text[]) AS v(id, grades) WHERE o.id = v.id`,
      [updates.map((u) => u.id), updates.map((u) => u.grades)],
    );
  }
}

function levelOf(code: string): 'state' | 'district' | 'school' {
  if (code === stateCode) return 'state';
  return code.endsWith('0000') ? 'district' : 'school';
}

function ancestorsOf(code: string): string[] {
  const level = levelOf(code);
  if (level === 'state') return [];
  return level === 'school' ? [`${code.slice(0, 4)}0000`, stateCode] : [stateCode];
}

function parentOf(code: string): string {
  return levelOf(code) === 'school' ? `${code.slice(0, 4)}0000` : stateCode;
}
