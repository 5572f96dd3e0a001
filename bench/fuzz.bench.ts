// Fuzzing at depth (issue 9): every write endpoint gets SSOS_FUZZ_RUNS random bodies (10,000 by default), shaped by
// its request schema, as a role it lets through; a finding is a 500, a refusal without a code and message, or refused
// requests that changed a table. The test run (test/api/fuzz-write-endpoints.test.ts) does the same with a few cases.
import fc from 'fast-check';
import { roles, type Role } from '../src/core/access/roles.ts';
import { createTestApp, signInAs } from '../test/support/app.ts';
import {
  bodyArbitrary,
  bodyPropertyNames,
  responseProblem,
  stableDigests,
  writeRoutes,
} from '../test/support/fuzz-endpoints.ts';
import { figure, type Benchmark } from './bench-line.ts';

const bench: Benchmark = {
  name: 'fuzz',
  async run() {
    const runs = Number(process.env.SSOS_FUZZ_RUNS ?? 10_000);
    const t = await createTestApp('pglite');
    try {
      const cookies = new Map<Role, string>();
      for (const role of roles) cookies.set(role, await signInAs(t.app, role));
      const openapi = t.app.swagger();
      const routes = writeRoutes(t.app);
      const findings: string[] = [];
      let cases = 0;
      const started = performance.now();
      for (const route of routes) {
        const before = await stableDigests(t.db);
        let succeeded = false;
        await fc
          .assert(
            fc.asyncProperty(bodyArbitrary(bodyPropertyNames(openapi, route.method, route.pattern)), async (body) => {
              const headers: Record<string, string> = { 'content-type': 'application/json' };
              if (route.role) headers.cookie = cookies.get(route.role)!;
              const res = await t.app.inject({
                method: route.method as 'POST',
                url: route.url,
                headers,
                payload: JSON.stringify(body) ?? 'null',
              });
              cases++;
              if (res.statusCode === 401 && route.role) cookies.set(route.role, await signInAs(t.app, route.role));
              if (res.statusCode < 300) succeeded = true;
              const problem = responseProblem(res.statusCode, res.body);
              if (problem) findings.push(`${route.key}: ${problem}`);
              return problem === null;
            }),
            { numRuns: runs, seed: 7, endOnFailure: true },
          )
          .catch(() => undefined);
        if (!succeeded) {
          const after = await stableDigests(t.db);
          for (const [table, digest] of before)
            if (after.get(table) !== digest) findings.push(`${route.key}: refused requests changed ${table}`);
        }
      }
      for (const f of findings.slice(0, 20)) console.error(`fuzz finding: ${f}`);
      return [
        figure('fuzz.write_endpoint_findings', findings.length, 'findings', { op: '=', value: 0 }),
        figure('fuzz.cases_per_endpoint', runs, 'cases', { op: '>=', value: 10_000 }),
        figure('fuzz.write_endpoints', routes.length, 'endpoints'),
        figure('fuzz.cases_per_second', cases / ((performance.now() - started) / 1000), 'cases/s'),
      ];
    } finally {
      await t.close();
    }
  },
};
export default bench;
