import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAuditText, GENESIS_HASH, timestampText } from '../../src/core/audit/hash-chain.ts';
import { systemContext, type RequestContext } from '../../src/server/context.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { appendAuditEntry, sha256Hex, verifyAuditLog, writeAudit } from '../../src/server/services/audit-service.ts';
import { createTestApp, demoUserOf, signInAs, type TestApp } from '../support/app.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';
import { projectRoot } from '../support/template.ts';

const record = (n: number) => ({
  userId: null,
  userEmail: `writer${n}@example.org`,
  action: 'read',
  resourceType: 'student',
  resourceId: String(n),
  orgId: null,
  detail: { n, note: `entry ${n}` },
  ip: '10.0.0.1',
  userAgent: 'test',
  requestId: `req-${n}`,
});

/** A fresh database with `n` audit entries written through the service; returns it and the entries' ids. */
async function dbWithEntries(backend: 'pglite' | 'postgres', n: number): Promise<{ db: TestDb; ids: number[] }> {
  const db = await createTestDb(backend);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push(await appendAuditEntry(db, record(i), new Date(Date.UTC(2026, 0, i))));
  return { db, ids };
}

function ssos(args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _omit, SSOS_DATA_DIR: _omit2, ...base } = process.env;
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin/ssos.js'), ...args], {
    cwd: projectRoot,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(testBackends())('audit hash chain on %s', (backend) => {
  it('chains every entry: each holds the hash of the one before and a SHA-256 of its canonical text', async () => {
    const { db, ids } = await dbWithEntries(backend, 3);
    try {
      const rows = await db.kysely
        .selectFrom('audit_log')
        .select(['id', 'prev_hash', 'hash', 'detail', 'user_email', 'request_id'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => Number(r.id))).toEqual(ids);
      expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
      // The first hash recomputed by hand from its fields.
      const text = canonicalAuditText(
        { ...record(1), id: ids[0]!, at: timestampText(new Date(Date.UTC(2026, 0, 1))) },
        GENESIS_HASH,
      );
      expect(text).toBe(
        `["ssos-audit-v1",${ids[0]},"2026-01-01T00:00:00.000000Z",null,"writer1@example.org","read","student","1",null,{"n":1,"note":"entry 1"},"10.0.0.1","test","req-1","${GENESIS_HASH}"]`,
      );
      expect(rows[0]!.hash).toBe(sha256Hex(text));
      const report = await verifyAuditLog(db);
      expect(report).toEqual({ intact: true, entries: 3, lastId: ids[2], headHash: rows[2]!.hash, broken: null });
    } finally {
      await db.dispose();
    }
  });

  it('concurrent writers never fork the chain', async () => {
    const db = await createTestDb(backend);
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => appendAuditEntry(db, record(i), new Date())));
      const rows = await db.kysely.selectFrom('audit_log').select(['prev_hash']).execute();
      expect(rows).toHaveLength(40);
      // A fork would be two entries naming the same previous entry.
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(40);
      expect((await verifyAuditLog(db)).intact).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('keeps one chain while batches, another process and changes in transactions append at once', async () => {
    const db = await createTestDb(backend);
    // Another process has its own queue and its own idea of the chain's newest entry (PGlite has one process).
    const other =
      backend === 'postgres'
        ? await openDatabase({ databaseUrl: db.target.databaseUrl!, dataDir: '', poolSize: 4 })
        : undefined;
    const inTransaction = (n: number) =>
      db.kysely.transaction().execute((trx) => appendAuditEntry({ ...db, kysely: trx }, record(n), new Date()));
    try {
      for (let round = 0; round < 4; round++) {
        await Promise.all([
          ...Array.from({ length: 30 }, (_, i) => appendAuditEntry(db, record(round * 100 + i), new Date())),
          ...Array.from({ length: 10 }, (_, i) =>
            appendAuditEntry(other ?? db, record(round * 100 + 50 + i), new Date()),
          ),
          inTransaction(round * 100 + 90),
        ]);
      }
      const rows = await db.kysely.selectFrom('audit_log').select(['id', 'prev_hash']).orderBy('id').execute();
      expect(rows).toHaveLength(4 * 41);
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
      // Ids follow chain order: each entry names the one before it by id order.
      expect(await verifyAuditLog(db)).toMatchObject({ intact: true, entries: 4 * 41 });
      // Ids the sequence hands out later (a change's entry) come after every entry the batches placed.
      const after = await inTransaction(999);
      expect(after).toBeGreaterThan(Number(rows.at(-1)!.id));
      expect((await verifyAuditLog(db)).intact).toBe(true);
    } finally {
      await other?.close();
      await db.dispose();
    }
  });

  it('appends after an entry written around the service took the id the next batch expected', async () => {
    const { db } = await dbWithEntries(backend, 2);
    try {
      await Promise.all([appendAuditEntry(db, record(3), new Date()), appendAuditEntry(db, record(4), new Date())]);
      const rogue = await db.kysely
        .insertInto('audit_log')
        .values({ action: 'read', resource_type: 'student', detail: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = await appendAuditEntry(db, record(5), new Date());
      expect(id).toBeGreaterThan(Number(rogue.id));
      const entry = await db.kysely
        .selectFrom('audit_log')
        .select(['resource_id', 'hash'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(entry.resource_id).toBe('5');
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      // The entry written around the service is still the one reported.
      expect((await verifyAuditLog(db)).broken?.entryId).toBe(Number(rogue.id));
    } finally {
      await db.dispose();
    }
  });

  it('an entry whose details were edited fails verification at that entry', async () => {
    const { db, ids } = await dbWithEntries(backend, 5);
    try {
      await db.kysely
        .updateTable('audit_log')
        .set({ detail: JSON.stringify({ n: 3, note: 'nothing to see' }) })
        .where('id', '=', ids[2]!)
        .execute();
      const report = await verifyAuditLog(db);
      expect(report.intact).toBe(false);
      expect(report.broken).toEqual({
        entryId: ids[2],
        problem: `entry ${ids[2]} does not match its hash: it was changed after it was written`,
      });
      expect(report.entries).toBe(2);
    } finally {
      await db.dispose();
    }
  });

  it('a deleted entry fails verification at the entry after it', async () => {
    const { db, ids } = await dbWithEntries(backend, 5);
    try {
      await db.kysely.deleteFrom('audit_log').where('id', '=', ids[1]!).execute();
      const report = await verifyAuditLog(db);
      expect(report.broken?.entryId).toBe(ids[2]);
      expect(report.broken?.problem).toBe(
        `entry ${ids[2]} does not follow entry ${ids[0]}: an entry between them was deleted, or entry ${ids[0]} was replaced`,
      );
    } finally {
      await db.dispose();
    }
  });

  it('deleting the newest entries is caught by the chain head', async () => {
    const { db, ids } = await dbWithEntries(backend, 4);
    try {
      await db.kysely.deleteFrom('audit_log').where('id', '>=', ids[2]!).execute();
      const report = await verifyAuditLog(db);
      expect(report.broken?.entryId).toBe(ids[3]);
      expect(report.broken?.problem).toContain(`the log ends at entry ${ids[1]}`);
    } finally {
      await db.dispose();
    }
  });

  it('an entry inserted around the audit service is reported', async () => {
    const { db } = await dbWithEntries(backend, 2);
    try {
      const row = await db.kysely
        .insertInto('audit_log')
        .values({ action: 'read', resource_type: 'student', detail: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const report = await verifyAuditLog(db);
      expect(report.broken?.entryId).toBe(Number(row.id));
      expect(report.broken?.problem).toContain('not part of the chain');
    } finally {
      await db.dispose();
    }
  });

  it('entries written before the chain existed are chained on first use (backfill), then verified', async () => {
    const db = await createTestDb(backend);
    try {
      // The state right after migration 0011 on a database that already had a log.
      await sql`INSERT INTO audit_log (at, action, resource_type, detail, user_email)
        VALUES ('2025-05-01 10:00:00.123456+00', 'read', 'student', '{"b": 2, "a": [1, 2]}', 'old@example.org'),
               ('2025-05-02 11:00:00+00', 'sign_in', 'session', '{}', NULL)`.execute(db.kysely);
      const before = await db.kysely.selectFrom('audit_log').select(['hash']).execute();
      expect(before.every((r) => r.hash === null)).toBe(true);
      await appendAuditEntry(db, record(1), new Date());
      const rows = await db.kysely.selectFrom('audit_log').select(['prev_hash', 'hash']).orderBy('id').execute();
      expect(rows).toHaveLength(3);
      expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
      const report = await verifyAuditLog(db);
      expect(report.intact).toBe(true);
      expect(report.entries).toBe(3);
    } finally {
      await db.dispose();
    }
  });

  it('`ssos audit verify` exits 0 on an intact log and 2 naming the first broken entry', async () => {
    const { db, ids } = await dbWithEntries(backend, 3);
    const env = backend === 'pglite' ? { SSOS_DATA_DIR: db.target.dataDir } : { DATABASE_URL: db.target.databaseUrl };
    try {
      // The embedded database admits one process at a time: close it while the command runs.
      if (backend === 'pglite') await db.close();
      const ok = ssos(['audit', 'verify'], env);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('Audit log intact: 3 entries');
      const again = backend === 'pglite' ? await openDatabase({ dataDir: db.target.dataDir }) : db;
      await again.kysely
        .updateTable('audit_log')
        .set({ user_email: 'someone-else@example.org' })
        .where('id', '=', ids[1]!)
        .execute();
      if (backend === 'pglite') await again.close();
      const broken = ssos(['audit', 'verify'], env);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain(`audit log broken at entry ${ids[1]}: entry ${ids[1]} does not match its hash`);
    } finally {
      if (backend === 'pglite') await rm(db.target.dataDir, { recursive: true, force: true });
      else await db.dispose();
    }
  }, 120_000);
});

describe.each(testBackends())('the audit viewer API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let ctx: RequestContext;
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await signInAs(t.app, 'state_admin');
    ctx = systemContext(t.db);
    const org = await t.db.kysely
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', '00010000')
      .executeTakeFirstOrThrow();
    // Three entries on known days, one of them about a district.
    await writeAudit(
      { ...ctx, now: new Date('2026-03-01T12:00:00Z') },
      { action: 'update', resourceType: 'plan', resourceId: 'p1', orgId: org.id },
    );
    await writeAudit(
      { ...ctx, now: new Date('2026-03-02T12:00:00Z') },
      { action: 'delete', resourceType: 'plan', resourceId: 'p2' },
    );
    await writeAudit(
      { ...ctx, now: new Date('2026-03-03T23:59:59Z') },
      { action: 'export', resourceType: 'roster', resourceId: 'r1', detail: { rows: 12, note: 'a, "quoted" note' } },
    );
  });
  afterAll(async () => t?.close());

  const get = (url: string, cookie = admin) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('filters by action, object type, organization and date range', async () => {
    const byAction = (await get('/api/audit?action=delete')).json();
    expect(byAction.items.map((e: { resourceId: string }) => e.resourceId)).toEqual(['p2']);
    const byType = (await get('/api/audit?resourceType=plan')).json();
    expect(byType.items.map((e: { resourceId: string }) => e.resourceId)).toEqual(['p2', 'p1']);
    const byOrg = (await get('/api/audit?org=00010000&resourceType=plan')).json();
    expect(byOrg.items.map((e: { resourceId: string; orgCode: string }) => [e.resourceId, e.orgCode])).toEqual([
      ['p1', '00010000'],
    ]);
    // `to` includes the whole day: the entry at 23:59:59 on 2026-03-03 is in.
    const range = (await get('/api/audit?from=2026-03-02&to=2026-03-03')).json();
    expect(range.items.map((e: { resourceId: string }) => e.resourceId)).toEqual(['r1', 'p2']);
  });

  it('filters by user', async () => {
    const u = demoUserOf('state_admin');
    const mine = (await get(`/api/audit?user=${encodeURIComponent(u.email)}&action=sign_in`)).json();
    expect(mine.items.length).toBeGreaterThanOrEqual(1);
    expect(mine.items.every((e: { userEmail: string }) => e.userEmail === u.email)).toBe(true);
    const id = mine.items[0].userId as number;
    const byId = (await get(`/api/audit?userId=${id}&action=sign_in`)).json();
    expect(byId.items.map((e: { id: number }) => e.id)).toEqual(mine.items.map((e: { id: number }) => e.id));
  });

  it('pages through the log with nextBefore, newest first, without overlap', async () => {
    const first = (await get('/api/audit?resourceType=plan&limit=1')).json();
    expect(first.items.map((e: { resourceId: string }) => e.resourceId)).toEqual(['p2']);
    expect(first.nextBefore).toBe(first.items[0].id);
    const second = (await get(`/api/audit?resourceType=plan&limit=1&before=${first.nextBefore}`)).json();
    expect(second.items.map((e: { resourceId: string }) => e.resourceId)).toEqual(['p1']);
    expect(second.nextBefore).toBeNull();
  });

  it('exports the filtered entries as CSV, and the export is itself audited', async () => {
    const res = await get('/api/audit/export?action=export&resourceType=roster');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ssos-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,user_id,user_email,action,resource_type,resource_id,org_code,detail,ip,user_agent,hash',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      ',2026-03-03T23:59:59.000Z,,,export,roster,r1,,"{""note"":""a, \\""quoted\\"" note"",""rows"":12}"',
    );
    const audited = (await get('/api/audit?action=export&resourceType=audit_log')).json();
    expect(audited.items.length).toBeGreaterThanOrEqual(1);
  });

  it('verifies the chain on request', async () => {
    const res = await get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ intact: true, brokenAt: null, problem: null });
  });

  it('names the field at fault for bad filters', async () => {
    const bad = async (q: string, field: string) => {
      const res = await get(`/api/audit?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.field, q).toBe(field);
    };
    await bad('from=2026-13-01', 'from');
    await bad('to=yesterday', 'to');
    await bad('from=2026-03-05&to=2026-03-01', 'to');
    await bad('org=99999999', 'org');
    await bad('limit=0', 'limit');
    await bad('colour=red', 'colour');
  });

  it('refuses everyone but state administrators, and the signed out', async () => {
    for (const url of ['/api/audit', '/api/audit/export', '/api/audit/verify']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      for (const role of ['state_staff', 'regional_staff', 'district_leader', 'school_leader', 'vendor'] as const) {
        const cookie = await signInAs(t.app, role);
        expect((await get(url, cookie)).statusCode, `${role} ${url}`).toBe(403);
      }
    }
  });

  it('every request above was chained', async () => {
    expect((await verifyAuditLog(t.db)).intact).toBe(true);
  });
});
