import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, pgliteTemplateDir } from '../support/template.ts';
import { openDatabase } from '../../src/server/db/client.ts';

const bin = path.join(projectRoot, 'bin/ssos.js');

function ssos(args: string[], env: Record<string, string | undefined> = {}, input?: string) {
  const { DATABASE_URL: _omit, ...base } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: { ...base, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('ssos command line', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ssos-cli-'));
  });
  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it('--help lists the commands a newcomer needs', () => {
    const r = ssos(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['serve', 'demo', 'db', 'user', 'DATABASE_URL', 'SSOS_DATA_DIR'])
      expect(r.stdout).toContain(word);
  });

  it('a bad DATABASE_URL stops start-up with one clear line and no stack trace', async () => {
    const port = await closedPort();
    const r = ssos(['db', 'migrate'], { DATABASE_URL: `postgres://ssos:secret-pw@127.0.0.1:${port}/ssos` });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `ssos: cannot connect to the database at postgres://ssos:***@127.0.0.1:${port}/ssos (DATABASE_URL): connection refused`,
    );
    expect(r.stderr).not.toContain('secret-pw');
    const notUrl = ssos(['db', 'migrate'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(notUrl.stderr.trim()).toBe('ssos: DATABASE_URL must start with postgres:// or postgresql://, not mysql://');
  });

  it('an unwritable data directory stops start-up with one clear line', async () => {
    const file = path.join(tmp, 'a-file');
    await writeFile(file, 'not a directory');
    const r = ssos(['db', 'migrate'], { SSOS_DATA_DIR: path.join(file, 'data') });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `ssos: data directory ${path.join(file, 'data')} is not writable (SSOS_DATA_DIR): a part of the path is a file, not a directory`,
    );
  });

  it('a bad PORT is named', () => {
    const r = ssos(['serve'], { PORT: 'eighty', SSOS_DATA_DIR: path.join(tmp, 'unused') });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('ssos: PORT must be a whole number from 0 to 65535, not "eighty"');
  });

  it('db migrate, demo and user add work on the embedded database', async () => {
    const dataDir = path.join(tmp, 'db');
    await cp(await pgliteTemplateDir(), dataDir, { recursive: true });
    const migrate = ssos(['db', 'migrate'], { SSOS_DATA_DIR: dataDir });
    expect(migrate.stderr).toBe('');
    expect(migrate.stdout).toContain('is up to date');

    const demo = ssos(['demo', '--fixed'], { SSOS_DATA_DIR: dataDir });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`Demo loaded into ${dataDir}: 1 state, 2 regions, 6 districts, 23 schools.`);
    expect(demo.stdout).toContain('admin@demo.ssos.example');

    const add = ssos(
      [
        'user',
        'add',
        '--email',
        'ana@example.org',
        '--name',
        'Ana Lopez',
        '--role',
        'district_leader',
        '--scope',
        '10000',
        '--password-stdin',
      ],
      { SSOS_DATA_DIR: dataDir },
      'a-long-passphrase\n',
    );
    expect(add.stderr).toBe('');
    expect(add.stdout.trim()).toBe('Created district leader Ana Lopez <ana@example.org> for Abington.');

    const wrongScope = ssos(
      [
        'user',
        'add',
        '--email',
        'bo@example.org',
        '--name',
        'Bo',
        '--role',
        'school_leader',
        '--scope',
        '00010000',
        '--password-stdin',
      ],
      { SSOS_DATA_DIR: dataDir },
      'a-long-passphrase\n',
    );
    expect(wrongScope.code).toBe(1);
    expect(wrongScope.stderr.trim()).toBe('ssos: scope: a school leader must be scoped to a school, not a district');

    const badRole = ssos(
      ['user', 'add', '--email', 'c@example.org', '--name', 'C', '--role', 'king', '--password-stdin'],
      { SSOS_DATA_DIR: dataDir },
      'x',
    );
    expect(badRole.stderr.trim()).toMatch(/^ssos: --role must be one of state_admin, .*not "king"$/);

    const db = await openDatabase({ dataDir });
    try {
      const ana = await db.kysely
        .selectFrom('users')
        .select(['email', 'password_hash'])
        .where('email', '=', 'ana@example.org')
        .executeTakeFirstOrThrow();
      expect(ana.password_hash).toMatch(/^\$argon2id\$/);
      expect(
        await db.kysely.selectFrom('users').select('email').where('email', '=', 'bo@example.org').execute(),
      ).toHaveLength(0);
    } finally {
      await db.close();
    }
  }, 180_000);
});
