import { describe, expect, it } from 'vitest';
import { agreementReport, cohensKappa, fleissKappa, KAPPA_UNDEFINED_REASON, type Rating } from './agreement.ts';

describe("Cohen's kappa", () => {
  it('is 1 when two raters agree on every subject', () => {
    const r = cohensKappa([1, 2, 3, 4, 2], [1, 2, 3, 4, 2]);
    expect(r.kappa).toBe(1);
    expect(r.observed).toBe(1);
  });

  it('is 0 at chance-level agreement', () => {
    // A: 1,1,2,2; B: 1,2,1,2. Observed 2/4 = 0.5; expected 0.5 x 0.5 + 0.5 x 0.5 = 0.5; kappa 0.
    const r = cohensKappa([1, 1, 2, 2], [1, 2, 1, 2]);
    expect(r.observed).toBe(0.5);
    expect(r.expected).toBe(0.5);
    expect(r.kappa).toBe(0);
  });

  it('matches the hand-worked example of 50 grant proposals (kappa 0.4)', () => {
    // Both yes 20, A yes B no 5, A no B yes 10, both no 15. Observed (20 + 15) / 50 = 0.7.
    // A says yes 25/50 = 0.5, B says yes 30/50 = 0.6: expected 0.5 x 0.6 + 0.5 x 0.4 = 0.5. Kappa (0.7-0.5)/0.5 = 0.4.
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const r = cohensKappa(a, b);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it('is negative when raters agree less than chance', () => {
    // Observed 0; expected 0.5: kappa (0 - 0.5) / 0.5 = -1.
    expect(cohensKappa([1, 2], [2, 1]).kappa).toBe(-1);
  });

  it('returns null with a reason when chance agreement is 1 (every rating in one category)', () => {
    const r = cohensKappa([3, 3, 3], [3, 3, 3]);
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
    expect(r.kappa).toBeNull();
    expect(r.undefinedReason).toBe(KAPPA_UNDEFINED_REASON);
  });

  it('refuses lists of different lengths', () => {
    expect(() => cohensKappa([1], [1, 2])).toThrow(/same subjects/);
  });
});

describe("Fleiss' kappa", () => {
  it("reproduces Fleiss' worked example as Wikipedia gives it (10 subjects, 14 raters, kappa 0.210)", () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(counts);
    expect(r.categoryShares.map((p) => Number(p.toFixed(3)))).toEqual([0.143, 0.2, 0.279, 0.15, 0.229]);
    expect(r.subjectAgreement[0]).toBe(1);
    expect(r.subjectAgreement[1]).toBeCloseTo(0.253, 3);
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
  });

  it('is 1 at perfect agreement and 0 at chance agreement', () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
      ]).kappa,
    ).toBe(1);
    // Chance level: two raters on four subjects, P_i = 0, 1, 1, 0 (P-bar 0.5) and p = (0.5, 0.5) (Pe 0.5): kappa 0.
    const chance = fleissKappa([
      [1, 1],
      [2, 0],
      [0, 2],
      [1, 1],
    ]);
    expect(chance.observed).toBe(0.5);
    expect(chance.expected).toBe(0.5);
    expect(chance.kappa).toBe(0);
    // Three categories: P_i = 1, 1, 1, 0, 0, 0 (P-bar 0.5); each category holds 4 of 12 ratings (Pe 1/3);
    // kappa = (1/2 - 1/3) / (2/3) = 0.25.
    const third = fleissKappa([
      [2, 0, 0],
      [0, 2, 0],
      [0, 0, 2],
      [1, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect(third.kappa).toBeCloseTo(0.25, 12);
  });

  it('equals Cohen-style agreement figures for two raters on the observed side', () => {
    const r = fleissKappa([
      [2, 0],
      [1, 1],
    ]);
    expect(r.observed).toBe(0.5);
  });

  it('returns null when every rating is in one category, and refuses unequal raters', () => {
    const r = fleissKappa([
      [0, 3, 0],
      [0, 3, 0],
    ]);
    expect(r.kappa).toBeNull();
    expect(r.observed).toBe(1);
    expect(r.undefinedReason).toBe(KAPPA_UNDEFINED_REASON);
    expect(() =>
      fleissKappa([
        [1, 2],
        [1, 1],
      ]),
    ).toThrow(/3 raters|2 raters/);
  });
});

