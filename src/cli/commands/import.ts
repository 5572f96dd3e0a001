import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { AppError } from '../../core/errors.ts';
import { studentTables, type StudentTable } from '../../core/students/csv-format.ts';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate } from '../../server/main.ts';
import { importStudentFile, importStudentFolder, type TableImportResult } from '../../server/ingest/student-csv.ts';

const kinds = {
  students: 'student-level CSV files (docs/student-csv-format.md): a folder holding them, or one file',
} as const;

function summarize(results: TableImportResult[]): string {
  return results
    .map((r) => `  ${r.file}: ${r.rows} rows (${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged)`)
    .join('\n');
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import data files; each file is all-or-nothing, and importing it again changes nothing')
    .argument('<kind>', `what the files are: ${Object.keys(kinds).join(', ')}`)
    .argument('<path>', 'a file or a folder')
    .addHelpText(
      'after',
      `\nKinds:\n${Object.entries(kinds)
        .map(([k, d]) => `  ${k.padEnd(10)} ${d}`)
        .join('\n')}`,
    )
    .action(async (kind: string, target: string) => {
      if (!(kind in kinds))
        throw new AppError('validation_failed', `unknown kind "${kind}": use one of ${Object.keys(kinds).join(', ')}`);
      let isDir: boolean;
      try {
        isDir = statSync(target).isDirectory();
      } catch {
        throw new AppError('not_found', `${target}: no such file or folder`);
      }
      const config = loadConfig();
      const { db } = await openAndMigrate(config);
      const bar = new SingleBar(
        { format: '  {file} {value} rows', hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      );
      const interactive = process.stderr.isTTY;
      try {
        let results: TableImportResult[];
        const onProgress = (rows: number) => interactive && bar.update(rows);
        const onFile = (_t: StudentTable, file: string) => {
          if (interactive) {
            bar.stop();
            bar.start(0, 0, { file: path.basename(file) });
          } else process.stderr.write(`Importing ${path.basename(file)}…\n`);
        };
        if (isDir) {
          results = await importStudentFolder(db, target, { onProgress, onFile });
        } else {
          const table = (Object.keys(studentTables) as StudentTable[]).find(
            (t) => studentTables[t].file === path.basename(target),
          );
          if (!table) {
            throw new AppError(
              'validation_failed',
              `${path.basename(target)} is not one of the student files (${Object.values(studentTables)
                .map((t) => t.file)
                .join(', ')})`,
            );
          }
          onFile(table, target);
          results = [await importStudentFile(db, table, target, { onProgress })];
        }
        if (interactive) bar.stop();
        console.log(`Imported into ${db.location}:\n${summarize(results)}`);
      } finally {
        if (interactive) bar.stop();
        await db.close();
      }
    });
}
