import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/context.ts';
import { openDatabase, type Db } from '../../src/server/db/client.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { signIn } from '../../src/server/services/auth-service.ts';
import { verifyAuditLog, writeAudit } from '../../src/server/services/audit-service.ts';
import {
  orderByDependencies,
  readBackupHeader,
  restoreBackup,
  tableDigests,
  writeBackup,
} from '../../src/server/services/backup-service.ts';
import { demoUsers } from '../../src/core/demo/fixed-commonwealth.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';
import { projectRoot } from '../support/template.ts';

function ssos(args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _a, SSOS_DATA_DIR: _b, ...base } = process.env;
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin/ssos.js'), ...args], {
    cwd: projectRoot,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const envOf = (db: TestDb) =>
  db.kind === 'pglite' ? { SSOS_DATA_DIR: db.target.dataDir } : { DATABASE_URL: db.target.databaseUrl };

/** Runs `work` with the database closed when it is the embedded one (one process at a time), then reopens it. */
async function whileClosed<T>(db: TestDb, work: () => T): Promise<{ result: T; db: Db }> {
  if (db.kind !== 'pglite') return { result: work(), db };
  await db.close();
  const result = work();
  return { result, db: await openDatabase({ dataDir: db.target.dataDir }) };
}

describe('orderByDependencies', () => {
  it('puts referenced tables first, alphabetically among equals', () => {
    const order = orderByDependencies([
      { name: 'sessions', references: ['users'] },
      { name: 'users', references: ['roles', 'organizations'] },
      { name: 'roles', references: [] },
      { name: 'organizations', references: [] },
    ]).map((t) => t.name);
    expect(order).toEqual(['organizations', 'roles', 'users', 'sessions']);
  });

  it('refuses a cycle between tables', () => {
    expect(() =>
      orderByDependencies([
        { name: 'a', references: ['b'] },
        { name: 'b', references: ['a'] },
      ]),
    ).toThrow(/cycle/);
  });
});

