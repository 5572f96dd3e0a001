import { demoUsers, fixedDemoOrgs } from '../../core/demo/fixed-commonwealth.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { countOrgsByLevel, upsertOrganizations } from '../db/repositories/org-repository.ts';
import { getSetting, putSetting } from '../db/repositories/catalog-repository.ts';
import { syncCatalog } from './catalog-service.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DemoUser } from '../../core/demo/fixed-commonwealth.ts';
import { writeSyntheticCommonwealth, syntheticLayout, type SyntheticSummary } from './synthetic-service.ts';
import { importOrganizationDirectory } from '../ingest/organizations.ts';
import { importStudentFolder } from '../ingest/student-csv.ts';
import { inImportTransaction, mayDeferReferenceChecks } from '../ingest/bulk-load.ts';
import { formatDeseSummary, importDeseFolder } from '../ingest/dese/dese-import.ts';
import { importDeseFolderInWorker } from '../ingest/worker-import.ts';
import { createOrResetUser } from './user-service.ts';
import { runAndStore } from './accountability-service.ts';
import { runEwis } from './ewis-service.ts';
import { loadDemoAssistance } from './demo-assistance.ts';

export interface DemoSummary {
  organizations: Record<string, number>;
  users: { email: string; role: string; password: string }[];
}

/**
 * Loads the demo: the catalog, a small fixed set of organizations, and one account per role with its documented
 * password. Running it again changes nothing but resetting the demo accounts.
 */
export async function loadDemo(db: Db, onProgress?: (step: string) => void): Promise<DemoSummary> {
  onProgress?.('catalog');
  await syncCatalog(db);
  onProgress?.('organizations');
  await db.kysely.transaction().execute((trx) => upsertOrganizations(trx, fixedDemoOrgs));
  onProgress?.('accounts');
  const ctx = systemContext(db);
  for (const u of demoUsers) {
    await createOrResetUser(ctx, u);
  }
  await putSetting(db.kysely, 'demo', true);
  return {
    organizations: await countOrgsByLevel(db.kysely),
    users: demoUsers.map((u) => ({ email: u.email, role: u.role, password: u.password })),
  };
}

/** Whether the database holds the demo. */
export async function isDemo(db: Db): Promise<boolean> {
  return (await getSetting(db.kysely, 'demo')) === true;
}

/** Whether the database holds any organization yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const counts = await countOrgsByLevel(db.kysely);
  return Object.keys(counts).length === 0;
}

/** The demo `ssos demo` and `ssos serve --demo` load: a synthetic Commonwealth small enough to load in under a
 * minute on the embedded database (12 districts, 47 schools, about 18,000 students a year). */
export const defaultDemo = { scale: 0.02, seed: 1 } as const;

export interface SyntheticDemoOptions {
  seed: number;
  scale: number;
  /** Where the generated files go; a temporary folder (removed afterwards) when absent. */
  filesDir?: string;
  /**
   * The PostgreSQL server `db` is connected to: given, the figures load in a worker thread on a connection of its
   * own while this thread loads the student records (PGlite has one connection: there everything loads here).
   */
  databaseUrl?: string | undefined;
  onProgress?: (step: string) => void;
}

/**
 * Loads the synthetic Commonwealth as the demo: generates it into files (districts in worker threads; without the
 * answer key, which the demo never reads) and imports them through the same importers real files use (the organization directory, the student CSV files, then the school, district and state figures
 * computed from the students, in DESE's layouts), then the catalog and one account per role, scoped to the first
 * synthetic district and its first school, and runs what computes on the data: the official accountability run and
 * the early-warning run of the latest year; then the assistance operations on them (`demo-assistance.ts`).
 */
