import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, schemaVersion } from '../../src/server/db/migrate.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

describe.each(testBackends())('migrations on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(backend);
  });
  afterAll(async () => db?.dispose());

  it('applies nothing twice: a migrated database stays as it is', async () => {
    const all = await loadMigrations();
    const result = await migrate(db);
    expect(result.applied).toEqual([]);
    expect(await schemaVersion(db)).toBe(all.length);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-migrations-'));
    try {
      const all = await loadMigrations();
      await cp(path.resolve(import.meta.dirname, '../../src/server/db/migrations'), dir, { recursive: true });
      await writeFile(path.join(dir, all[0]!.file), `${all[0]!.sql}\n-- edited\n`);
      await expect(migrate(db, await loadMigrations(dir))).rejects.toThrow(
        /0001_core\.sql was changed after it was applied/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has every table and column the typed schema names', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`.execute(db.kysely);
    const columns = new Set(rows.rows.map((r) => `${r.table_name}.${r.column_name}`));
    const expected = [
      'organizations.code',
      'organizations.grades',
      'organizations.parent_id',
      'organizations.region_id',
      'organizations.opened_year',
      'organizations.closed_year',
      'indicators.definition',
      'indicators.direction',
      'indicators.year_convention',
      'indicator_values.n',
      'indicator_values.suppressed',
      'student_groups.kind',
      'users.scope_org_id',
      'sessions.token_hash',
      'audit_log.detail',
      'roles.scope_level',
      'comparison_sets.member_ids',
    ];
    for (const c of expected) expect(columns, c).toContain(c);
  });

  it('rejects a suppressed value that carries a number, and codes in the wrong format', async () => {
    const org = await db.kysely
      .insertInto('organizations')
      .values({ code: '00990000', name: 'Test', level: 'district', type: 'local' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('indicators')
      .values({
        code: 'x_pct',
        label: 'X',
        definition: 'x',
        unit: 'percent',
        direction: 'context',
        area: 'enrollment',
        source: 's',
        year_convention: 'school_year',
      })
      .execute();
    await db.kysely
      .insertInto('student_groups')
      .values({ code: 'all', label: 'All', kind: 'all', description: 'all' })
      .execute();
    await expect(
      db.kysely
        .insertInto('indicator_values')
        .values({
          indicator_code: 'x_pct',
          org_id: org.id,
          school_year: 2020,
          student_group: 'all',
          value: 3,
          suppressed: true,
        })
        .execute(),
    ).rejects.toThrow(/indicator_values_suppressed_has_no_value/);
    await expect(
      db.kysely
        .insertInto('organizations')
        .values({ code: '123', name: 'Bad', level: 'school', type: 'public' })
        .execute(),
    ).rejects.toThrow(/organizations_code_format/);
    await expect(
      db.kysely
        .insertInto('organizations')
        .values({ code: '00980000', name: 'Bad', level: 'school', type: 'local' })
        .execute(),
    ).rejects.toThrow(/organizations_type_by_level/);
  });
});
