import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { pdfText } from '../support/pdf-text.ts';

type Visit = {
  id: number;
  status: string;
  ratingsVisible: boolean;
  rated: number | null;
  ratings: { indicatorCode: string; level: string }[];
  history: { by: string | null; from: string | null; to: string; comment: string }[];
};

/** Site visits over the API: scheduled by the state, rated by the assigned vendor, reviewed and published to the school. */
describe.each(testBackends())('site visits over the API on %s', (backend) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let vendorId: number;
  let vendor2Id: number;
  let schoolLeaderId: number;

  async function createUser(
    role: string,
    scopeCode: string | null,
    email: string,
  ): Promise<{ id: number; cookie: string }> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: c.admin! },
      payload: { email, displayName: email.split('@')[0], role, scopeCode, password: 'granite-meadow-compass' },
    });
    if (res.statusCode !== 201) throw new Error(`create ${email}: ${res.statusCode} ${res.body}`);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'granite-meadow-compass' },
    });
    return { id: res.json().id, cookie: cookieHeader(login) };
  }
  const idOf = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().user.id as number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    c.admin = await signInAs(t.app, 'state_admin');
    c.staff = await signInAs(t.app, 'state_staff');
    c.region = await signInAs(t.app, 'regional_staff');
    c.district = await signInAs(t.app, 'district_leader');
    c.school = await signInAs(t.app, 'school_leader');
    c.vendor = await signInAs(t.app, 'vendor');
    vendorId = await idOf(c.vendor);
    schoolLeaderId = await idOf(c.school);
    const v2 = await createUser('vendor', null, 'second.visitor@example.org');
    vendor2Id = v2.id;
    c.vendor2 = v2.cookie;
    c.otherSchool = (await createUser('school_leader', '00200505', 'barnstable.principal@example.org')).cookie;
    c.otherRegion = (await createUser('regional_staff', 'west-central', 'west.coach@example.org')).cookie;
  }, 120_000);
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const move = (id: number, cookie: string | undefined, action: string, comment?: string) =>
    call(
      'POST',
      `/api/site-visits/${id}/transitions`,
      cookie,
      comment === undefined ? { action } : { action, comment },
    );

  let v1: Visit;
  let v2: Visit;
  const ratings1 = [
    { indicatorCode: 'TP1.1', level: 'developing', evidence: 'Instructional leadership team meets, agendas thin' },
    { indicatorCode: 'TP1.2', level: 'providing' },
    { indicatorCode: 'TP1.3', level: 'providing' },
    { indicatorCode: 'TP2.1', level: 'no_evidence', evidence: 'No common lesson planning observed' },
    { indicatorCode: 'TP3.1', level: 'developing' },
    { indicatorCode: 'TP4.1', level: 'providing' },
    { indicatorCode: 'TP4.2', level: 'sustaining' },
  ];

  it('lets state staff schedule visits and assign vendors; nobody else', async () => {
    const body = { schoolCode: '00010505', type: 'monitoring', visitOn: '2025-10-01', vendorUserIds: [vendorId] };
    expect((await call('POST', '/api/site-visits', undefined, body)).statusCode).toBe(401);
    for (const who of ['vendor', 'school', 'district', 'region'])
      expect((await call('POST', '/api/site-visits', c[who], body)).statusCode, who).toBe(403);
    const res = await call('POST', '/api/site-visits', c.staff, body);
    expect(res.statusCode).toBe(201);
    v1 = res.json();
    expect(res.json()).toMatchObject({
      org: { code: '00010505', level: 'school' },
      type: 'monitoring',
      visitOn: '2025-10-01',
      status: 'scheduled',
      framework: { code: 'TP', version: 1 },
      vendors: 1,
      indicators: 7,
      assignedVendors: [{ userId: vendorId, name: 'Val Vendor' }],
      history: [{ from: null, to: 'scheduled', by: 'Sam State' }],
    });
    v2 = (
      await call('POST', '/api/site-visits', c.admin, {
        schoolCode: '00200505',
        type: 'targeted',
        visitOn: '2025-11-05',
        vendorUserIds: [vendor2Id],
      })
    ).json();

    const district = await call('POST', '/api/site-visits', c.staff, { ...body, schoolCode: '00010000' });
    expect(district.statusCode).toBe(400);
    expect(district.json().error.field).toBe('schoolCode');
    const notVendor = await call('POST', '/api/site-visits', c.staff, {
      ...body,
      vendorUserIds: [vendorId, schoolLeaderId],
    });
    expect(notVendor.statusCode).toBe(400);
    expect(notVendor.json().error).toMatchObject({
      field: 'vendorUserIds.1',
      message: `User ${schoolLeaderId} is not an active site-visit vendor`,
    });
    const badType = await call('POST', '/api/site-visits', c.staff, { ...body, type: 'turnaround' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.field).toBe('type');
  });

  it('shows vendors only the visits assigned to them, and everyone else only their scope', async () => {
    const ids = async (cookie: string | undefined) =>
      ((await call('GET', '/api/site-visits', cookie)).json().items as { id: number }[]).map((v) => v.id).sort();
    expect(await ids(c.vendor)).toEqual([v1.id]);
    expect(await ids(c.vendor2)).toEqual([v2.id]);
    expect(await ids(c.school)).toEqual([v1.id]);
    expect(await ids(c.district)).toEqual([v1.id]);
    expect(await ids(c.otherSchool)).toEqual([v2.id]);
    expect(await ids(c.region)).toEqual([v1.id, v2.id].sort()); // both schools are in the coastal region
    expect(await ids(c.otherRegion)).toEqual([]);
    expect(await ids(c.staff)).toEqual([v1.id, v2.id].sort());
    expect((await call('GET', '/api/site-visits')).statusCode).toBe(401);

    expect((await call('GET', `/api/site-visits/${v1.id}`, c.vendor)).statusCode).toBe(200);
    const notMine = await call('GET', `/api/site-visits/${v1.id}`, c.vendor2);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.message).toBe('This site visit is not assigned to you');
    for (const who of ['otherSchool', 'otherRegion']) {
      const res = await call('GET', `/api/site-visits/${v1.id}`, c[who]);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('out_of_scope');
    }
    expect((await call('GET', '/api/site-visits/999999', c.staff)).statusCode).toBe(404);
  });

  it('lets state staff change the assigned vendors before submission, and a newly assigned vendor sees the visit', async () => {
    const url = `/api/site-visits/${v2.id}/vendors`;
    expect((await call('PUT', url, c.vendor2, { userIds: [vendorId] })).statusCode).toBe(403);
    expect((await call('PUT', url, c.district, { userIds: [vendorId] })).statusCode).toBe(403);
    const bad = await call('PUT', url, c.staff, { userIds: [schoolLeaderId] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('userIds.0');
    const both = await call('PUT', url, c.staff, { userIds: [vendor2Id, vendorId] });
    expect(both.statusCode).toBe(200);
    expect(both.json().vendors).toBe(2);
    expect((await call('GET', `/api/site-visits/${v2.id}`, c.vendor)).statusCode).toBe(200);
    expect((await call('PUT', url, c.staff, { userIds: [vendor2Id] })).json().vendors).toBe(1);
    expect((await call('GET', `/api/site-visits/${v2.id}`, c.vendor)).statusCode).toBe(403);
  });

  it('lets the assigned vendor rate only while the visit is in progress, on the continuum', async () => {
    const early = await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, { ratings: ratings1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Ratings are recorded while the visit is in progress: start the visit first',
    );
    expect((await move(v1.id, c.vendor2, 'start')).statusCode).toBe(403);
    expect((await move(v1.id, c.school, 'start')).statusCode).toBe(403);
    const started = await move(v1.id, c.vendor, 'start');
    expect(started.statusCode).toBe(200);
    expect(started.json().status).toBe('in_progress');
    const twice = await move(v1.id, c.vendor, 'start');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('A site visit that is in progress cannot be started; it must be scheduled');

    expect((await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor2, { ratings: ratings1 })).statusCode).toBe(
      403,
    );
    expect((await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.staff, { ratings: ratings1 })).statusCode).toBe(
      403,
    );
    const badLevel = await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, {
      ratings: [{ indicatorCode: 'TP1.1', level: 'little_evidence' }],
    });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.field).toBe('ratings.0.level');
    const badIndicator = await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, {
      ratings: [{ indicatorCode: 'C2', level: 'providing' }],
    });
    expect(badIndicator.json().error.field).toBe('ratings.0.indicatorCode');

    const partial = await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, { ratings: ratings1.slice(0, 5) });
    expect(partial.json().rated).toBe(5);
    const incomplete = await move(v1.id, c.vendor, 'submit');
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.message).toBe(
      'Rate every indicator before submitting; 2 not rated: TP4.1 School climate and culture; TP4.2 Social, emotional and behavioral supports',
    );
    await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, { ratings: ratings1.slice(5) });
  });

  it('goes submitted -> returned with a comment -> resubmitted -> published, refusing every illegal move', async () => {
    const byState = await move(v1.id, c.staff, 'submit');
    expect(byState.statusCode).toBe(403);
    expect(byState.json().error.message).toBe('Only an assigned vendor may submit a site visit');
    const early = await move(v1.id, c.staff, 'publish');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'A site visit that is in progress cannot be published; it must be submitted for state review',
    );
    expect((await move(v1.id, c.vendor, 'submit')).json().status).toBe('submitted');
    const late = await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, { ratings: ratings1.slice(0, 1) });
    expect(late.statusCode).toBe(409);
    expect((await move(v1.id, c.vendor, 'publish')).statusCode).toBe(403);
    expect((await move(v1.id, c.vendor, 'return', 'x')).statusCode).toBe(403);
    expect((await move(v1.id, c.school, 'publish')).statusCode).toBe(403);

    // The school side sees no ratings and no report before publication.
    const before = (await call('GET', `/api/site-visits/${v1.id}`, c.school)).json() as Visit;
    expect(before).toMatchObject({ status: 'submitted', ratingsVisible: false, rated: null, ratings: [] });
    const noReport = await call('GET', `/api/site-visits/${v1.id}/report.pdf`, c.school);
    expect(noReport.statusCode).toBe(409);
    expect(noReport.json().error.message).toBe(
      'The feedback report is available once the state has reviewed and published the visit; this visit is submitted',
    );

    const noComment = await move(v1.id, c.staff, 'return');
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.field).toBe('comment');
    const returned = await move(v1.id, c.staff, 'return', 'Add evidence for TP1.2 from the focus groups');
    expect(returned.json().status).toBe('in_progress');
    await call('PUT', `/api/site-visits/${v1.id}/ratings`, c.vendor, {
      ratings: [
        {
          indicatorCode: 'TP1.2',
          level: 'providing',
          evidence: 'Teachers described shared ownership of results in focus groups',
        },
      ],
    });
    expect((await move(v1.id, c.vendor, 'submit')).json().status).toBe('submitted');
    const published = await move(v1.id, c.admin, 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    const again = await move(v1.id, c.admin, 'publish');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'A site visit that is published cannot be published; it must be submitted for state review',
    );
    expect((await call('PUT', `/api/site-visits/${v1.id}/vendors`, c.staff, { userIds: [vendor2Id] })).statusCode).toBe(
      409,
    );

    const history = (published.json() as Visit).history.map((h) => [h.from, h.to, h.by, h.comment]);
    expect(history).toEqual([
      [null, 'scheduled', 'Sam State', ''],
      ['scheduled', 'in_progress', 'Val Vendor', ''],
      ['in_progress', 'submitted', 'Val Vendor', ''],
      ['submitted', 'in_progress', 'Sam State', 'Add evidence for TP1.2 from the focus groups'],
      ['in_progress', 'submitted', 'Val Vendor', ''],
      ['submitted', 'published', 'Dana Admin', ''],
    ]);
    const after = (await call('GET', `/api/site-visits/${v1.id}`, c.school)).json() as Visit;
    expect(after).toMatchObject({ ratingsVisible: true, rated: 7 });
    expect(after.ratings.find((r) => r.indicatorCode === 'TP2.1')?.level).toBe('no_evidence');
  });

  it('serves the published feedback report to the school, its district, its region and the state only', async () => {
    for (const who of ['vendor', 'vendor2', 'otherSchool', 'otherRegion'])
      expect((await call('GET', `/api/site-visits/${v1.id}/report.pdf`, c[who])).statusCode, who).toBe(403);
    expect((await call('GET', `/api/site-visits/${v1.id}/report.pdf`)).statusCode).toBe(401);
    for (const who of ['district', 'region', 'staff'])
      expect((await call('GET', `/api/site-visits/${v1.id}/report.pdf`, c[who])).statusCode, who).toBe(200);
    const res = await call('GET', `/api/site-visits/${v1.id}/report.pdf`, c.school);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    for (const words of [
      'Site visit feedback report: Abington High',
      'Monitoring Site Visit on 2025-10-01',
      'Visited by Val Vendor',
      'TP1 Leadership, shared responsibility, and professional collaboration',
      'TP1.1 Leadership [unconfirmed wording]',
      'Rating: Developing',
      'Evidence: Instructional leadership team meets, agendas thin',
      'TP2.1 Intentional practices for improving instruction [unconfirmed wording] Rating: No evidence',
      'Evidence: Teachers described shared ownership of results in focus groups',
      'TP4.2 Social, emotional and behavioral supports [unconfirmed wording] Rating: Sustaining',
      'Page 1 of',
    ])
      expect(text).toContain(words);
  });

  it("shows trends per practice across the school's published visits", async () => {
    const second = (
      await call('POST', '/api/site-visits', c.staff, {
        schoolCode: '00010505',
        type: 'targeted',
        visitOn: '2026-03-15',
        vendorUserIds: [vendorId],
      })
    ).json() as Visit;
    await move(second.id, c.staff, 'start');
    await call('PUT', `/api/site-visits/${second.id}/ratings`, c.vendor, {
      ratings: [
        { indicatorCode: 'TP1.1', level: 'sustaining' },
        { indicatorCode: 'TP1.2', level: 'sustaining' },
        { indicatorCode: 'TP1.3', level: 'sustaining' },
        { indicatorCode: 'TP2.1', level: 'developing' },
        { indicatorCode: 'TP3.1', level: 'developing' },
        { indicatorCode: 'TP4.1', level: 'providing' },
        { indicatorCode: 'TP4.2', level: 'providing' },
      ],
    });
    await move(second.id, c.vendor, 'submit');
    // Not published yet: the trend still has one visit.
    expect((await call('GET', '/api/orgs/00010505/site-visits/trends', c.school)).json().visits).toBe(1);
    await move(second.id, c.staff, 'publish');

    const res = await call('GET', '/api/orgs/00010505/site-visits/trends', c.school);
    expect(res.statusCode).toBe(200);
    const trends = res.json();
    expect(trends.visits).toBe(2);
    const summary = (
      trends.practices as {
        practiceCode: string;
        change: number | null;
        points: { meanScore: number; level: string }[];
      }[]
    ).map((p) => [p.practiceCode, p.points.map((x) => [x.meanScore, x.level]), p.change]);
    expect(summary).toEqual([
      // TP1: (2 + 3 + 3) / 3 = 2.67 -> providing; then 4 -> sustaining; change 4 - 2.67 = 1.33
      [
        'TP1',
        [
          [2.67, 'providing'],
          [4, 'sustaining'],
        ],
        1.33,
      ],
      [
        'TP2',
        [
          [1, 'no_evidence'],
          [2, 'developing'],
        ],
        1,
      ],
      [
        'TP3',
        [
          [2, 'developing'],
          [2, 'developing'],
        ],
        0,
      ],
      // TP4: (3 + 4) / 2 = 3.5, a tie between providing and sustaining -> the lower; then 3
      [
        'TP4',
        [
          [3.5, 'providing'],
          [3, 'providing'],
        ],
        -0.5,
      ],
    ]);
    expect(trends.practices[0].title).toBe('Leadership, shared responsibility, and professional collaboration');
    for (const who of ['district', 'region', 'staff'])
      expect((await call('GET', '/api/orgs/00010505/site-visits/trends', c[who])).statusCode, who).toBe(200);
    for (const who of ['vendor', 'otherSchool', 'otherRegion'])
      expect((await call('GET', '/api/orgs/00010505/site-visits/trends', c[who])).statusCode, who).toBe(403);
    expect((await call('GET', '/api/orgs/00010000/site-visits/trends', c.district)).statusCode).toBe(400);
  });
});