export async function loadSyntheticDemo(
  db: Db,
  options: SyntheticDemoOptions,
): Promise<DemoSummary & { generated: SyntheticSummary }> {
  const dir = options.filesDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ssos-demo-')));
  try {
    options.onProgress?.('generating the synthetic Commonwealth');
    // The answer key is for checking early-warning models against the truth: the demo never reads it.
    const generated = await writeSyntheticCommonwealth(dir, { seed: options.seed, scale: options.scale }, undefined, {
      answerKey: false,
    });
    options.onProgress?.('catalog');
    await syncCatalog(db);
    options.onProgress?.('organizations');
    await importOrganizationDirectory(db, path.join(dir, syntheticLayout.organizations));
    // The student records and the figures go to different tables: on a server they load at the same time, when both
    // loads can check their references once without locking the organizations exclusively (see
    // deferReferenceChecks): the figures in a worker thread with a connection of its own (given the server's URL),
    // the student files here, side by side once students.csv is in, so that both cores read files while the server
    // writes and builds indexes. PGlite has one connection, so there they load one after the other.
    const students = async () => {
      options.onProgress?.('students');
      await importStudentFolder(db, path.join(dir, syntheticLayout.students), { concurrent: true });
      options.onProgress?.('students imported');
    };
    const figures = async () => {
      options.onProgress?.('school, district and state figures');
      const folder = path.join(dir, syntheticLayout.aggregates);
      const results =
        db.kind === 'postgres' && options.databaseUrl
          ? await importDeseFolderInWorker(options.databaseUrl, folder)
          : await importDeseFolder(db, folder);
      options.onProgress?.('school, district and state figures imported');
      formatDeseSummary(results); // throws naming every refused file
    };
    if (db.kind === 'postgres' && (await inImportTransaction(db, mayDeferReferenceChecks))) {
      // Both finish (or fail) before the demo goes on or reports the first failure.
      const failed = (await Promise.allSettled([students(), figures()])).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } else {
      await students();
      await figures();
    }
    options.onProgress?.('accounts');
    const users = await syntheticDemoUsers(db);
    const ctx = systemContext(db);
    for (const u of users) await createOrResetUser(ctx, u);
    // Whatever computations exist run on the demo: the official accountability run of the latest year with results.
    const latest = await db.kysely
      .selectFrom('indicator_values')
      .select((eb) => eb.fn.max('school_year').as('year'))
      .where('indicator_code', '=', 'mcas_ela_g38_avg_scaled_score')
      .executeTakeFirst();
    if (latest?.year) {
      options.onProgress?.(`accountability ${latest.year}`);
      await runAndStore(ctx, { year: Number(latest.year), kind: 'official' });
    }
    // And the early-warning run: models trained on the earlier years score the students of the latest one.
    options.onProgress?.('early warning');
    await runEwis(ctx);
    // And assistance operations on those results: regional teams, engagements, partners, training.
    options.onProgress?.('assistance');
    await loadDemoAssistance(db);
    await putSetting(db.kysely, 'demo', true);
    return {
      organizations: await countOrgsByLevel(db.kysely),
      users: users.map((u) => ({ email: u.email, role: u.role, password: u.password })),
      generated,
    };
  } finally {
    if (!options.filesDir) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The demo accounts, scoped to organizations of the synthetic state: the first local district (by code) of the
 * coastal region with a middle school and a high school, its high school, and its region.
 */
async function syntheticDemoUsers(db: Db): Promise<DemoUser[]> {
  const rows = await db.kysely
    .selectFrom('organizations as s')
    .innerJoin('organizations as d', 'd.id', 's.parent_id')
    .innerJoin('organizations as r', 'r.id', 'd.region_id')
    .select(['s.code as school', 's.grades', 'd.code as district', 'r.code as region'])
    .where('s.level', '=', 'school')
    .where('s.closed_year', 'is', null)
    .where('d.type', '=', 'local')
    .orderBy('d.code')
    .orderBy('s.code')
    .execute();
  // The regional account is the fixed demo's (coastal@...): its district is chosen in that region when it can be;
  // a small state may have no district with both a middle and a high school, and then any district will do.
  const region = demoUsers.find((u) => u.role === 'regional_staff')?.scopeCode;
  const districts = [...Map.groupBy(rows, (r) => r.district).values()];
  const isMiddle = (grades: string[]) => grades.includes('08') && !grades.includes('09') && !grades.includes('05');
  const complete = (schools: typeof rows) =>
    schools.some((s) => s.grades.includes('12')) && schools.some((s) => isMiddle(s.grades));
  const chosen =
    districts.find((d) => d[0]!.region === region && complete(d)) ?? districts.find((d) => complete(d)) ?? districts[0];
  if (!chosen) throw new Error('the synthetic state has no local district with schools');
  const high = chosen.find((s) => s.grades.includes('12')) ?? chosen[0]!;
  const school = { school: high.school, district: high.district, region: high.region };
  return demoUsers.map((u) => ({
    ...u,
    scopeCode:
      u.role === 'district_leader'
        ? school.district
        : u.role === 'school_leader'
          ? school.school
          : u.role === 'regional_staff'
            ? school.region
            : u.scopeCode,
  }));
}
