import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { apiCaller, TODAY } from './assistance-fixtures.ts';

/** The partner catalog and suggestions for a school over the API. */
describe.each(testBackends())('partners over the API on %s', (backend) => {
  let t: TestApp;
  let state: string;
  let coastal: string;
  let district: string;
  let school: string;
  let vendor: string;

  beforeAll(async () => {
    t = await createTestApp(backend);
    t.clock.now = TODAY;
    // A completed self-assessment of Taunton High on the Conditions: C9 little evidence, C4 developing, C2 providing,
    // C5 unknown (no rating).
    const k = t.db.kysely;
    const { id: versionId } = await k
      .insertInto('framework_versions')
      .values({
        framework_code: 'CSE',
        version: 900,
        title: 'Conditions for School Effectiveness (test)',
        uses: ['self_assessment'],
        org_levels: ['school', 'district'],
        scale: JSON.stringify({
          code: 'cse_evidence',
          levels: [
            { code: 'little_evidence', label: '1 Little evidence', score: 1 },
            { code: 'developing', label: '2 Developing', score: 2 },
            { code: 'providing', label: '3 Providing', score: 3 },
            { code: 'sustaining', label: '4 Sustaining', score: 4 },
            { code: 'unknown', label: 'U - unknown', score: null },
          ],
        }),
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: orgId } = await k
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', '02930505')
      .executeTakeFirstOrThrow();
    const { id: saId } = await k
      .insertInto('self_assessments')
      .values({
        org_id: orgId,
        framework_version_id: versionId,
        framework_code: 'CSE',
        period: '2025-26',
        status: 'completed',
        completed_at: new Date('2026-10-15T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [item, level] of [
      ['C9', 'little_evidence'],
      ['C4', 'developing'],
      ['C2', 'providing'],
      ['C5', 'unknown'],
    ])
      await k
        .insertInto('self_assessment_consensus')
        .values({ self_assessment_id: saId, item_code: item!, level_code: level! })
        .execute();
    state = await signInAs(t.app, 'state_staff');
    coastal = await signInAs(t.app, 'regional_staff');
    district = await signInAs(t.app, 'district_leader');
    school = await signInAs(t.app, 'school_leader');
    vendor = await signInAs(t.app, 'vendor');
  }, 240_000);
  afterAll(async () => t?.close());

  const call = apiCaller(() => t.app);
  const partner = (name: string, frameworkCodes: string[], over: Record<string, unknown> = {}) => ({
    name,
    description: '',
    services: ['Coaching'],
    frameworkCodes,
    regionCodes: [],
    status: 'vetted',
    approvedOn: '2025-06-30',
    website: null,
    ...over,
  });

  it('keeps the catalog: state staff add and change partners; others read; bad input refused', async () => {
    const body = partner('Instruction Partners', ['cse-4', 'tp-2'], { website: 'https://example.org' });
    expect((await call('POST', '/api/assistance/partners', coastal, body)).statusCode).toBe(403);
    expect((await call('POST', '/api/assistance/partners', undefined, body)).statusCode).toBe(401);
    const created = await call('POST', '/api/assistance/partners', state, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Instruction Partners',
      frameworkCodes: [
        { code: 'cse-4', title: 'Effective instruction' },
        { code: 'tp-2', title: 'Intentional practices for improving instruction' },
      ],
      regions: [],
      status: 'vetted',
      approvedOn: '2025-06-30',
    });
    expect((await call('POST', '/api/assistance/partners', state, body)).statusCode).toBe(409);
    for (const p of [
      partner('Whole Child Collaborative', ['cse-9'], { regionCodes: ['coastal'] }),
      partner('Western Help', ['cse-9'], { regionCodes: ['west-central'] }),
      partner('Provisional Pals', ['cse-9'], { status: 'provisional', approvedOn: null }),
      partner('Leadership Co', ['cse-2']),
    ])
      expect((await call('POST', '/api/assistance/partners', state, p)).statusCode).toBe(201);
    const cases: [Record<string, unknown>, string][] = [
      [partner('X', ['cse-4'], { approvedOn: null }), 'approvedOn'],
      [partner('X', ['cse-12']), 'frameworkCodes.0'],
      [partner('X', []), 'frameworkCodes'],
      [partner('X', ['cse-4'], { regionCodes: ['00010000'] }), 'regionCodes'],
      [partner('X', ['cse-4'], { website: 'ftp://x.org' }), 'website'],
      [partner('X', ['cse-4'], { status: 'approved' }), 'status'],
    ];
    for (const [payload, field] of cases) {
      const bad = await call('POST', '/api/assistance/partners', state, payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    const coastalList = (await call('GET', '/api/assistance/partners?region=coastal&code=cse-9', school)).json();
    expect(coastalList.items.map((p: { name: string }) => p.name)).toEqual([
      'Provisional Pals',
      'Whole Child Collaborative',
    ]);
    expect((await call('GET', '/api/assistance/partners', vendor)).statusCode).toBe(403);
    const id = created.json().id;
    const changed = await call('PUT', `/api/assistance/partners/${id}`, state, { ...body, status: 'inactive' });
    expect(changed.json().status).toBe('inactive');
    await call('PUT', `/api/assistance/partners/${id}`, state, body);
    expect((await call('PUT', '/api/assistance/partners/999999', state, body)).statusCode).toBe(404);
  });

  it("suggests vetted partners of the school's region for its lowest-rated Conditions, with the reason", async () => {
    const res = await call('GET', '/api/orgs/02930505/partner-suggestions', coastal);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.selfAssessment).toMatchObject({ period: '2025-26' });
    expect(s.needs.map((n: { code: string; score: number }) => [n.code, n.score])).toEqual([
      ['cse-9', 1],
      ['cse-4', 2],
    ]);
    // Whole Child (Coastal) addresses the lowest rating; Instruction Partners the next; Western Help serves another
    // region, Provisional Pals is not vetted, Leadership Co addresses a Condition rated 3.
    expect(s.items.map((i: { partner: { name: string } }) => i.partner.name)).toEqual([
      'Whole Child Collaborative',
      'Instruction Partners',
    ]);
    expect(s.items[0].reason).toBe(
      "Addresses Condition 9 (Students' social, emotional and health needs) (rated 1 Little evidence in the self-assessment 2025-26).",
    );
    // Leaders see their own school's suggestions only; vendors nothing.
    expect((await call('GET', '/api/orgs/02930505/partner-suggestions', district)).statusCode).toBe(403);
    expect((await call('GET', '/api/orgs/02930505/partner-suggestions', vendor)).statusCode).toBe(403);
    const own = (await call('GET', '/api/orgs/00010505/partner-suggestions', school)).json();
    expect(own).toMatchObject({ selfAssessment: null, needs: [], items: [] });
    expect((await call('GET', '/api/orgs/coastal/partner-suggestions', state)).json().error.field).toBe('code');
  });
});
