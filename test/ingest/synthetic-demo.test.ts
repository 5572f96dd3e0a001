import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

async function folderDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

describe('the synthetic Commonwealth as files', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-synth-files-'));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('the same seed and scale write the same files; another seed writes another state', async () => {
    const a = await writeSyntheticCommonwealth(path.join(tmp, 'a'), { seed: 5, scale: 0.005 });
    await writeSyntheticCommonwealth(path.join(tmp, 'b'), { seed: 5, scale: 0.005 });
    await writeSyntheticCommonwealth(path.join(tmp, 'c'), { seed: 6, scale: 0.005 });
    const [da, db, dc] = await Promise.all(['a', 'b', 'c'].map((d) => folderDigest(path.join(tmp, d))));
    expect(Object.keys(da!).sort()).toEqual([
      'answer-key/milestone_probabilities.csv',
      'dese-synthetic/advanced_coursework.csv',
      'dese-synthetic/attendance.csv',
      'dese-synthetic/college_going.csv',
      'dese-synthetic/discipline.csv',
      'dese-synthetic/dropout.csv',
      'dese-synthetic/elp_progress.csv',
      'dese-synthetic/enrollment_by_grade.csv',
      'dese-synthetic/finance.csv',
      'dese-synthetic/grade9_passing.csv',
      'dese-synthetic/graduation.csv',
      'dese-synthetic/mcas_results.csv',
      'dese-synthetic/selected_populations.csv',
      'dese-synthetic/staffing.csv',
      'organizations.csv',
      'students/assessments.csv',
      'students/english_proficiency.csv',
      'students/high_school_outcomes.csv',
      'students/student_years.csv',
      'students/students.csv',
    ]);
    expect(db).toEqual(da);
    expect(dc!['students/students.csv']).not.toBe(da!['students/students.csv']);
    expect(a.rows.students).toBeGreaterThan(1000);
  }, 120_000);
});

describe.each(testBackends())('the synthetic demo on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(backend);
  });
  afterAll(async () => db?.dispose());

  it('goes through the importers: every generated row arrives, and demo accounts act for synthetic organizations', async () => {
    const summary = await loadSyntheticDemo(db, { seed: 11, scale: 0.005 });
    const count = async (
      t: 'students' | 'student_years' | 'assessments' | 'english_proficiency' | 'high_school_outcomes',
    ) =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const table of [
      'students',
      'student_years',
      'assessments',
      'english_proficiency',
      'high_school_outcomes',
    ] as const) {
      expect(await count(table), table).toBe(summary.generated.rows[table]);
    }
    const orgs = Number(
      (
        await db.kysely
          .selectFrom('organizations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(orgs).toBe(summary.generated.organizations);
    // The demo accounts (the assistance demo adds regional colleagues, who are not demo accounts).
    const leaders = await db.kysely
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.scope_org_id')
      .select(['u.role', 'o.level', 'o.code'])
      .where('u.role', 'in', ['district_leader', 'school_leader', 'regional_staff'])
      .where(
        'u.email',
        'in',
        summary.users.map((u) => u.email),
      )
      .orderBy('u.role')
      .execute();
    expect(leaders.map((l) => [l.role, l.level])).toEqual([
      ['district_leader', 'district'],
      ['regional_staff', 'region'],
      ['school_leader', 'school'],
    ]);
    expect(leaders.find((l) => l.role === 'school_leader')!.code.slice(0, 4)).toBe(
      leaders.find((l) => l.role === 'district_leader')!.code.slice(0, 4),
    );
  }, 120_000);
});
