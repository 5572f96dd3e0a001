import { describe, expect, it } from 'vitest';
import { complementaryWithholds, groupPartitions, type SuppressionCell } from './complementary-suppression.ts';

const cell = (group: string, n: number | null, withheld = false): SuppressionCell => ({ group, n, withheld });
const race = (cells: [string, number, boolean?][]) => cells.map(([g, n, w]) => cell(g, n, w ?? false));

describe('complementary suppression', () => {
  it('knows the race/ethnicity and gender partitions', () => {
    expect(groupPartitions[0]).toContain('hispanic');
    expect(groupPartitions[0]).toHaveLength(7);
    expect(groupPartitions[1]).toEqual(['female', 'male', 'nonbinary']);
  });

  it('withholds the smallest shown sibling when one member is withheld', () => {
    // 200 students: Asian 6 withheld (under 10); the rest shown. Asian = total - the others: withhold the next
    // smallest (multi-race, 12), and together they stand for 18 >= 10.
    const cells = race([
      ['african_american', 40],
      ['asian', 6, true],
      ['hispanic', 50],
      ['multi_race', 12],
      ['white', 92],
    ]);
    expect([...complementaryWithholds(cell('all', 200), cells, 10)]).toEqual(['multi_race']);
  });

  it('keeps withholding until the withheld members stand for the minimum together', () => {
    // Two withheld of 2 and 3 students (5 < 10), then the smallest shown (4) makes 9, still short: and 30 makes 39.
    const cells = race([
      ['asian', 2, true],
      ['native_american', 3, true],
      ['pacific_islander', 4],
      ['hispanic', 30],
      ['white', 161],
    ]);
    expect([...complementaryWithholds(cell('all', 200), cells, 10)].sort()).toEqual(['hispanic', 'pacific_islander']);
  });

  it('needs nothing when no member is withheld, when two withheld stand for the minimum, or when the total is hidden', () => {
    const none = race([
      ['asian', 20],
      ['white', 180],
    ]);
    expect(complementaryWithholds(cell('all', 200), none, 10).size).toBe(0);
    const enough = race([
      ['asian', 6, true],
      ['multi_race', 8, true],
      ['white', 186],
    ]);
    expect(complementaryWithholds(cell('all', 200), enough, 10).size).toBe(0);
    const one = race([
      ['asian', 6, true],
      ['white', 194],
    ]);
    expect(complementaryWithholds(cell('all', 200, true), one, 10).size).toBe(0);
    expect(complementaryWithholds(undefined, one, 10).size).toBe(0);
  });

  it('treats each partition on its own (a withheld gender leaves race alone)', () => {
    const cells = [
      cell('female', 100),
      cell('male', 96),
      cell('nonbinary', 4, true),
      cell('asian', 30),
      cell('white', 170),
    ];
    expect([...complementaryWithholds(cell('all', 200), cells, 10)]).toEqual(['male']);
  });

  it('ties on size go to the group code, so the choice is stable', () => {
    const cells = race([
      ['asian', 5, true],
      ['white', 12],
      ['hispanic', 12],
      ['african_american', 171],
    ]);
    expect([...complementaryWithholds(cell('all', 200), cells, 10)]).toEqual(['hispanic']);
  });
});
