import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, createTestApp, signInAs, type TestApp } from '../support/app.ts';
import { testBackends } from '../support/databases.ts';
import { pdfText } from '../support/pdf-text.ts';

const schoolIndicators = ['C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'];

/** Self-assessments over the API: a school team rates the Conditions, records consensus, completes, compares periods. */
describe.each(testBackends())('self-assessments over the API on %s', (backend) => {
  let t: TestApp;
  const c: Record<string, string> = {};
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

  beforeAll(async () => {
    t = await createTestApp(backend);
    c.admin = await signInAs(t.app, 'state_admin');
    c.staff = await signInAs(t.app, 'state_staff');
    c.region = await signInAs(t.app, 'regional_staff');
    c.district = await signInAs(t.app, 'district_leader');
    c.school = await signInAs(t.app, 'school_leader');
    c.vendor = await signInAs(t.app, 'vendor');
    c.otherSchool = (await createUser('school_leader', '00200505', 'barnstable.principal@example.org')).cookie;
    c.otherRegion = (await createUser('regional_staff', 'west-central', 'west.coach@example.org')).cookie;
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: c.school } });
    schoolLeaderId = me.json().user.id;
  }, 120_000);
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const newBody = (period: string) => ({
    framework: 'CSE',
    period,
    members: [
      { userId: schoolLeaderId, roleText: 'Principal' },
      { name: 'Pat Teacher', roleText: 'Grade 9 teacher' },
    ],
  });
  let first: { id: number; team: { id: number; name: string }[] };

  it('lets the school start a self-assessment with a named team, and refuses others', async () => {
    expect((await call('POST', '/api/orgs/00010505/self-assessments', undefined, newBody('2025-26'))).statusCode).toBe(
      401,
    );
    for (const who of ['vendor', 'otherSchool', 'otherRegion'])
      expect(
        (await call('POST', '/api/orgs/00010505/self-assessments', c[who], newBody('2025-26'))).statusCode,
        who,
      ).toBe(403);
    const res = await call('POST', '/api/orgs/00010505/self-assessments', c.school, newBody('2025-26'));
    expect(res.statusCode).toBe(201);
    first = res.json();
    expect(res.json()).toMatchObject({
      org: { code: '00010505', level: 'school' },
      framework: { code: 'CSE', version: 1 },
      period: '2025-26',
      status: 'draft',
      members: 2,
      indicators: 10,
      consensusRated: 0,
    });
    expect(first.team.map((m) => m.name)).toEqual(['Skyler School', 'Pat Teacher']);
    // The school tool leaves out Condition 1 and the district-only "unknown" level.
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual(schoolIndicators);
    expect(res.json().levels.map((l: { code: string }) => l.code)).toEqual([
      'little_evidence',
      'developing',
      'providing',
      'sustaining',
    ]);

    const dup = await call('POST', '/api/orgs/00010505/self-assessments', c.district, newBody('2025-26'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain(
      'already has a Conditions for School Effectiveness self-assessment for 2025-26',
    );
    const badPeriod = await call('POST', '/api/orgs/00010505/self-assessments', c.school, newBody('2025-27'));
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().error.field).toBe('period');
    const badFramework = await call('POST', '/api/orgs/00010505/self-assessments', c.school, {
      ...newBody('2025-26'),
      framework: 'TP',
    });
    expect(badFramework.statusCode).toBe(400);
    expect(badFramework.json().error.field).toBe('framework');
    const noMember = await call('POST', '/api/orgs/00010505/self-assessments', c.school, {
      ...newBody('2025-26'),
      members: [{ userId: 999999 }],
    });
    expect(noMember.statusCode).toBe(400);
    expect(noMember.json().error.field).toBe('members.0.userId');
  });

  it('shows the record to the school, its district, its region and the state only, auditing each read', async () => {
    for (const who of ['school', 'district', 'region', 'staff', 'admin'])
      expect((await call('GET', `/api/self-assessments/${first.id}`, c[who])).statusCode, who).toBe(200);
    for (const who of ['vendor', 'otherSchool', 'otherRegion'])
      expect((await call('GET', `/api/self-assessments/${first.id}`, c[who])).statusCode, who).toBe(403);
    expect((await call('GET', `/api/self-assessments/${first.id}`)).statusCode).toBe(401);
    expect((await call('GET', '/api/self-assessments/999999', c.staff)).statusCode).toBe(404);
    expect((await call('GET', '/api/orgs/00010505/self-assessments', c.region)).json().items).toHaveLength(1);
    expect((await call('GET', '/api/orgs/00010505/self-assessments', c.otherSchool)).statusCode).toBe(403);
    const audit = (await call('GET', '/api/audit?limit=100', c.admin)).json();
    const entries = (audit.items ?? audit) as { resourceType: string; resourceId: string; action: string }[];
    expect(
      entries.some(
        (e) => e.resourceType === 'self_assessment' && e.action === 'read' && e.resourceId === String(first.id),
      ),
    ).toBe(true);
  });

  it('records member ratings with evidence, refusing indicators and levels the school does not use', async () => {
    const [principal, teacher] = first.team;
    const url = (m: number) => `/api/self-assessments/${first.id}/members/${m}/ratings`;
    const c1 = await call('PUT', url(principal!.id), c.school, {
      ratings: [{ indicatorCode: 'C1', level: 'providing' }],
    });
    expect(c1.statusCode).toBe(400);
    expect(c1.json().error.field).toBe('ratings.0.indicatorCode');
    const unknown = await call('PUT', url(principal!.id), c.school, {
      ratings: [{ indicatorCode: 'C2', level: 'unknown' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('ratings.0.level');
    expect(
      (await call('PUT', url(999999), c.school, { ratings: [{ indicatorCode: 'C2', level: 'providing' }] })).statusCode,
    ).toBe(404);
    expect(
      (await call('PUT', url(principal!.id), c.vendor, { ratings: [{ indicatorCode: 'C2', level: 'providing' }] }))
        .statusCode,
    ).toBe(403);

    const a = await call('PUT', url(principal!.id), c.school, {
      ratings: [
        { indicatorCode: 'C2', level: 'providing', evidence: 'Leadership team meets weekly with a clear agenda' },
        { indicatorCode: 'C3', level: 'developing' },
      ],
    });
    expect(a.statusCode).toBe(200);
    const b = await call('PUT', url(teacher!.id), c.school, {
      ratings: [
        { indicatorCode: 'C2', level: 'sustaining' },
        { indicatorCode: 'C3', level: 'developing' },
      ],
    });
    const added = await call('POST', `/api/self-assessments/${first.id}/members`, c.school, {
      members: [{ name: 'Alex Parent', roleText: 'Parent' }],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().team.map((m: { name: string }) => m.name)).toEqual([
      'Skyler School',
      'Pat Teacher',
      'Alex Parent',
    ]);
    expect(
      (await call('POST', `/api/self-assessments/${first.id}/members`, c.vendor, { members: [{ name: 'x' }] }))
        .statusCode,
    ).toBe(403);
    const summary = b.json().summary as {
      indicatorCode: string;
      rated: number;
      meanScore: number;
      unanimous: boolean;
    }[];
    // C2: providing (3) and sustaining (4) -> mean 3.5; C3: both developing -> unanimous.
    expect(summary.find((s) => s.indicatorCode === 'C2')).toMatchObject({ rated: 2, meanScore: 3.5, unanimous: false });
    expect(summary.find((s) => s.indicatorCode === 'C3')).toMatchObject({ rated: 2, meanScore: 2, unanimous: true });
  });

  it('stores evidence files in the database with a size limit and serves them back', async () => {
    const content = Buffer.from('Agenda and minutes of the instructional leadership team\n');
    const up = await call('POST', `/api/self-assessments/${first.id}/attachments`, c.school, {
      fileName: 'ilt-minutes.txt',
      contentType: 'text/plain',
      contentBase64: content.toString('base64'),
      indicatorCode: 'C2',
    });
    expect(up.statusCode).toBe(201);
    const att = up.json().attachments[0];
    expect(att).toMatchObject({
      fileName: 'ilt-minutes.txt',
      contentType: 'text/plain',
      sizeBytes: content.length,
      indicatorCode: 'C2',
    });
    const down = await call('GET', `/api/self-assessments/${first.id}/attachments/${att.id}`, c.district);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(content)).toBe(true);
    expect(down.headers['content-disposition']).toContain('ilt-minutes.txt');
    expect(
      (await call('GET', `/api/self-assessments/${first.id}/attachments/${att.id}`, c.otherSchool)).statusCode,
    ).toBe(403);
    const big = await call('POST', `/api/self-assessments/${first.id}/attachments`, c.school, {
      fileName: 'big.bin',
      contentType: 'application/octet-stream',
      contentBase64: Buffer.alloc(2 * 1024 * 1024 + 10).toString('base64'),
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.field).toBe('contentBase64');
    const badName = await call('POST', `/api/self-assessments/${first.id}/attachments`, c.school, {
      fileName: '../etc/passwd',
      contentType: 'text/plain',
      contentBase64: 'YQ==',
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.field).toBe('fileName');

    // Removing a file: the team within scope only; the bytes go with it, and the removal is audited.
    const extra = await call('POST', `/api/self-assessments/${first.id}/attachments`, c.school, {
      fileName: 'walkthrough-notes.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('Walkthrough notes, grade 9\n').toString('base64'),
      indicatorCode: 'C4',
      memberId: first.team[1]!.id,
    });
    expect(extra.statusCode).toBe(201);
    const extraId = (extra.json().attachments as { id: number; fileName: string }[]).find(
      (a) => a.fileName === 'walkthrough-notes.txt',
    )!.id;
    const fileUrl = `/api/self-assessments/${first.id}/attachments/${extraId}`;
    expect((await call('DELETE', fileUrl)).statusCode).toBe(401);
    for (const who of ['vendor', 'otherSchool', 'otherRegion'])
      expect((await call('DELETE', fileUrl, c[who])).statusCode, who).toBe(403);
    const removed = await call('DELETE', fileUrl, c.region);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['ilt-minutes.txt']);
    expect((await call('GET', fileUrl, c.school)).statusCode).toBe(404);
    const twice = await call('DELETE', fileUrl, c.school);
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.message).toBe(`Self-assessment ${first.id} has no attachment ${extraId}`);
    const audit = (await call('GET', '/api/audit?resourceType=self_assessment_attachment&limit=50', c.admin)).json()
      .items as { action: string; resourceId: string; detail: { fileName?: string } }[];
    expect(audit.find((e) => e.action === 'delete' && e.resourceId === String(extraId))?.detail.fileName).toBe(
      'walkthrough-notes.txt',
    );
  });

  const consensus2526: Record<string, string> = {
    C2: 'providing',
    C3: 'developing',
    C4: 'developing',
    C5: 'little_evidence',
    C6: 'providing',
    C7: 'developing',
    C8: 'developing',
    C9: 'providing',
    C10: 'sustaining',
    C11: 'developing',
  };

  it('completes only with a consensus on every indicator; refuses illegal transitions with a clear message', async () => {
    const early = await call('POST', `/api/self-assessments/${first.id}/transitions`, c.school, { action: 'complete' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      "The team has not recorded a consensus rating for 10 indicators: C2 Effective school leadership; C3 Aligned curriculum; C4 Effective instruction; C5 Student assessment; C6 Principal's staffing authority; ...",
    );
    const reopenDraft = await call('POST', `/api/self-assessments/${first.id}/transitions`, c.school, {
      action: 'reopen',
    });
    expect(reopenDraft.statusCode).toBe(409);
    expect(reopenDraft.json().error.message).toBe(
      'Only a completed self-assessment can be reopened; this one is a draft',
    );

    const ratings = Object.entries(consensus2526).map(([indicatorCode, level]) => ({
      indicatorCode,
      level,
      notes: '',
    }));
    ratings[0]!.notes = 'Agreed after discussion of the ILT minutes';
    const rec = await call('PUT', `/api/self-assessments/${first.id}/consensus`, c.school, { ratings });
    expect(rec.statusCode).toBe(200);
    expect(rec.json().consensusRated).toBe(10);
    expect(rec.json().summary.find((s: { indicatorCode: string }) => s.indicatorCode === 'C2').consensus).toBe(
      'providing',
    );

    const done = await call('POST', `/api/self-assessments/${first.id}/transitions`, c.school, { action: 'complete' });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
    const again = await call('POST', `/api/self-assessments/${first.id}/transitions`, c.school, { action: 'complete' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('This self-assessment is completed already');
    const late = await call('PUT', `/api/self-assessments/${first.id}/consensus`, c.school, {
      ratings: [{ indicatorCode: 'C2', level: 'sustaining' }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(
      /^This self-assessment was completed on \d{4}-\d{2}-\d{2}; reopen it before changing it$/,
    );
    const lateFile = await call('POST', `/api/self-assessments/${first.id}/attachments`, c.school, {
      fileName: 'a.txt',
      contentType: 'text/plain',
      contentBase64: 'YQ==',
    });
    expect(lateFile.statusCode).toBe(409);
    const keptFile = (await call('GET', `/api/self-assessments/${first.id}`, c.school)).json().attachments[0];
    const lateRemoval = await call('DELETE', `/api/self-assessments/${first.id}/attachments/${keptFile.id}`, c.school);
    expect(lateRemoval.statusCode).toBe(409);
    expect(lateRemoval.json().error.message).toMatch(/reopen it before changing it$/);

    // Reopen and complete again.
    expect(
      (await call('POST', `/api/self-assessments/${first.id}/transitions`, c.district, { action: 'reopen' })).json()
        .status,
    ).toBe('draft');
    expect(
      (await call('POST', `/api/self-assessments/${first.id}/transitions`, c.district, { action: 'complete' })).json()
        .status,
    ).toBe('completed');
    const bad = await call('POST', `/api/self-assessments/${first.id}/transitions`, c.school, { action: 'publish' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('action');
  });

  it('builds the heat map and the period-to-period comparison from completed self-assessments', async () => {
    const second = (await call('POST', '/api/orgs/00010505/self-assessments', c.school, newBody('2026-27'))).json();
    const consensus2627: Record<string, string> = {
      ...consensus2526,
      C2: 'sustaining', // providing 3 -> 4: improved
      C4: 'providing', // developing 2 -> 3: improved
      C10: 'developing', // sustaining 4 -> 2: declined
    };
    await call('PUT', `/api/self-assessments/${second.id}/consensus`, c.school, {
      ratings: Object.entries(consensus2627).map(([indicatorCode, level]) => ({ indicatorCode, level })),
    });
    // A draft does not count in history until completed.
    expect(
      (await call('GET', '/api/orgs/00010505/self-assessments/heat-map?framework=CSE', c.school)).json().periods,
    ).toEqual(['2025-26']);
    expect(
      (await call('GET', '/api/orgs/00010505/self-assessments/comparison?framework=CSE', c.school)).statusCode,
    ).toBe(404);
    await call('POST', `/api/self-assessments/${second.id}/transitions`, c.school, { action: 'complete' });

    const heat = await call('GET', '/api/orgs/00010505/self-assessments/heat-map?framework=cse', c.region);
    expect(heat.statusCode).toBe(200);
    expect(heat.json().periods).toEqual(['2025-26', '2026-27']);
    expect(heat.json().rows.map((r: { indicatorCode: string }) => r.indicatorCode)).toEqual(schoolIndicators);
    expect(heat.json().rows[0]).toEqual({
      indicatorCode: 'C2',
      title: 'Effective school leadership',
      unconfirmed: false,
      cells: [
        { period: '2025-26', level: 'providing', score: 3 },
        { period: '2026-27', level: 'sustaining', score: 4 },
      ],
    });
    expect(heat.json().rows.find((r: { indicatorCode: string }) => r.indicatorCode === 'C8').unconfirmed).toBe(true);

    const cmp = await call('GET', '/api/orgs/00010505/self-assessments/comparison?framework=CSE', c.district);
    expect(cmp.statusCode).toBe(200);
    expect(cmp.json()).toMatchObject({
      from: '2025-26',
      to: '2026-27',
      counts: { improved: 2, declined: 1, unchanged: 7, not_comparable: 0 },
    });
    expect(cmp.json().indicators.find((i: { indicatorCode: string }) => i.indicatorCode === 'C10')).toMatchObject({
      from: { level: 'sustaining', score: 4 },
      to: { level: 'developing', score: 2 },
      change: 'declined',
      difference: -2,
    });
    const explicit = await call(
      'GET',
      '/api/orgs/00010505/self-assessments/comparison?framework=CSE&from=2026-27&to=2025-26',
      c.staff,
    );
    expect(explicit.json().counts).toEqual({ improved: 1, declined: 2, unchanged: 7, not_comparable: 0 });
    const missing = await call(
      'GET',
      '/api/orgs/00010505/self-assessments/comparison?framework=CSE&from=2019-20&to=2025-26',
      c.staff,
    );
    expect(missing.statusCode).toBe(404);
    expect((await call('GET', '/api/orgs/00010505/self-assessments/heat-map?framework=CSE', c.vendor)).statusCode).toBe(
      403,
    );
    expect(
      (await call('GET', '/api/orgs/00010505/self-assessments/heat-map?framework=CSE', c.otherRegion)).statusCode,
    ).toBe(403);
    expect((await call('GET', '/api/orgs/00010505/self-assessments/heat-map', c.school)).json().error.field).toBe(
      'framework',
    );
  });

  it('writes a PDF summary with the framework, indicator headings, consensus and team ratings', async () => {
    expect((await call('GET', `/api/self-assessments/${first.id}/summary.pdf`, c.vendor)).statusCode).toBe(403);
    expect((await call('GET', `/api/self-assessments/${first.id}/summary.pdf`, c.otherSchool)).statusCode).toBe(403);
    const res = await call('GET', `/api/self-assessments/${first.id}/summary.pdf`, c.school);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    for (const words of [
      'Self-assessment summary: Conditions for School Effectiveness',
      'Abington High (00010505)',
      'response period 2025-26',
      'Framework CSE version 1',
      'Skyler School, Principal',
      'Pat Teacher, Grade 9 teacher',
      'C2 Effective school leadership',
      'Consensus: 3 Providing',
      '3 Providing x1, 4 Sustaining x1 (2 of 3 members, mean 3.5)',
      'Leadership team meets weekly with a clear agenda',
      'Agreed after discussion of the ILT minutes',
      'C5 Student assessment',
      'Consensus: 1 Little evidence',
      'C8 Tiered instruction and adequate learning time [unconfirmed wording]',
      'Page 1 of',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('C1 Effective district systems');
  });

  it('lets a district assess itself on Condition 1 with the "unknown" level', async () => {
    const res = await call('POST', '/api/orgs/00010000/self-assessments', c.district, {
      framework: 'CSE',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      members: [{ name: 'Jordan Superintendent', roleText: 'Superintendent' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ period: '2026-01-01 to 2026-06-30', indicators: 11, periodStart: '2026-01-01' });
    const rec = await call('PUT', `/api/self-assessments/${res.json().id}/consensus`, c.district, {
      ratings: [{ indicatorCode: 'C1', level: 'unknown' }],
    });
    expect(rec.statusCode).toBe(200);
    expect(
      (
        await call('POST', '/api/orgs/00010000/self-assessments', c.school, {
          framework: 'CSE',
          period: '2026-27',
          members: [{ name: 'x' }],
        })
      ).statusCode,
    ).toBe(403);
    const range = await call('POST', '/api/orgs/00010000/self-assessments', c.district, {
      framework: 'CSE',
      periodStart: '2026-06-01',
      periodEnd: '2026-01-01',
      members: [{ name: 'x' }],
    });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.field).toBe('periodEnd');
  });
});
