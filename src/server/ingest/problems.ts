import { AppError } from '../../core/errors.ts';

/** One thing wrong with an input file, located to its line and column. */
export interface ImportProblem {
  file: string;
  /** 1-based line number in the file (0 when the problem concerns the whole file). */
  line: number;
  column: string;
  problem: string;
  value?: string;
}

/** How many problems an import reports before it stops. */
export const MAX_REPORTED_PROBLEMS = 50;

/** The line a person reads: `file:line: column: problem (value "x")`. */
export function formatProblem(p: ImportProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  const value = p.value === undefined ? '' : ` (value "${p.value.length > 60 ? `${p.value.slice(0, 60)}…` : p.value}")`;
  return `${where}: ${p.column}: ${p.problem}${value}`;
}

/** Collects problems up to the reporting limit; `full` tells the reader to stop. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  add(line: number, column: string, problem: string, value?: string): void {
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push({ file: this.file, line, column, problem, value });
  }

  get full(): boolean {
    return this.items.length >= MAX_REPORTED_PROBLEMS;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** An import that was refused: nothing was written. Its message lists every problem found, one per line. */
export class ImportFailed extends AppError {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[], stoppedEarly: boolean) {
    const file = problems[0]?.file ?? 'the file';
    const head = `${file} was not imported (nothing was written): ${problems.length}${stoppedEarly ? '+' : ''} problem${problems.length === 1 ? '' : 's'}${stoppedEarly ? `; stopped after the first ${MAX_REPORTED_PROBLEMS}` : ''}`;
    super('import_failed', [head, ...problems.map(formatProblem)].join('\n'));
    this.problems = problems;
  }
}
