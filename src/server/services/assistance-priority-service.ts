import { isoDay, rankPriorities, type PriorityInput } from '../../core/assistance/priority.ts';
import type { RequestContext } from '../context.ts';
import {
  highRiskCounts,
  lastEngagementDates,
  latestEwisRun,
  listRegionOrgs,
  resultsOf,
  type PlacedOrg,
} from '../db/repositories/assistance-repository.ts';
import type { PriorityQuery, PriorityQueue } from '../api/assistance.ts';
import { latestOfficialRun } from './accountability-service.ts';
import { currentPlans, getPrioritySettings, resolveOrg } from './assistance-service.ts';
import { REQUIRING_ASSISTANCE } from './assistance-teams-service.ts';

interface QueueInput extends PriorityInput {
  org: PlacedOrg;
  classification: string | null;
  category: string | null;
}

/**
 * The priority queue of a region: its districts and schools from the latest official accountability run, scored
 * by the priority settings (core/assistance/priority.ts), each with its last engagement and the alert. The share
 * at high early-warning risk comes from the latest early-warning run (a district's from all its schools' scored
 * students); an organization without scores has none, and the settings say how a missing part counts. Each entry
 * shows the organization's current plan with its goal progress.
 */
export async function priorityQueue(
  ctx: RequestContext,
  regionCode: string,
  query: PriorityQuery,
): Promise<PriorityQueue> {
  const region = await resolveOrg(ctx.db, regionCode, 'code', ['region']);
  const db = ctx.db.kysely;
  const settings = await getPrioritySettings(ctx.db);
  const run = await latestOfficialRun(ctx.db);
  const today = isoDay(ctx.now);
  const all = await listRegionOrgs(db, region.id, run?.school_year ?? ctx.now.getUTCFullYear());
  const orgs = all.filter((o) => query.level === 'all' || o.level === query.level);
  const ids = orgs.map((o) => o.id);
  const results = run ? await resultsOf(db, run.id, ids) : new Map();
  const ewisRun = await latestEwisRun(db);
  // Early-warning counts are read for every school of the region, so districts can add up their schools.
  const regionSchools = all.filter((o) => o.level === 'school');
  const counts = ewisRun
    ? await highRiskCounts(
        db,
        ewisRun.id,
        regionSchools.map((s) => s.id),
      )
    : new Map<number, { scored: number; high: number }>();
  const last = await lastEngagementDates(db, ids, today);
  const plans = await currentPlans(ctx.db, { regionCode: region.code });

  const shareOf = (o: PlacedOrg): number | null => {
    let scored = 0;
    let high = 0;
    const schools = o.level === 'school' ? [o] : regionSchools.filter((s) => s.district?.id === o.id);
    for (const s of schools) {
      const c = counts.get(s.id);
      if (c) {
        scored += c.scored;
        high += c.high;
      }
    }
    return scored > 0 ? high / scored : null;
  };
  const inputs: QueueInput[] = orgs.map((o) => {
    const r = results.get(o.id);
    return {
      org: o,
      orgCode: o.code,
      classification: r?.classification ?? null,
      category: r?.category ?? null,
      requiringAssistance: r?.classification === REQUIRING_ASSISTANCE,
      percentile: r?.percentile ?? null,
      highRiskShare: shareOf(o),
      lastEngagementOn: last.get(o.id) ?? null,
    };
  });
  const ranked = rankPriorities(inputs, ctx.now, settings);
  return {
    region: { code: region.code, name: region.name, level: 'region' },
    run: run ? { id: run.id, year: run.school_year } : null,
    ewisRun: ewisRun ? { id: ewisRun.id, year: ewisRun.school_year } : null,
    asOf: today,
    settings,
    alerts: ranked.filter((e) => e.alert !== null).length,
    items: ranked.map((e) => ({
      rank: e.rank,
      org: { code: e.input.org.code, name: e.input.org.name, level: e.input.org.level },
      district: e.input.org.district
        ? { code: e.input.org.district.code, name: e.input.org.district.name, level: 'district' as const }
        : null,
      classification: e.input.classification,
      category: e.input.category,
      requiringAssistance: e.input.requiringAssistance,
      percentile: e.input.percentile,
      highRiskShare: e.input.highRiskShare,
      score: e.score,
      parts: e.parts,
      lastEngagementOn: e.input.lastEngagementOn,
      daysSinceEngagement: e.daysSinceEngagement,
      alert: e.alert,
      plan: plans.get(e.input.org.id)?.summary ?? null,
    })),
  };
}
