import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { AppError } from '../../core/errors.ts';
import { studentTables, type StudentTable } from '../../core/students/csv-format.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/client.ts';
import { openAndMigrate } from '../../server/main.ts';
import { importStudentFile, importStudentFolder, type TableImportResult } from '../../server/ingest/student-csv.ts';
import { importRegionMapping } from '../../server/ingest/regions.ts';
import { importAccountabilityTargets } from '../../server/ingest/accountability-targets.ts';
import { importOrganizationDirectory } from '../../server/ingest/organizations.ts';
import { formatEdfiSummary, importEdfiFile, importEdfiFolder } from '../../server/ingest/edfi/import.ts';
import { formatDeseSummary, importDeseFile, importDeseFolder } from '../../server/ingest/dese/dese-import.ts';

/** Progress reporting for one import: a bar on a terminal, one line per file otherwise. */
export interface ImportProgress {
  file(name: string): void;
  rows(count: number): void;
  done(): void;
}

function createProgress(): ImportProgress {
  const interactive = process.stderr.isTTY;
  const bar = new SingleBar(
    { format: '  {file} {value} rows', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let running = false;
  return {
    file(name) {
      if (!interactive) return void process.stderr.write(`Importing ${name}…\n`);
      if (running) bar.stop();
      bar.start(0, 0, { file: name });
      running = true;
    },
    rows(count) {
      if (interactive && running) bar.update(count);
    },
    done() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** One kind of file `ssos import` reads: what it is, and how to import a path of that kind. Returns summary lines. */
export interface ImportKind {
  description: string;
  run(db: Db, target: string, isDir: boolean, progress: ImportProgress): Promise<string[]>;
}

function studentSummary(results: TableImportResult[]): string[] {
  return results.map(
    (r) => `${r.file}: ${r.rows} rows (${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged)`,
  );
}

/** The kinds of file `ssos import` reads. Adding one is one entry here. */
export const importKinds: Record<string, ImportKind> = {
  students: {
    description: 'student-level CSV files (docs/student-csv-format.md): a folder holding them, or one file',
    async run(db, target, isDir, progress) {
      const onProgress = (n: number) => progress.rows(n);
      if (isDir) {
        return studentSummary(
          await importStudentFolder(db, target, { onProgress, onFile: (_t, f) => progress.file(path.basename(f)) }),
        );
      }
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
      progress.file(path.basename(target));
      return studentSummary([await importStudentFile(db, table, target, { onProgress })]);
    },
  },
  organizations: {
    description:
      'the organization directory: a CSV with code, name, level, type, grades, town, parent_code, region_code, opened_year, closed_year',
    async run(db, target, isDir, progress) {
      if (isDir) throw new AppError('validation_failed', 'organizations: give the directory file, not a folder');
      progress.file(path.basename(target));
      const r = await importOrganizationDirectory(db, target);
      return [`${r.file}: ${r.rows} organizations (${r.inserted} new, ${r.updated} changed)`];
    },
  },
  regions: {
    description: 'the region mapping: a CSV with columns district_code, region (coastal, west-central, or blank)',
    async run(db, target, isDir, progress) {
      if (isDir) throw new AppError('validation_failed', 'regions: give the mapping file, not a folder');
      progress.file(path.basename(target));
      const r = await importRegionMapping(db, target);
      return [`${r.file}: ${r.rows} districts (${r.changed} changed, ${r.unchanged} unchanged)`];
    },
  },
  targets: {
    description:
      'the accountability targets file (docs/accountability.md): a CSV with org_code, indicator_code, student_group, baseline_year, baseline_value, annual_increment',
    async run(db, target, isDir, progress) {
      if (isDir) throw new AppError('validation_failed', 'targets: give the targets file, not a folder');
      progress.file(path.basename(target));
      const r = await importAccountabilityTargets(db, target);
      return [`${r.file}: ${r.rows} targets (${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged)`];
    },
  },
  edfi: {
    description: 'Ed-Fi Data Standard 5 interchange XML (docs/edfi-import.md): a folder holding them, or one file',
    async run(db, target, isDir, progress) {
      const options = {
        onProgress: (p: { records: number }) => progress.rows(p.records),
        onFile: (file: string) => progress.file(path.basename(file)),
      };
      if (isDir) return formatEdfiSummary(await importEdfiFolder(db, target, options));
      progress.file(path.basename(target));
      return formatEdfiSummary([await importEdfiFile(db, target, options)]);
    },
  },
  dese: {
    description:
      'DESE school and district reports and MCAS results, CSV or XLSX (docs/dese-import.md): one file, a dese-* folder, or a folder holding dese-* folders',
    async run(db, target, isDir, progress) {
      const options = { onProgress: (n: number) => progress.rows(n), onFile: (file: string) => progress.file(file) };
      if (isDir) return formatDeseSummary(await importDeseFolder(db, target, options));
      progress.file(path.basename(target));
      return formatDeseSummary([await importDeseFile(db, target, options)]);
    },
  },
};

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import data files; each file is all-or-nothing, and importing it again changes nothing')
    .argument('<kind>', `what the files are: ${Object.keys(importKinds).join(', ')}`)
    .argument('<path>', 'a file or a folder')
    .addHelpText(
      'after',
      () =>
        `\nKinds:\n${Object.entries(importKinds)
          .map(([k, d]) => `  ${k.padEnd(10)} ${d.description}`)
          .join('\n')}`,
    )
    .action(async (kind: string, target: string) => {
      const handler = importKinds[kind];
      if (!handler)
        throw new AppError(
          'validation_failed',
          `unknown kind "${kind}": use one of ${Object.keys(importKinds).join(', ')}`,
        );
      let isDir: boolean;
      try {
        isDir = statSync(target).isDirectory();
      } catch {
        throw new AppError('not_found', `${target}: no such file or folder`);
      }
      const config = loadConfig();
      const { db } = await openAndMigrate(config);
      const progress = createProgress();
      try {
        const lines = await handler.run(db, target, isDir, progress);
        progress.done();
        console.log(`Imported into ${db.location}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
      } finally {
        progress.done();
        await db.close();
      }
    });
}
