import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/core/access/roles.ts';
import type { RegisteredRoute } from '../../src/server/auth/access-hooks.ts';
import type { Db } from '../../src/server/db/client.ts';

/**
 * Fuzzing of every write endpoint (issue 9): random JSON bodies, shaped by the route's own request schema (its
 * property names, with values of any type), sent by a role the route lets through, for an organization in that
 * role's demo scope. A finding is a response of 500 or more, an error body without a code and message, or a batch of
 * refused requests that nevertheless changed a table (a partial write).
 */

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Tables a refused request may legitimately touch: the audit of who tried, the sessions and sign-in limits, and the
 * data version's ledger (a statement that changed no row still counts as a change there: the version may move
 * without a change, never the other way round).
 */
const volatileTables = new Set([
  'audit_log',
  'audit_chain_head',
  'sessions',
  'sign_in_failures',
  'account_lockouts',
  'data_changes',
]);

/** The demo role used for a route, and the organization the scope parameter gets. */
function callerOf(access: RegisteredRoute['access']): Role | null {
  if (access.kind === 'public') return null;
  if (access.roles === 'any') return 'state_admin';
  return access.roles.includes('state_admin') ? 'state_admin' : access.roles[0]!;
}

/** The write routes of an app, with what to call them as. */
export function writeRoutes(
  app: FastifyInstance,
): { key: string; method: string; pattern: string; url: string; role: Role | null }[] {
  return app.ssosRoutes
    .flatMap((route) =>
      route.methods
        .filter((m) => writeMethods.has(m))
        .map((method) => ({
          key: `${method} ${route.url}`,
          method,
          pattern: route.url,
          role: callerOf(route.access),
          // Parameters: the demo school for the scope parameter, records that do not exist for the rest.
          url: route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
            route.access.kind === 'signedIn' && route.access.scopeParam === name ? '00010505' : '999999',
          ),
        })),
    )
    .filter((r) => !r.url.startsWith('/api/auth/'))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The property names a route's request body schema names (from the OpenAPI document), to shape random bodies. */
export function bodyPropertyNames(openapi: unknown, method: string, url: string): string[] {
  const doc = openapi as {
    paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  };
  const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
  const schema = doc.paths?.[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  const names = new Set<string>();
  const walk = (s: unknown, depth: number) => {
    if (!s || typeof s !== 'object' || depth > 4) return;
    const o = s as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') {
      for (const [k, v] of Object.entries(o.properties)) {
        names.add(k);
        walk(v, depth + 1);
      }
    }
    for (const key of ['items', 'anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(o[key])) for (const x of o[key] as unknown[]) walk(x, depth + 1);
      else walk(o[key], depth + 1);
  };
  walk(schema, 0);
  return [...names];
}

/** Random bodies: anything, or objects whose keys are the schema's names (values of any type, nested alike). */
export function bodyArbitrary(names: readonly string[]): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('00010505', 'CSE', 'coastal', '2026', 'chronic_absence', 'draft', '', ' ', '\u0000'),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.anything(),
  );
  const shaped =
    names.length > 0
      ? fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length })
      : fc.dictionary(fc.string(), value);
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: fc.anything(), weight: 1 });
}

/** One digest per table but the volatile ones: a refused request must leave every digest as it was. */
export async function stableDigests(db: Db): Promise<Map<string, string>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely);
  const out = new Map<string, string>();
  for (const { table_name: table } of tables.rows) {
    if (volatileTables.has(table)) continue;
    const r = await sql<{ d: string | null; n: string }>`
      SELECT count(*)::text AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS d
      FROM ${sql.table(table)} t`.execute(db.kysely);
    out.set(table, `${r.rows[0]!.n}:${r.rows[0]!.d ?? ''}`);
  }
  return out;
}

/** What a fuzzed response must satisfy; a sentence when it does not. */
export function responseProblem(status: number, body: string): string | null {
  if (status >= 500) return `${status}: ${body.slice(0, 300)}`;
  if (status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${status} without a JSON error body: ${body.slice(0, 200)}`;
    }
    const e = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || e.message.trim() === '')
      return `${status} without an error code and message: ${body.slice(0, 200)}`;
  }
  return null;
}
