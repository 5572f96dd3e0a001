import type { ContextTable } from '../../core/synth/context-figures.ts';
import { writeContextFigures } from './synthetic-context.ts';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  generateCommonwealth,
  planCommonwealth,
  type CommonwealthOptions,
  type CommonwealthPlan,
  type DistrictData,
} from '../../core/synth/index.ts';
import { directoryColumns, directoryLine } from '../../core/orgs/directory-format.ts';
import { studentTables, type StudentTable } from '../../core/students/csv-format.ts';
import {
  CsvByteWriter,
  studentCsvHeader,
  writeStudentCsvLines,
  type StudentTableRecords,
} from '../../core/students/csv-rows.ts';
import {
  StudentAggregator,
  aggregateHeader,
  aggregateTableIds,
  aggregateTables,
  type AggregateRows,
  type AggregateTable,
  type StateSums,
} from '../../core/aggregates/student-aggregates.ts';

/** What was written, for the summary. */
export interface SyntheticSummary {
  dir: string;
  organizations: number;
  districts: number;
  rows: Record<StudentTable, number>;
  answerKeyRows: number;
  /** Rows of each staffing, spending and college-going file. */
  contextRows: Record<ContextTable, number>;
  /** Rows of each aggregate file (school, district and state figures in DESE's layouts). */
  aggregateRows: Record<AggregateTable, number>;
}

