import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import type { DeseFileResult, DeseImportOptions } from './dese/dese-import.ts';
import { ImportFailed, type ImportProblem } from './problems.ts';

/** An import a worker thread can run. */
export type ImportJob = { kind: 'dese-folder'; dir: string };

/** A DESE file result as plain data (a refused file's problems instead of the error object). */
export type SerializedDeseResult = Omit<DeseFileResult, 'error'> & {
  error?: { problems: ImportProblem[]; stoppedEarly: boolean };
};

/** An error as plain data: its message and, for the database's and the platform's errors, its code and detail. */
export interface SerializedError {
  message: string;
  name: string;
  code?: string;
  detail?: string;
  app: boolean;
}

/** What the worker tells the main thread. */
export type WorkerMessage =
  | { kind: 'file'; file: string; index: number; total: number }
  | { kind: 'done'; results: SerializedDeseResult[] }
  | { kind: 'error'; error: SerializedError };

export function serializeDeseResults(results: readonly DeseFileResult[]): SerializedDeseResult[] {
  return results.map(({ error, ...rest }) =>
    error
      ? {
          ...rest,
          error: { problems: error.problems, stoppedEarly: error.message.split('\n')[0]!.includes('; stopped after') },
        }
      : rest,
  );
}

function deserializeDeseResults(results: readonly SerializedDeseResult[]): DeseFileResult[] {
  return results.map(({ error, ...rest }) =>
    error ? { ...rest, error: new ImportFailed(error.problems, error.stoppedEarly) } : rest,
  );
}

export function serializeError(err: unknown): SerializedError {
  const e = err as { message?: unknown; name?: unknown; code?: unknown; detail?: unknown };
  return {
    message: typeof e?.message === 'string' ? e.message : String(err),
    name: typeof e?.name === 'string' ? e.name : 'Error',
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.detail === 'string' ? { detail: e.detail } : {}),
    app: err instanceof AppError,
  };
}

function deserializeError(e: SerializedError): Error {
  if (e.app && e.code) return new AppError(e.code as ErrorCode, e.message);
  return Object.assign(new Error(e.message), {
    name: e.name,
    ...(e.code ? { code: e.code } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
  });
}

/**
 * Imports a folder of DESE files (importDeseFolder) in a worker thread with its own connection to the PostgreSQL
 * server at `databaseUrl`: the same files, checks and transactions, while this thread does other work.
 */
export function importDeseFolderInWorker(
  databaseUrl: string,
  dir: string,
  options: Pick<DeseImportOptions, 'onFile'> = {},
): Promise<DeseFileResult[]> {
  const job: ImportJob = { kind: 'dese-folder', dir };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { workerData: { databaseUrl, job } });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'file') options.onFile?.(m.file, m.index, m.total);
      else if (m.kind === 'done') settle(() => resolve(deserializeDeseResults(m.results)));
      else settle(() => reject(deserializeError(m.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the import thread stopped before finishing (exit code ${code})`))),
    );
  });
}
