import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPartitions } from '../../src/core/privacy/complementary-suppression.ts';
import { loadSyntheticDemo } from '../../src/server/services/demo-service.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * The public face of the demo state, crawled signed out: every public API response (the organization directory, each
 * organization's DART, comparables, promising peers, accountability report and the DART export, the statewide
 * results and designations) is walked, and no value of fewer students than the reporting minimum may appear, nor a
 * withheld value that the total and its siblings give back (complementary suppression). The web pages show these
 * responses, so the crawl covers what the public pages can show.
 */
const minimum = 10;

interface Finding {
  where: string;
  what: string;
}

/** Every object with a count of students and a value shown: the count must reach the minimum. */
function smallValues(where: string, body: unknown, out: Finding[]): void {
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) return x.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (typeof o.n === 'number' && o.n < minimum && o.value !== null && o.value !== undefined)
      out.push({ where, what: `${path}: value ${String(o.value)} of ${o.n} students` });
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(body, '$');
}

/** A partition's cells as shown: a withheld one must not be recoverable from the total and the shown siblings. */
function recoverable(
  total: { n: number | null; value: unknown } | undefined,
  cells: { group: string; n: number | null; value: unknown }[],
): string | null {
  if (!total || total.value === null || total.n === null) return null;
  for (const partition of groupPartitions) {
    const members = cells.filter((c) => partition.includes(c.group));
    const hidden = members.filter((c) => c.value === null);
    const shown = members.filter((c) => c.value !== null);
    // Nothing to subtract: a withheld group with no shown sibling is at most the total, which is shown because it
    // is large enough.
    if (hidden.length === 0 || shown.length === 0) continue;
    const shownStudents = shown.reduce((s, c) => s + (c.n ?? 0), 0);
    const hiddenStudents = total.n - shownStudents;
    if (hidden.length === 1) return `only ${hidden[0]!.group} is withheld in its partition`;
    if (hiddenStudents < minimum)
      return `the withheld ${hidden.map((c) => c.group).join(', ')} stand for ${hiddenStudents} students together`;
  }
  return null;
}

describe('the public output of the demo state', () => {
  let t: TestApp;
  const findings: Finding[] = [];
  let crawled = 0;
  let partitionsChecked = 0;

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    crawled++;
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp('pglite', { demo: false });
    await loadSyntheticDemo(t.db, { seed: 4, scale: 0.01 });
  }, 400_000);
  afterAll(async () => t?.close());

  it('shows no small group, directly or by subtraction, on any public response or export', async () => {
    const codes: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = (await get(`/api/orgs?limit=200&offset=${offset}&includeClosed=true`)).json();
      codes.push(...page.items.map((o: { code: string }) => o.code));
      if (offset + 200 >= page.total) break;
    }
    expect(codes.length).toBeGreaterThan(20);
    for (const url of ['/api/accountability/results', '/api/accountability/designations', '/api/indicators']) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      smallValues(url, res.json(), findings);
    }
    for (const code of codes) {
      for (const url of [
        `/api/orgs/${code}`,
        `/api/orgs/${code}/accountability`,
        `/api/orgs/${code}/comparables`,
        `/api/orgs/${code}/dart/peers`,
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBeLessThan(500);
        if (res.statusCode === 200) smallValues(url, res.json(), findings);
      }
      const dart = await get(`/api/orgs/${code}/dart`);
      expect(dart.statusCode).toBeLessThan(500);
      if (dart.statusCode !== 200) continue;
      const report = dart.json();
      smallValues(`/api/orgs/${code}/dart`, report, findings);
      for (const section of report.sections)
        for (const indicator of section.indicators) {
          partitionsChecked++;
          const problem = recoverable(indicator.latest ?? undefined, indicator.groups);
          if (problem) findings.push({ where: `/api/orgs/${code}/dart ${indicator.code}`, what: problem });
        }
      const csv = await get(`/api/orgs/${code}/dart/export?format=csv`);
      expect(csv.statusCode).toBe(200);
      const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
      const own = new Map<string, { group: string; n: number | null; value: unknown }[]>();
      for (const r of rows) {
        const n = r.n === '' ? null : Number(r.n);
        if (n !== null && n < minimum && r.value !== '')
          findings.push({ where: `export ${code}`, what: `${r.indicator_code} ${r.school_year} ${r.student_group}` });
        if (r.role !== 'organization') continue;
        const k = `${r.indicator_code}|${r.school_year}`;
        const cell = { group: r.student_group!, n, value: r.value === '' ? null : Number(r.value) };
        const list = own.get(k);
        if (list) list.push(cell);
        else own.set(k, [cell]);
      }
      for (const [k, cells] of own) {
        partitionsChecked++;
        const problem = recoverable(
          cells.find((c) => c.group === 'all'),
          cells.filter((c) => c.group !== 'all'),
        );
        if (problem) findings.push({ where: `export ${code} ${k}`, what: problem });
      }
    }
    expect(findings.slice(0, 30)).toEqual([]);
    expect(crawled).toBeGreaterThan(100);
    expect(partitionsChecked).toBeGreaterThan(1000);
  }, 600_000);
});
