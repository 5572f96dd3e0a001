import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';

/** What route modules are given. */
export interface RouteDeps {
  db: Db;
  config: Config;
  clock: () => Date;
  version: string;
}