/** A file written in chunks of text or bytes, waiting for the disk when it lags. */
class ChunkFile {
  readonly #out: WriteStream;
  lines = 0;
  constructor(file: string, header: string) {
    this.#out = createWriteStream(file);
    this.#out.write(`${header}\n`);
  }
  /** Writes a chunk of whole lines (each ending in a line break). */
  async write(chunk: string | Uint8Array, lines: number): Promise<void> {
    this.lines += lines;
    if (chunk.length === 0) return;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }
  async close(): Promise<void> {
    this.#out.end();
    await once(this.#out, 'finish');
  }
  /** Gives up on the file (after a failure elsewhere). */
  destroy(): void {
    this.#out.destroy();
  }
}

/** The layout of a generated folder. */
export const syntheticLayout = {
  organizations: 'organizations.csv',
  students: 'students',
  answerKey: path.join('answer-key', 'milestone_probabilities.csv'),
  /** School, district and state figures computed from the students, in DESE's layouts (`ssos import dese`). */
  aggregates: 'dese-synthetic',
} as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The files a generated folder holds, in the order a district's part of them is written. */
const studentTableIds = Object.keys(studentTables) as StudentTable[];
const fileIds = [
  ...studentTableIds.map((t) => `students:${t}` as const),
  'answer-key' as const,
  ...aggregateTableIds.map((t) => `aggregates:${t}` as const),
];
type FileId = (typeof fileIds)[number];

/** One district's part of every file: whole lines of text, and how many. */
export interface DistrictText {
  chunks: (string | Uint8Array)[];
  lines: number[];
}

const recordsOf: { [T in StudentTable]: (d: DistrictData) => StudentTableRecords[T][] } = {
  students: (d) => d.students,
  student_years: (d) => d.studentYears,
  assessments: (d) => d.assessments,
  english_proficiency: (d) => d.englishProficiency,
  high_school_outcomes: (d) => d.highSchoolOutcomes,
};

/** Lines as a chunk of text: each ends in a line break. */
function chunkOf(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function aggregateLines(rows: AggregateRows, t: AggregateTable): string[] {
  return rows[t].map((row) => row.map(csvCell).join(','));
}

/**
 * Turns generated districts into the text of the files, district by district; adds each district to the state's
 * figures (`finish` writes them). The same in one thread and in worker threads, so the files are the same.
 */
export class SyntheticTextWriter {
  readonly aggregator: StudentAggregator;
  readonly #answerKey: boolean;
  /** `answerKey: false` leaves the answer key out (its file part is empty). */
  constructor(plan: CommonwealthPlan, options: { answerKey?: boolean } = {}) {
    this.#answerKey = options.answerKey ?? true;
    this.aggregator = new StudentAggregator(
      plan.organizations
        .filter((o) => o.level !== 'region')
        .map((o) => ({
          code: o.code,
          name: o.name,
          level: o.level,
          districtCode: o.level === 'school' ? o.parentCode : o.level === 'district' ? o.code : null,
        })),
    );
  }

  /** A district's part of every file (in `fileIds` order). */
  district(district: DistrictData): DistrictText {
    const aggregates = this.aggregator.addDistrict(district);
    const chunks: (string | Uint8Array)[] = [];
    const lines: number[] = [];
    const bytes = new CsvByteWriter();
    for (const t of studentTableIds) {
      writeStudentCsvLines(t, recordsOf[t](district) as StudentTableRecords[typeof t][], bytes);
      lines.push(bytes.lines);
      chunks.push(bytes.take());
    }
    const key = this.#answerKey
      ? district.answerKey.map(
          (row) => `${row.studentId},${row.schoolYear},${row.grade},${row.milestone},${row.probability.toPrecision(6)}`,
        )
      : [];
    chunks.push(chunkOf(key));
    lines.push(key.length);
    for (const t of aggregateTableIds) {
      const rows = aggregateLines(aggregates, t);
      chunks.push(chunkOf(rows));
      lines.push(rows.length);
    }
    return { chunks, lines };
  }

  /** The state's figures (after every district), as the aggregate files' last lines. */
  finish(): DistrictText {
    const rows = this.aggregator.finish();
    const parts = fileIds.map((f) =>
      f.startsWith('aggregates:') ? aggregateLines(rows, f.slice(11) as AggregateTable) : [],
    );
    return { chunks: parts.map(chunkOf), lines: parts.map((p) => p.length) };
  }
}

export interface WriteSyntheticOptions {
  /** Whether to write the answer key (default true); the demo, which never reads it, leaves it out. */
  answerKey?: boolean;
  /**
   * Worker threads generating districts (each district depends only on the seed and its code, so the files are the
   * same whatever the number); 1 generates in this thread. Default: one per core, at most 4, and one thread for a
   * small state.
   */
  workers?: number;
}

/** Workers used by default: one per core (at most 4), none below scale 0.05 (starting them costs more). */
function defaultWorkers(scale: number): number {
  return scale < 0.05 ? 1 : Math.min(4, Math.max(1, availableParallelism()));
}

/**
 * Generates the synthetic Commonwealth into a folder, district by district (bounded memory): the organization
 * directory, the student CSV files the importer reads, and — apart, in `answer-key/`, never read by the platform —
 * each student's true probability of reaching the next milestone. Districts are generated in worker threads when
 * there are several cores, and written in code order, so the files do not depend on it.
 */
export async function writeSyntheticCommonwealth(
  outDir: string,
  options: CommonwealthOptions,
  onDistrict?: (done: number, total: number) => void,
  writeOptions: WriteSyntheticOptions = {},
): Promise<SyntheticSummary> {
  const plan = planCommonwealth(options);
  await mkdir(path.join(outDir, syntheticLayout.students), { recursive: true });
  const answerKey = writeOptions.answerKey ?? true;
  if (answerKey) await mkdir(path.dirname(path.join(outDir, syntheticLayout.answerKey)), { recursive: true });
  await mkdir(path.join(outDir, syntheticLayout.aggregates), { recursive: true });

  const orgs = new ChunkFile(path.join(outDir, syntheticLayout.organizations), directoryColumns.join(','));
  await orgs.write(chunkOf(plan.organizations.map((org) => directoryLine(org))), plan.organizations.length);
  await orgs.close();

  const fileOf = (f: FileId): ChunkFile | null => {
    if (f === 'answer-key')
      return !answerKey
        ? null
        : new ChunkFile(
            path.join(outDir, syntheticLayout.answerKey),
            'student_id,school_year,grade,milestone,probability',
          );
    if (f.startsWith('students:')) {
      const t = f.slice(9) as StudentTable;
      return new ChunkFile(path.join(outDir, syntheticLayout.students, studentTables[t].file), studentCsvHeader(t));
    }
    const t = f.slice(11) as AggregateTable;
    return new ChunkFile(
      path.join(outDir, syntheticLayout.aggregates, aggregateTables[t].file),
      aggregateHeader(t).map(csvCell).join(','),
    );
  };
  const files = fileIds.map(fileOf);
  const write = async (text: { chunks: readonly (string | Uint8Array)[]; lines: readonly number[] }) => {
    for (let i = 0; i < files.length; i++) await files[i]?.write(text.chunks[i]!, text.lines[i]!);
  };

  const workers = Math.min(writeOptions.workers ?? defaultWorkers(options.scale), plan.districts.length);
  let done = 0;
  const districtWritten = () => onDistrict?.(++done, plan.districts.length);
  try {
    if (workers <= 1) {
      const writer = new SyntheticTextWriter(plan, { answerKey });
      for (const district of generateCommonwealth(plan)) {
        await write(writer.district(district));
        districtWritten();
      }
      await write(writer.finish());
    } else {
      await generateInWorkers(
        options,
        answerKey,
        plan,
        workers,
        async (text) => {
          await write(text);
          districtWritten();
        },
        async (text) => write(text),
      );
    }
  } catch (err) {
    for (const f of files) f?.destroy();
    throw err;
  }
  for (const f of files) await f?.close();
  // Staffing, spending and college-going: figures that do not come from students, beside the computed ones.
  const contextRows = await writeContextFigures(path.join(outDir, syntheticLayout.aggregates), plan);
  const linesOf = (id: FileId) => files[fileIds.indexOf(id)]?.lines ?? 0;
  return {
    dir: outDir,
    organizations: plan.organizations.length,
    districts: plan.districts.length,
    rows: Object.fromEntries(studentTableIds.map((t) => [t, linesOf(`students:${t}`)])) as Record<StudentTable, number>,
    answerKeyRows: linesOf('answer-key'),
    contextRows,
    aggregateRows: Object.fromEntries(aggregateTableIds.map((t) => [t, linesOf(`aggregates:${t}`)])) as Record<
      AggregateTable,
      number
    >,
  };
}

/** A district's part of the files as a worker sends it: the text encoded (its buffers are handed over, not copied). */
export interface EncodedDistrictText {
  chunks: Uint8Array[];
  lines: number[];
}

function sizeOf(text: EncodedDistrictText): number {
  let bytes = 0;
  for (const c of text.chunks) bytes += c.length;
  return bytes;
}

/** What a generator thread is started with. */
export interface SyntheticWorkerData {
  options: CommonwealthOptions;
  answerKey: boolean;
}

/** Messages between the generator and its workers. */
export type SyntheticWorkerRequest = { kind: 'district'; index: number } | { kind: 'finish' };
export type SyntheticWorkerReply =
  { kind: 'district'; index: number; text: EncodedDistrictText } | { kind: 'finish'; stateSums: StateSums };

/**
 * Generates the plan's districts in worker threads, each worker taking the next district when it is free, and hands
 * them to `onDistrict` in code order (a few districts ahead at most are held, so memory stays bounded). Then the
 * state's figures, from the workers' sums added up, go to `onState`.
 */
async function generateInWorkers(
  options: CommonwealthOptions,
  answerKey: boolean,
  plan: CommonwealthPlan,
  count: number,
  onDistrict: (text: EncodedDistrictText) => Promise<void>,
  onState: (text: DistrictText) => Promise<void>,
): Promise<void> {
  const total = plan.districts.length;
  // Districts done ahead of the one to write next are held: up to about 256 MB of text, so one large district does
  // not stop the other workers (a small state may have a district of a quarter of its students).
  const budget = 256 << 20;
  let held = 0;
  const workers = Array.from(
    { length: count },
    () =>
      new Worker(new URL('./synthetic-worker.ts', import.meta.url), {
        workerData: {
          options: { seed: options.seed, scale: options.scale, lastYear: options.lastYear, years: options.years },
          answerKey,
        } satisfies SyntheticWorkerData,
      }),
  );
  const ready = new Map<number, EncodedDistrictText>();
  let next = 0;
  let written = 0;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const idle: Worker[] = [];
  const dispatch = () => {
    while (idle.length > 0 && next < total && (next < written + count || held < budget)) {
      idle.pop()!.postMessage({ kind: 'district', index: next++ } satisfies SyntheticWorkerRequest);
    }
  };
  const finished = new Map<Worker, (sums: StateSums) => void>();
  for (const worker of workers) {
    worker.on('message', (reply: SyntheticWorkerReply) => {
      if (reply.kind === 'district') {
        ready.set(reply.index, reply.text);
        held += sizeOf(reply.text);
        idle.push(worker);
        dispatch();
        signal();
      } else finished.get(worker)?.(reply.stateSums);
    });
    worker.on('error', (err) => {
      failure ??= err;
      signal();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a generator thread stopped (exit code ${code})`);
      signal();
    });
    idle.push(worker);
  }
  try {
    dispatch();
    while (written < total) {
      const text = ready.get(written);
      if (text) {
        ready.delete(written);
        held -= sizeOf(text);
        written++;
        dispatch();
        await onDistrict(text);
        continue;
      }
      if (failure !== null) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== null) throw failure;
    }
    // The state's figures: every worker's sums, added up.
    const writer = new SyntheticTextWriter(plan);
    const sums = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<StateSums>((resolve, reject) => {
            finished.set(worker, resolve);
            worker.once('error', reject);
            worker.postMessage({ kind: 'finish' } satisfies SyntheticWorkerRequest);
          }),
      ),
    );
    for (const s of sums) writer.aggregator.addStateSums(s);
    await onState(writer.finish());
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
