import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworkLibrary } from '../../src/server/services/framework-service.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';

/** The framework library over the API: read by every signed-in user, versioned and edited by state administrators. */
describe.each(testBackends())('frameworks over the API on %s', (backend) => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let school: string;
  let vendor: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await signInAs(t.app, 'state_admin');
    staff = await signInAs(t.app, 'state_staff');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
  }, 120_000);
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('seeds the shipped library once, at start-up, and lists it to any signed-in user', async () => {
    expect(await seedFrameworkLibrary(t.db)).toEqual([]); // already seeded by the app's start-up
    expect((await call('GET', '/api/frameworks')).statusCode).toBe(401);
    for (const cookie of [school, vendor]) {
      const res = await call('GET', '/api/frameworks', cookie);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as {
        code: string;
        version: number;
        status: string;
        indicators: number;
        unconfirmedItems: number;
      }[];
      expect(items.map((f) => `${f.code} v${f.version}`)).toEqual(['BHPS v1', 'CSE v1', 'DSI v1', 'SSS v1', 'TP v1']);
      expect(items.find((f) => f.code === 'CSE')).toMatchObject({
        status: 'published',
        indicators: 11,
        unconfirmedItems: 4,
      });
      expect(items.find((f) => f.code === 'DSI')).toMatchObject({ indicators: 24 });
    }
  });

  it('shows a framework with its scale and items, unconfirmed wording flagged', async () => {
    const res = await call('GET', '/api/frameworks/tp', vendor);
    expect(res.statusCode).toBe(200);
    const tp = res.json();
    expect(tp).toMatchObject({ code: 'TP', version: 1, status: 'published', shipped: true, indicatorsEditable: true });
    expect(tp.scale.levels.map((l: { label: string }) => l.label)).toEqual([
      'No evidence',
      'Developing',
      'Providing',
      'Sustaining',
    ]);
    expect(tp.items[0]).toMatchObject({
      code: 'TP1',
      kind: 'area',
      title: 'Leadership, shared responsibility, and professional collaboration',
    });
    expect(tp.items[1]).toMatchObject({ code: 'TP1.1', kind: 'indicator', parentCode: 'TP1', unconfirmed: true });
    const cse = (await call('GET', '/api/frameworks/CSE/versions/1', school)).json();
    expect(cse.items.find((i: { code: string }) => i.code === 'C8')).toMatchObject({
      title: 'Tiered instruction and adequate learning time',
      unconfirmed: true,
    });
    expect(cse.items[0]).toMatchObject({ code: 'C1', appliesTo: ['district'] });
    expect((await call('GET', '/api/frameworks/NOPE', school)).statusCode).toBe(404);
    expect((await call('GET', '/api/frameworks/CSE/versions/9', school)).statusCode).toBe(404);
    const bad = await call('GET', '/api/frameworks/CSE/versions/zero', school);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('version');
  });

  it('lets only a state administrator create a version, edit and confirm wording, add indicators and publish', async () => {
    for (const [cookie, status] of [
      [undefined, 401],
      [staff, 403],
      [school, 403],
      [vendor, 403],
    ] as const)
      expect((await call('POST', '/api/frameworks/TP/versions', cookie, {})).statusCode).toBe(status);

    const created = await call('POST', '/api/frameworks/TP/versions', admin, {});
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'TP',
      version: 2,
      status: 'draft',
      shipped: false,
      copiedFromVersion: 1,
    });

    expect(
      (await call('PATCH', '/api/frameworks/TP/versions/2/items/TP1.1', staff, { confirmed: true })).statusCode,
    ).toBe(403);
    const edited = await call('PATCH', '/api/frameworks/TP/versions/2/items/TP1.1', admin, {
      title: 'Use of autonomies',
      confirmed: true,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().items.find((i: { code: string }) => i.code === 'TP1.1')).toMatchObject({
      title: 'Use of autonomies',
      unconfirmed: false,
    });
    const empty = await call('PATCH', '/api/frameworks/TP/versions/2/items/TP1.1', admin, {});
    expect(empty.statusCode).toBe(400);
    // An empty title is refused with a sentence the page shows beside the field.
    const blank = await call('PATCH', '/api/frameworks/TP/versions/2/items/TP1.1', admin, { title: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({
      field: 'title',
      message: 'body.title: enter the wording: the title cannot be empty',
    });
    expect(
      (await call('PATCH', '/api/frameworks/TP/versions/2/items/TP9.9', admin, { confirmed: true })).statusCode,
    ).toBe(404);

    const added = await call('POST', '/api/frameworks/TP/versions/2/items', admin, {
      kind: 'indicator',
      parentCode: 'TP2',
      title: 'Data-driven instruction',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().items.find((i: { code: string }) => i.code === 'TP2.2')).toMatchObject({
      title: 'Data-driven instruction',
      parentCode: 'TP2',
      unconfirmed: false,
    });
    const badParent = await call('POST', '/api/frameworks/TP/versions/2/items', admin, {
      kind: 'indicator',
      parentCode: 'TP2.1',
      title: 'x',
    });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().error.field).toBe('parentCode');
    const removed = await call('DELETE', '/api/frameworks/TP/versions/2/items/TP4.2', admin);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().items.map((i: { code: string }) => i.code)).not.toContain('TP4.2');

    // Version 1 is unchanged.
    const v1 = (await call('GET', '/api/frameworks/TP/versions/1', admin)).json();
    expect(v1.items.find((i: { code: string }) => i.code === 'TP1.1').title).toBe('Leadership');

    expect((await call('POST', '/api/frameworks/TP/versions/2/publish', staff)).statusCode).toBe(403);
    const published = await call('POST', '/api/frameworks/TP/versions/2/publish', admin);
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect((await call('GET', '/api/frameworks/TP', school)).json().version).toBe(2);

    // Published versions do not change.
    const again = await call('POST', '/api/frameworks/TP/versions/2/publish', admin);
    expect(again.statusCode).toBe(409);
    const locked = await call('PATCH', '/api/frameworks/TP/versions/1/items/TP1.1', admin, { confirmed: true });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain('Create a new version');

    // Every change is in the audit log.
    const audit = (await call('GET', '/api/audit?limit=200', admin)).json();
    const entries = (audit.items ?? audit) as { resourceType: string; resourceId: string; action: string }[];
    const mine = entries
      .filter((e) => e.resourceType.startsWith('framework_'))
      .map((e) => `${e.action} ${e.resourceId}`);
    expect(mine).toEqual(
      expect.arrayContaining([
        'create TP v2',
        'update TP v2 TP1.1',
        'create TP v2 TP2.2',
        'delete TP v2 TP4.2',
        'update TP v2',
      ]),
    );
  });

  it('documents every improvement-cycle endpoint, with who may call it, in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/frameworks',
        '/api/frameworks/{code}/versions/{version}/items/{itemCode}',
        '/api/orgs/{code}/self-assessments',
        '/api/orgs/{code}/self-assessments/heat-map',
        '/api/self-assessments/{id}/summary.pdf',
        '/api/site-visits',
        '/api/site-visits/{id}/transitions',
        '/api/orgs/{code}/site-visits/trends',
      ]),
    );
    expect(doc.paths['/api/frameworks/{code}/versions'].post.description).toMatch(/Access: signed-in state_admin/);
    expect(doc.paths['/api/self-assessments/{id}'].get.description).toMatch(/Person-level data/);
  });

  it('copies a chosen earlier version', async () => {
    const res = await call('POST', '/api/frameworks/TP/versions', admin, { fromVersion: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 3, copiedFromVersion: 1 });
    expect(res.json().items.find((i: { code: string }) => i.code === 'TP1.1').title).toBe('Leadership');
    expect((await call('POST', '/api/frameworks/XX/versions', admin, {})).statusCode).toBe(404);
  });
});
