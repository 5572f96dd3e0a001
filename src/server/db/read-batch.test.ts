import { describe, expect, it } from 'vitest';
import { readBatch } from './read-batch.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('readBatch', () => {
  it('answers every read of one turn with one query of the distinct keys, and a left-out key with the default', async () => {
    const runs: string[][] = [];
    const batch = readBatch(async (keys: string[]) => {
      runs.push(keys);
      return new Map(keys.filter((k) => k !== 'gone').map((k) => [k, k.toUpperCase()]));
    }, 'none');
    const answers = await Promise.all([batch.load('a'), batch.load('b'), batch.load('a'), batch.load('gone')]);
    expect(answers).toEqual(['A', 'B', 'A', 'none']);
    expect(runs).toEqual([['a', 'b', 'gone']]);
  });

  it('sends the query only after the turn in which the reads were asked for, and a later turn gets its own query', async () => {
    const runs: string[][] = [];
    let state = 'before';
    const batch = readBatch(async (keys: string[]) => {
      runs.push(keys);
      return new Map(keys.map((k) => [k, state]));
    }, '');
    const first = batch.load('x');
    // A change made after the read was asked for but in the same turn: the query has not been sent yet.
    expect(runs).toEqual([]);
    state = 'after';
    expect(await first).toBe('after');
    await turn();
    state = 'later';
    expect(await batch.load('x')).toBe('later');
    expect(runs).toEqual([['x'], ['x']]);
  });

  it('fails every read of a batch whose query fails, thrown or rejected, and recovers on the next turn', async () => {
    let mode: 'throw' | 'reject' | 'ok' = 'throw';
    const batch = readBatch((keys: number[]) => {
      if (mode === 'throw') throw new Error('no connection');
      if (mode === 'reject') return Promise.reject(new Error('timeout'));
      return Promise.resolve(new Map(keys.map((k) => [k, k * 2])));
    }, -1);
    await expect(Promise.all([batch.load(1), batch.load(2)])).rejects.toThrow('no connection');
    mode = 'reject';
    const both = await Promise.allSettled([batch.load(1), batch.load(2)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    mode = 'ok';
    expect(await batch.load(21)).toBe(42);
  });
});
