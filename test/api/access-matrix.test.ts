import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/core/access/roles.ts';
import type { Access } from '../../src/server/auth/access.ts';
import type { RegisteredRoute } from '../../src/server/auth/access-hooks.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';

/**
 * The access matrix, generated from the route registry: every route is called as every role and signed out, for an
 * organization in the caller's scope and one outside it, and the outcome is checked against the route's declaration.
 * `access-matrix.json` is the reviewed inventory of every route's declaration: a route missing from it (a new
 * route), or whose declaration differs from it, fails the test until the inventory is updated on purpose
 * (`SSOS_WRITE_ACCESS_MATRIX=1 npx vitest run test/api/access-matrix.test.ts` rewrites it; review the diff).
 *
 * What a declaration promises, and what is checked:
 * - signed out: 401 on every signed-in route;
 * - a role the route does not name: 403, before anything is read;
 * - a named role, for an organization outside its scope: never a 2xx (403, or 400 when the request itself is
 *   malformed, which is checked first and reveals nothing); person-level routes included;
 * - a named role in scope: never 401 or a 403 from the role check (the service may still refuse a record).
 */

const inventoryFile = path.join(import.meta.dirname, 'access-matrix.json');

/** A declaration in words, as the inventory keeps it. */
function describeDeclaration(access: Access): string {
  if (access.kind === 'public') return 'public';
  const who = access.roles === 'any' ? 'any role' : [...access.roles].sort().join(', ');
  return [
    `signed in: ${who}`,
    access.scopeParam ? `scope: ${access.scopeParam}` : null,
    access.personLevel ? 'person-level' : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** An organization inside and one outside each role's demo scope (`null`: the role holds no organization). */
const scopeSamples: Record<Role, { inside: string | null; outside: string | null }> = {
  state_admin: { inside: '00010505', outside: null },
  state_staff: { inside: '00010505', outside: null },
  regional_staff: { inside: '00010505', outside: '03480503' },
  district_leader: { inside: '00010505', outside: '00200505' },
  school_leader: { inside: '00010505', outside: '00010003' },
  vendor: { inside: null, outside: '00010505' },
};

/** Sample values for the other route parameters: records that do not exist, so that nothing is changed. */
const parameterSamples: Record<string, string> = {
  id: '999999',
  year: '2026',
  code: 'CSE',
  version: '1',
  memberId: '999999',
  attachmentId: '999999',
  itemCode: 'X1',
  regionCode: 'coastal',
  goalId: '999999',
  partId: '999999',
  stepId: '999999',
  benchmarkId: '999999',
  commentId: '999999',
  sessionId: '999999',
  registrationId: '999999',
  meetingId: '999999',
  userId: '999999',
  '*': 'no-such-file',
};

/** The URL of a route with its parameters filled; the scope parameter gets `scopeCode`. */
function fillUrl(route: RegisteredRoute, scopeCode: string | null): string | { missing: string } {
  let missing: string | null = null;
  const url = route.url
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      if (route.access.kind === 'signedIn' && route.access.scopeParam === name) return scopeCode ?? '00010505';
      const v = parameterSamples[name];
      if (v === undefined) missing = name;
      return v ?? '';
    })
    .replace(/\*$/, parameterSamples['*']!);
  return missing ? { missing } : url;
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('the access matrix', () => {
  let t: TestApp;
  const cookies = new Map<Role, string>();
  let routes: { key: string; method: string; route: RegisteredRoute }[];

  beforeAll(async () => {
    t = await createTestApp('pglite');
    for (const role of roles) cookies.set(role, await signInAs(t.app, role));
    routes = t.app.ssosRoutes
      .flatMap((route) =>
        route.methods
          .filter((m) => m !== 'HEAD' && m !== 'OPTIONS')
          .map((method) => ({ key: `${method} ${route.url}`, method, route })),
      )
      // The API only: the web app's files are served only once it is built (public, and no data of their own).
      .filter((r) => r.route.url.startsWith('/api'))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }, 120_000);
  afterAll(async () => t?.close());

  async function call(method: string, url: string, role: Role | null) {
    const send = () =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: role ? { cookie: cookies.get(role)! } : {},
        ...(methodsWithBody.has(method) ? { payload: {} } : {}),
      });
    let res = await send();
    // A call that ended the role's sessions (a password or scope change): sign in again and repeat it once.
    if (role && res.statusCode === 401) {
      cookies.set(role, await signInAs(t.app, role));
      res = await send();
    }
    return res;
  }

  it('every route is in the reviewed inventory with the declaration it has', () => {
    const actual = Object.fromEntries(routes.map((r) => [r.key, describeDeclaration(r.route.access)]));
    if (process.env.SSOS_WRITE_ACCESS_MATRIX === '1') {
      writeFileSync(inventoryFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const inventory = JSON.parse(readFileSync(inventoryFile, 'utf8')) as Record<string, string>;
    const added = Object.keys(actual).filter((k) => !(k in inventory));
    const removed = Object.keys(inventory).filter((k) => !(k in actual));
    const changed = Object.keys(actual).filter((k) => k in inventory && inventory[k] !== actual[k]);
    expect(added, 'routes without a reviewed declaration in access-matrix.json').toEqual([]);
    expect(removed, 'routes in access-matrix.json that no longer exist').toEqual([]);
    expect(
      changed.map((k) => `${k}: reviewed "${inventory[k]}", now "${actual[k]}"`),
      'declarations that changed',
    ).toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
  });

  it('every route answers every role and the signed-out caller as its declaration says', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const { key, method, route } of routes) {
      // Signing in and out changes the caller's own session: those routes are covered by the auth tests.
      if (route.url.startsWith('/api/auth/')) continue;
      const access = route.access;
      const inside = fillUrl(route, '00010505');
      if (typeof inside !== 'string') {
        failures.push(`${key}: no sample value for the parameter :${inside.missing} (add one to parameterSamples)`);
        continue;
      }
      const anonymous = await call(method, inside, null);
      calls++;
      if (access.kind === 'public') {
        if ([401, 403].includes(anonymous.statusCode)) failures.push(`${key} signed out: ${anonymous.statusCode}`);
        continue;
      }
      if (anonymous.statusCode !== 401) failures.push(`${key} signed out: ${anonymous.statusCode}, expected 401`);
      for (const role of roles) {
        const named = access.roles === 'any' || access.roles.includes(role);
        const samples = scopeSamples[role];
        const targets: { code: string | null; inScope: boolean }[] = access.scopeParam
          ? [
              ...(samples.inside ? [{ code: samples.inside, inScope: true }] : []),
              ...(samples.outside ? [{ code: samples.outside, inScope: false }] : []),
            ]
          : [{ code: null, inScope: true }];
        for (const target of targets) {
          const url = fillUrl(route, target.code) as string;
          const res = await call(method, url, role);
          calls++;
          const status = res.statusCode;
          const where = `${key} as ${role}${access.scopeParam ? ` for ${target.code}` : ''}`;
          if (!named) {
            if (status !== 403) failures.push(`${where}: ${status}, expected 403 (role not named)`);
          } else if (!target.inScope) {
            if (status < 300 || ![400, 403, 404].includes(status))
              failures.push(`${where}: ${status}, expected 403 (outside the scope)`);
          } else if (
            status === 401 ||
            (status === 403 && res.json().error?.message === 'Your role does not have access to this')
          ) {
            failures.push(`${where}: ${status}, expected the role to be let through`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(500);
  }, 600_000);
});
