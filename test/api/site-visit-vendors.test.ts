import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/** The vendors state staff may assign when they schedule a site visit: the active vendor accounts, for the state only. */
describe.each(testBackends())('site-visit vendors over the API on %s', (backend) => {
  let t: TestApp;
  const c: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(backend);
    for (const role of ['state_admin', 'state_staff', 'regional_staff', 'school_leader', 'vendor'] as const)
      c[role] = await signInAs(t.app, role);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = (cookie?: string) =>
    t.app.inject({ method: 'GET', url: '/api/site-visits/vendors', headers: cookie ? { cookie } : {} });

  it('lists the active vendors to state staff and administrators', async () => {
    for (const who of ['state_staff', 'state_admin']) {
      const res = await get(c[who]);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().items).toEqual([
        expect.objectContaining({ name: 'Val Vendor', email: 'vendor@demo.ssos.example' }),
      ]);
    }
  });

  it('refuses everyone else', async () => {
    expect((await get()).statusCode).toBe(401);
    for (const who of ['regional_staff', 'school_leader', 'vendor'])
      expect((await get(c[who])).statusCode, who).toBe(403);
  });
});
