import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { StartupError } from './errors.ts';

/** The platform's version, from package.json. */
export function platformVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Opens the configured database and brings its schema up to date. */
export async function openAndMigrate(config: Config): Promise<{ db: Db; applied: string[] }> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrate(db);
    return { db, applied };
  } catch (err) {
    await db.close();
    throw new StartupError(`cannot update the database schema: ${(err as Error).message.split('\n')[0]}`);
  }
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTP server on an open, migrated database. */
export async function startServer(db: Db, config: Config): Promise<RunningServer> {
  const app = await buildApp({
    db,
    config,
    version: platformVersion(),
    logger: { level: config.logLevel },
  });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`port ${config.port} is already in use (PORT)`);
    if (code === 'EACCES') throw new StartupError(`not allowed to listen on port ${config.port} (PORT)`);
    throw new StartupError(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  }
  const url = address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  return {
    app,
    url,
    close: async () => {
      await app.close();
    },
  };
}
