import { studentGroups } from '../student-groups.ts';

/**
 * Complementary suppression: when a value is withheld because too few students stand behind it, the other members of
 * its partition and the total could give it back (a race group's rate is the all-students rate times its n, less the
 * other race groups' rates times theirs). So within each partition of the students (race/ethnicity, gender) whose
 * total is shown, once any member is withheld, further members are withheld, smallest first, until at least two are
 * and the withheld members together stand for at least the reporting minimum of students.
 */

/** One group's cell of a table: its count of students (null when unknown) and whether it is withheld already. */
export interface SuppressionCell {
  group: string;
  n: number | null;
  withheld: boolean;
}

/** The partitions of all students that DESE reports: every student is in exactly one group of each. */
export const groupPartitions: readonly (readonly string[])[] = (['race', 'gender'] as const).map((kind) =>
  studentGroups.filter((g) => g.kind === kind).map((g) => g.code),
);

/**
 * The groups to withhold besides those withheld already, so that no withheld cell can be recovered from the total
 * and its siblings. `total` is the all-students cell (nothing is needed when it is withheld itself or absent).
 */
export function complementaryWithholds(
  total: SuppressionCell | undefined,
  cells: readonly SuppressionCell[],
  minimum: number,
  partitions: readonly (readonly string[])[] = groupPartitions,
): Set<string> {
  const extra = new Set<string>();
  if (!total || total.withheld) return extra;
  const byGroup = new Map(cells.map((c) => [c.group, c]));
  for (const partition of partitions) {
    const members = partition.map((g) => byGroup.get(g)).filter((c): c is SuppressionCell => c !== undefined);
    const withheld = members.filter((c) => c.withheld);
    if (withheld.length === 0) continue;
    // A withheld cell of unknown size counts as none: its size could be anything below the minimum.
    let count = withheld.length;
    let students = withheld.reduce((s, c) => s + (c.n ?? 0), 0);
    const shown = members
      .filter((c) => !c.withheld)
      .sort((a, b) => (a.n ?? 0) - (b.n ?? 0) || (a.group < b.group ? -1 : 1));
    for (const c of shown) {
      if (count >= 2 && students >= minimum) break;
      extra.add(c.group);
      count++;
      students += c.n ?? 0;
    }
  }
  return extra;
}
