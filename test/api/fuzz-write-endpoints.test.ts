import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/core/access/roles.ts';
import { createTestApp, signInAs, type TestApp } from '../support/app.ts';
import {
  bodyArbitrary,
  bodyPropertyNames,
  responseProblem,
  stableDigests,
  writeRoutes,
} from '../support/fuzz-endpoints.ts';

/**
 * Every write endpoint fuzzed with fast-check (random bodies shaped by the route's schema): no 500, an error body
 * with a code and a message on every refusal, and no partial write (a batch of refused requests leaves every table as
 * it was). SSOS_FUZZ_RUNS sets the cases per route (the benchmark run uses 10,000; the test run a few).
 */
const runs = Number(process.env.SSOS_FUZZ_RUNS ?? 25);

describe('fuzzing every write endpoint', () => {
  let t: TestApp;
  const cookies = new Map<Role, string>();
  beforeAll(async () => {
    t = await createTestApp('pglite');
    for (const role of roles) cookies.set(role, await signInAs(t.app, role));
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers random bodies with a located refusal or a success, never a 500 or a partial write', async () => {
    const openapi = t.app.swagger();
    const routes = writeRoutes(t.app);
    expect(routes.length).toBeGreaterThan(40);
    const findings: string[] = [];
    let shaped = 0;
    for (const route of routes) {
      const names = bodyPropertyNames(openapi, route.method, route.pattern);
      shaped += names.length > 0 ? 1 : 0;
      const before = await stableDigests(t.db);
      let succeeded = false;
      await fc
        .assert(
          fc.asyncProperty(bodyArbitrary(names), async (body) => {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (route.role) headers.cookie = cookies.get(route.role)!;
            const res = await t.app.inject({
              method: route.method as 'POST',
              url: route.url,
              headers,
              payload: JSON.stringify(body) ?? 'null',
            });
            if (res.statusCode === 401 && route.role) cookies.set(route.role, await signInAs(t.app, route.role));
            if (res.statusCode < 300) succeeded = true;
            const problem = responseProblem(res.statusCode, res.body);
            if (problem) findings.push(`${route.key} ${JSON.stringify(body)?.slice(0, 200)}: ${problem}`);
            return problem === null;
          }),
          { numRuns: runs, seed: 42, endOnFailure: true },
        )
        .catch(() => undefined);
      if (!succeeded) {
        const after = await stableDigests(t.db);
        for (const [table, digest] of before)
          if (after.get(table) !== digest) findings.push(`${route.key}: refused requests changed ${table}`);
      }
    }
    expect(findings).toEqual([]);
    // Most write routes have a body schema whose names shape the bodies.
    expect(shaped).toBeGreaterThan(routes.length / 2);
  }, 900_000);

  it('counts a 500, or a refusal without a code and message, as a finding', () => {
    expect(responseProblem(500, '{"error":{"code":"internal","message":"x"}}')).toMatch(/^500/);
    expect(responseProblem(400, '{"error":{"code":"validation_failed"}}')).toMatch(/without an error code/);
    expect(responseProblem(404, 'not json')).toMatch(/without a JSON error body/);
    expect(responseProblem(400, '{"error":{"code":"validation_failed","message":"name: required"}}')).toBeNull();
    expect(responseProblem(201, '{}')).toBeNull();
  });
});