describe.each(testBackends())('backup and restore on %s', (backend) => {
  let tmp: string;
  let source: TestDb;
  let sourceDb: Db;
  let before: Awaited<ReturnType<typeof tableDigests>>;
  const file = () => path.join(tmp, 'ssos.backup.gz');

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-backup-'));
    source = await createTestDb(backend);
    await loadDemo(source);
    const ctx = { ...systemContext(source), ip: '10.1.2.3' };
    const u = demoUsers[0]!;
    await signIn(ctx, u.email, u.password, 12);
    await signIn(ctx, u.email, 'not-the-password', 12).catch(() => {});
    await writeAudit(ctx, {
      action: 'update',
      resourceType: 'plan',
      detail: { text: 'tab\there, "quotes", ünïcode, \\ and a\nnewline' },
    });
    before = await tableDigests(source);
  }, 300_000);
  afterAll(async () => {
    if (source.kind === 'pglite') {
      await sourceDb?.close().catch(() => {});
      await rm(source.target.dataDir, { recursive: true, force: true });
    } else await source.dispose();
    await rm(tmp, { recursive: true, force: true });
  });

  it('`ssos backup` then `ssos restore` into a new database reproduces every table exactly', async () => {
    expect(Object.keys(before).length).toBeGreaterThan(30);
    expect(before.organizations!.rows).toBeGreaterThan(0);
    expect(before.audit_log!.rows).toBeGreaterThan(0);
    const backedUp = await whileClosed(source, () => ssos(['backup', '--out', file()], envOf(source)));
    sourceDb = backedUp.db;
    expect(backedUp.result.stderr).toBe('');
    expect(backedUp.result.code).toBe(0);
    expect(backedUp.result.stdout).toMatch(/^Backed up \d+ rows in \d+ tables \(schema version \d+\)/);
    const header = await readBackupHeader(file());
    expect(header).toMatchObject({ format: 'ssos-backup', formatVersion: 1, source: backend });

    const target = await createTestDb(backend);
    try {
      const restored = await whileClosed(target, () => ssos(['restore', '--in', file()], envOf(target)));
      expect(restored.result.stderr).toBe('');
      expect(restored.result.code).toBe(0);
      const after = await tableDigests(restored.db);
      // Every table: the same number of rows and the same contents, whatever order they are stored in.
      expect(after).toEqual(before);
      // The audit chain came across intact, and new entries continue it (the id sequences moved past the ids).
      expect((await verifyAuditLog(restored.db)).intact).toBe(true);
      await writeAudit(systemContext(restored.db), { action: 'read', resourceType: 'student', resourceId: '1' });
      expect((await verifyAuditLog(restored.db)).intact).toBe(true);

      // A database that holds data is not overwritten without --replace.
      const again = await whileClosed(
        { ...target, kind: restored.db.kind, close: () => restored.db.close() } as TestDb,
        () => ssos(['restore', '--in', file()], envOf(target)),
      );
      expect(again.result.code).toBe(1);
      expect(again.result.stderr).toMatch(
        /^ssos: The database at .* already holds data \(\d+ organizations, \d+ users.*pass --replace to overwrite it\n$/,
      );
      await again.db.close();
    } finally {
      if (target.kind === 'pglite') await rm(target.target.dataDir, { recursive: true, force: true });
      else await target.dispose();
    }
  }, 600_000);

  it('--replace overwrites a database that holds data', async () => {
    const target = await createTestDb(backend);
    try {
      await loadDemo(target);
      await writeAudit(systemContext(target), { action: 'read', resourceType: 'student', resourceId: 'x' });
      await restoreBackup(target, file(), { replace: true });
      expect(await tableDigests(target)).toEqual(before);
    } finally {
      await target.dispose();
    }
  }, 300_000);

  it('refuses a database at another schema version, and changes nothing', async () => {
    const target = await createTestDb(backend);
    try {
      const latest = await target.kysely
        .selectFrom('schema_migrations')
        .select((eb) => eb.fn.max('version').as('v'))
        .executeTakeFirstOrThrow();
      await target.kysely.deleteFrom('schema_migrations').where('version', '=', latest.v).execute();
      await expect(restoreBackup(target, file())).rejects.toThrow(
        `The backup was made at schema version ${latest.v}, but the database at ${target.location} is at version ${Number(latest.v) - 1}`,
      );
      const orgs = await target.kysely.selectFrom('organizations').select('id').execute();
      expect(orgs).toHaveLength(0);
    } finally {
      await target.dispose();
    }
  }, 300_000);

  it('refuses a truncated or damaged file and leaves the database as it was', async () => {
    const lines = gunzipSync(await readFile(file()))
      .toString('utf8')
      .split('\n');
    const truncated = path.join(tmp, 'truncated.gz');
    await writeFile(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const damaged = path.join(tmp, 'damaged.gz');
    const rowIndex = lines.findIndex((l) => l.startsWith('R '));
    await writeFile(damaged, gzipSync([...lines.slice(0, rowIndex), ...lines.slice(rowIndex + 1)].join('\n')));
    const notBackup = path.join(tmp, 'not-a-backup.gz');
    await writeFile(notBackup, 'plain text');
    const target = await createTestDb(backend);
    try {
      const rolesBefore = await tableDigests(target);
      await expect(restoreBackup(target, truncated)).rejects.toThrow(/the file is truncated\): nothing was restored/);
      await expect(restoreBackup(target, damaged)).rejects.toThrow(/does not match its rows \(the file is damaged\)/);
      await expect(restoreBackup(target, notBackup)).rejects.toThrow(/is not a readable ssos backup/);
      expect(await tableDigests(target)).toEqual(rolesBefore);
    } finally {
      await target.dispose();
    }
  }, 300_000);

  it('writes a backup while writers go on (one consistent snapshot), through the service', async () => {
    const db = sourceDb ?? source;
    const out = path.join(tmp, 'concurrent.gz');
    const writing = Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeAudit(systemContext(db), { action: 'read', resourceType: 'student', resourceId: String(i) }),
      ),
    );
    const summary = await writeBackup(db, out);
    await writing;
    expect(summary.tables).toBeGreaterThan(30);
    const target = await createTestDb(backend);
    try {
      await restoreBackup(target, out);
      expect((await verifyAuditLog(target)).intact).toBe(true);
    } finally {
      await target.dispose();
    }
  }, 300_000);
});
