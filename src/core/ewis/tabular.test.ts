import { describe, expect, it } from 'vitest';
import { auc, stratifiedFolds } from '../stats/metrics.ts';
import { createRandom } from '../stats/random.ts';
import { classifyColumns, evaluateTable, isMissingCell, isPositive, type TextTable } from './tabular.ts';

function table(header: string[], rows: (string | number)[][]): TextTable {
  return { header, rows: rows.map((r) => r.map(String)) };
}

/** 200 rows: x predicts y (noisy), a text column, an identifier, some NA. */
function sample(seed: number): TextTable {
  const random = createRandom(seed);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 200; i++) {
    const x = random.normal();
    const group = random.pick(['a', 'b', 'c']);
    const y = random.next() < 1 / (1 + Math.exp(-(1.5 * x + (group === 'a' ? 1 : 0)))) ? 'yes' : 'no';
    rows.push([`id${i}`, i % 17 === 0 ? 'NA' : x.toFixed(4), group, y]);
  }
  return table(['id', 'x', 'group', 'outcome'], rows);
}

describe('the early-warning model on any table', () => {
  it('reads missing cells and the positive value as people write them', () => {
    for (const m of ['', ' ', 'NA', 'n/a', 'NaN', 'null', '?']) expect(isMissingCell(m), m).toBe(true);
    expect(isMissingCell('0')).toBe(false);
    expect(isPositive(' yes ', 'yes')).toBe(true);
    expect(isPositive('1.0', '1')).toBe(true);
    expect(isPositive('Yes', 'yes')).toBe(false);
  });

  it('types columns: numbers, text, identifiers, blanks and exclusions', () => {
    const t = sample(1);
    t.header.push('empty');
    t.rows.forEach((r) => r.push(''));
    const uses = classifyColumns(t, 3, new Set(['group']));
    expect(uses.map((u) => [u.name, u.kind])).toEqual([
      ['id', 'skipped'],
      ['x', 'numeric'],
      ['group', 'skipped'],
      ['empty', 'skipped'],
    ]);
    expect(uses[1]).toMatchObject({ hasMissing: true });
    expect(classifyColumns(t, 3, new Set())[2]!.kind).toBe('text');
  });

  it('with one numeric column, each fold ranks as the column does: the AUC is the folds’ AUC of x', () => {
    const random = createRandom(9);
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 300; i++) {
      const x = random.normal();
      rows.push([x.toFixed(5), random.next() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0]);
    }
    const t = table(['x', 'y'], rows);
    const result = evaluateTable(t, { outcome: 'y', positive: '1', seed: 'fixed' });
    const labels = Uint8Array.from(rows, (r) => Number(r[1]));
    const folds = stratifiedFolds(labels, 5, createRandom('fixed'));
    const expected: number[] = [];
    for (let f = 0; f < 5; f++) {
      const idx = [...labels.keys()].filter((i) => folds[i] === f);
      expected.push(
        auc(
          idx.map((i) => Number(rows[i]![0])),
          idx.map((i) => labels[i]!),
        )!,
      );
    }
    expect(result.foldAucs.map((a) => a.toFixed(12))).toEqual(expected.map((a) => a.toFixed(12)));
    expect(result.auc).toBeCloseTo(expected.reduce((s, v) => s + v, 0) / 5, 12);
    expect(result).toMatchObject({ n: 300, positives: labels.reduce((s, v) => s + v, 0), features: 1 });
  });

  it('uses text columns (one-hot) and missing-value flags, and is the same on every run', () => {
    const t = sample(2);
    const a = evaluateTable(t, { outcome: 'outcome', positive: 'yes' });
    // x (+ its missing flag) and three groups; the identifier is left out.
    expect(a.features).toBe(5);
    expect(a.auc).toBeGreaterThan(0.7);
    expect(evaluateTable(t, { outcome: 'outcome', positive: 'yes' })).toEqual(a);
    const withoutGroup = evaluateTable(t, { outcome: 'outcome', positive: 'yes', exclude: ['group'] });
    expect(withoutGroup.features).toBe(2);
    expect(withoutGroup.auc).toBeLessThan(a.auc);
  });

  it('separates perfectly when a column does', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i % 2 === 0 ? 'red' : 'blue', i % 2 === 0 ? 'T' : 'F']);
    const r = evaluateTable(table(['colour', 'won'], rows), { outcome: 'won', positive: 'T' });
    expect(r.auc).toBe(1);
  });

  it('leaves out rows without an outcome and explains what cannot be done', () => {
    const t = sample(3);
    t.rows[0]![3] = '';
    expect(evaluateTable(t, { outcome: 'outcome', positive: 'yes' }).droppedRows).toBe(1);
    expect(() => evaluateTable(t, { outcome: 'nope', positive: 'yes' })).toThrow(
      /"nope" is not in the header \(id, x, group, outcome\)/,
    );
    expect(() => evaluateTable(t, { outcome: 'outcome', positive: 'maybe' })).toThrow(/no row has the outcome/);
    expect(() => evaluateTable(t, { outcome: 'outcome', positive: 'yes', exclude: ['x', 'group'] })).toThrow(
      /no column is left/,
    );
  });
});
