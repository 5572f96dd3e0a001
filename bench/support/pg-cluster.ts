import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const pgBin = process.env.SSOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL cluster for a benchmark run. */
export interface PgCluster {
  url(database?: string): string;
  psql(args: string[]): string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Why a cluster cannot be started here, or null when it can. */
export function clusterUnavailable(): string | null {
  if (!existsSync(path.join(pgBin, 'initdb'))) return `PostgreSQL binaries not found in ${pgBin}`;
  if (spawnSync('id', ['postgres']).status !== 0) return 'no postgres user to run initdb as';
  return null;
}

/**
 * The settings of the throwaway cluster beside fsync off: those README.md recommends for a server that takes the
 * yearly bulk loads (PostgreSQL's defaults are sized for a small machine: 128 MB of buffers, a checkpoint every 1 GB of
 * WAL, 64 MB to build an index).
 */
const serverSettings = [
  'shared_buffers=1GB',
  'max_wal_size=8GB',
  'checkpoint_timeout=30min',
  'maintenance_work_mem=512MB',
  'work_mem=64MB',
];

/** Starts a cluster (initdb as the postgres user, fsync off) on a free port; `stop()` removes it. */
export async function startCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssos-bench-pg-'));
  chownSync(
    dir,
    Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  );
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(pgBin, cmd), ...args], { stdio: 'pipe' });
  asPostgres('initdb', ['-D', `${dir}/data`, '--auth=trust', '--no-sync', '-U', 'postgres']);
  asPostgres('pg_ctl', [
    '-D',
    `${dir}/data`,
    '-l',
    `${dir}/log`,
    '-w',
    '-o',
    `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off ${serverSettings.map((s) => `-c ${s}`).join(' ')}`,
    'start',
  ]);
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    psql: (args) =>
      execFileSync(
        path.join(pgBin, 'psql'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', ...args],
        { encoding: 'utf8' },
      ),
    stop: () => {
      try {
        asPostgres('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
