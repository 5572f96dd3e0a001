import { describe, expect, it } from 'vitest';
import { diffFields } from './history.ts';

describe('diffFields', () => {
  it('lists changed fields by dotted path with before and after', () => {
    const before = { title: 'Plan', blocks: { leadership: { strategies: 'a', dataAnalysis: '' } }, stakeholders: [] };
    const after = {
      title: 'Plan',
      blocks: { leadership: { strategies: 'b', dataAnalysis: '' } },
      stakeholders: [{ name: 'Ana Silva', role: 'Parent' }],
    };
    expect(diffFields(before, after)).toEqual([
      { field: 'blocks.leadership.strategies', before: 'a', after: 'b' },
      { field: 'stakeholders', before: [], after: [{ name: 'Ana Silva', role: 'Parent' }] },
    ]);
  });
  it('records every field of a created or deleted record', () => {
    expect(diffFields(null, { owner: 'Principal', targetValue: 19.7 })).toEqual([
      { field: 'owner', before: null, after: 'Principal' },
      { field: 'targetValue', before: null, after: 19.7 },
    ]);
    expect(diffFields({ status: 'done', note: null }, null)).toEqual([
      { field: 'status', before: 'done', after: null },
    ]);
  });
  it('finds nothing when nothing changed', () => {
    expect(diffFields({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toEqual([]);
  });
});
