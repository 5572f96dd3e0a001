// A thread running one import on its own database connection (a PostgreSQL server only: PGlite has one connection,
// in the main thread), so that reading and checking its files uses another core while the main thread reads others.
// Started by runImportInWorker (worker-import.ts); reports progress, then the result or the error, as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.ts';
import { importDeseFolder } from './dese/dese-import.ts';
import { serializeError, serializeDeseResults, type ImportJob, type WorkerMessage } from './worker-import.ts';

const { databaseUrl, job } = workerData as { databaseUrl: string; job: ImportJob };
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 2 });
try {
  if (job.kind === 'dese-folder') {
    const results = await importDeseFolder(db, job.dir, {
      onFile: (file, index, total) => post({ kind: 'file', file, index, total }),
    });
    post({ kind: 'done', results: serializeDeseResults(results) });
  }
} catch (err) {
  post({ kind: 'error', error: serializeError(err) });
} finally {
  await db.close();
}
