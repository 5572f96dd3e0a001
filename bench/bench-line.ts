/** One figure a benchmark reports. */
export interface BenchFigure {
  name: string;
  value: number | null;
  unit: string;
  target?: { op: '<=' | '>=' | '='; value: number };
  /** ok / MISS follow from the target; `context` figures have none; `unavailable` when a reference could not run. */
  status: 'ok' | 'MISS' | 'context' | 'unavailable';
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchFigure[]>;
}

/** A figure judged against its target. */
export function figure(name: string, value: number, unit: string, target?: BenchFigure['target']): BenchFigure {
  if (!target) return { name, value, unit, status: 'context' };
  const pass =
    target.op === '<=' ? value <= target.value : target.op === '>=' ? value >= target.value : value === target.value;
  return { name, value, unit, target, status: pass ? 'ok' : 'MISS' };
}

/** The line DESIGN.md prescribes. */
export function formatBenchLine(f: BenchFigure): string {
  const value =
    f.value === null ? 'n/a' : Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 3 : 1);
  const target = f.target ? ` (target ${f.target.op} ${f.target.value})` : '';
  const status =
    f.status === 'context'
      ? ''
      : f.status === 'unavailable'
        ? ` unavailable${f.note ? `: ${f.note}` : ''}`
        : ` ${f.status}`;
  return `BENCH ${f.name}: ${value} ${f.unit}${target}${status}`.trimEnd();
}
