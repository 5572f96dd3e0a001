import { demoUsers, fixedDemoOrgs } from '../../core/demo/fixed-commonwealth.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { countOrgsByLevel, upsertOrganizations } from '../db/repositories/org-repository.ts';
import { getSetting, putSetting } from '../db/repositories/catalog-repository.ts';
import { syncCatalog } from './catalog-service.ts';
import { createOrResetUser } from './user-service.ts';

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