describe('agreement report of a calibration session', () => {
  const rate = (subject: string, item: string, values: Record<string, number>): Rating[] =>
    Object.entries(values).map(([rater, value]) => ({ subject, item, rater, value }));

  it('uses Cohen for two raters, per item over lessons and overall over lesson x item', () => {
    const ratings = [
      ...rate('lesson 1', 'objective', { Ana: 3, Ben: 3 }),
      ...rate('lesson 2', 'objective', { Ana: 2, Ben: 2 }),
      ...rate('lesson 1', 'questioning', { Ana: 1, Ben: 2 }),
      ...rate('lesson 2', 'questioning', { Ana: 2, Ben: 1 }),
    ];
    const r = agreementReport(ratings);
    expect(r.raters).toEqual(['Ana', 'Ben']);
    expect(r.items[0]).toMatchObject({
      item: 'objective',
      subjects: 2,
      percentAgreement: 1,
      kappa: 1,
      method: 'cohen',
    });
    // Questioning: observed 0, expected 0.5 x 0.5 + 0.5 x 0.5 = 0.5, kappa -1.
    expect(r.items[1]).toMatchObject({ item: 'questioning', percentAgreement: 0, kappa: -1 });
    // Overall: 4 pairs, 2 alike: observed 0.5. Ana: 3,2,1,2 and Ben: 3,2,2,1 -> shares 1:1/4, 2:2/4, 3:1/4 each:
    // expected 1/16 + 4/16 + 1/16 = 6/16 = 0.375; kappa (0.5 - 0.375) / 0.625 = 0.2.
    expect(r.overall.percentAgreement).toBe(0.5);
    expect(r.overall.kappa).toBeCloseTo(0.2, 12);
  });

  it('uses Fleiss for three raters and leaves out subjects not every rater rated', () => {
    const ratings = [
      ...rate('lesson', 'objective', { Ana: 3, Ben: 3, Cy: 3 }),
      ...rate('lesson', 'questioning', { Ana: 2, Ben: 2, Cy: 1 }),
      ...rate('lesson', 'feedback', { Ana: 4, Ben: 4 }),
    ];
    const r = agreementReport(ratings);
    expect(r.raters).toEqual(['Ana', 'Ben', 'Cy']);
    expect(r.items.find((i) => i.item === 'feedback')).toMatchObject({ subjects: 0, incomplete: 1, kappa: null });
    // One lesson, all three on 3: P = 1, Pe = 1: undefined, percent agreement 1.
    expect(r.items.find((i) => i.item === 'objective')).toMatchObject({
      percentAgreement: 1,
      kappa: null,
      method: 'fleiss',
      note: KAPPA_UNDEFINED_REASON,
    });
    // Overall subjects: objective [0,0,3] -> P 1; questioning [1,2,0] -> P = 2/6 = 1/3. P-bar = 2/3.
    // Category shares over 6 ratings: 1: 1/6, 2: 2/6, 3: 3/6 -> Pe = (1 + 4 + 9) / 36 = 14/36.
    // kappa = (2/3 - 14/36) / (1 - 14/36) = (10/36) / (22/36) = 5/11.
    expect(r.overall).toMatchObject({ subjects: 2, incomplete: 1, method: 'fleiss' });
    expect(r.overall.percentAgreement).toBeCloseTo(2 / 3, 12);
    expect(r.overall.kappa).toBeCloseTo(5 / 11, 12);
  });

  it('says so when there are fewer than two raters', () => {
    const r = agreementReport(rate('lesson', 'objective', { Ana: 3 }));
    expect(r.overall).toMatchObject({
      kappa: null,
      percentAgreement: null,
      note: 'Agreement needs at least two raters.',
    });
  });
});
