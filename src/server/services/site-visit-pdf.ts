import type { SiteVisit } from '../api/site-visits.ts';
import { renderFrameworkReport, type ReportBlock } from './framework-report-pdf.ts';

/** Who the document was made for and when. */
export interface SiteVisitPdfMeta {
  generatedAt: Date;
  generatedBy: string;
  /** Leave the content streams uncompressed (tests read the text). */
  compress?: boolean;
}

const typeWords = { monitoring: 'Monitoring Site Visit', targeted: 'Targeted Site Visit' } as const;

/**
 * The formative feedback report of a site visit: the school, the visit, then each Turnaround Practice and its
 * indicators with the rating on the continuum and the evidence.
 */
export function renderSiteVisitPdf(visit: SiteVisit, meta: SiteVisitPdfMeta): Promise<Buffer> {
  const label = new Map(visit.levels.map((l) => [l.code, l.label]));
  const blocks: ReportBlock[] = [];
  for (const item of visit.items) {
    const flag = item.unconfirmed ? ' [unconfirmed wording]' : '';
    if (item.kind === 'area') {
      blocks.push({ heading: `${item.code} ${item.title}${flag}`, depth: 1, lines: [] });
      continue;
    }
    const r = visit.ratings.find((x) => x.indicatorCode === item.code);
    const lines = [{ label: 'Rating', text: r ? (label.get(r.level) ?? r.level) : 'Not rated' }];
    if (r?.evidence) lines.push({ label: 'Evidence', text: r.evidence });
    blocks.push({ heading: `${item.code} ${item.title}${flag}`, depth: 2, lines });
  }
  const published = visit.history.filter((h) => h.to === 'published').at(-1);
  return renderFrameworkReport({
    title: `Site visit feedback report: ${visit.org.name}`,
    subtitle: [
      `${typeWords[visit.type]} on ${visit.visitOn} · school ${visit.org.code}`,
      `Rated on the ${visit.framework.title} (version ${visit.framework.version}): no evidence, developing, providing, sustaining`,
      `Visited by ${visit.assignedVendors.map((v) => v.name).join(', ') || 'no vendor recorded'}${published ? ` · published ${published.at.slice(0, 10)}` : ''}`,
      'Formative feedback for the school: what the visit found for each practice indicator.',
    ],
    blocks,
    generatedAt: meta.generatedAt,
    generatedBy: meta.generatedBy,
    ...(meta.compress === undefined ? {} : { compress: meta.compress }),
  });
}
