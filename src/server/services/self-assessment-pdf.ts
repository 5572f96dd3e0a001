import type { SelfAssessment } from '../api/self-assessments.ts';
import { renderFrameworkReport, type ReportBlock } from './framework-report-pdf.ts';

/** Who the document was made for and when. */
export interface SelfAssessmentPdfMeta {
  generatedAt: Date;
  generatedBy: string;
  /** Leave the content streams uncompressed (tests read the text). */
  compress?: boolean;
}

const flag = (unconfirmed: boolean) => (unconfirmed ? ' [unconfirmed wording]' : '');

/**
 * The summary of a self-assessment as a PDF: framework and version, organization, period, status and team; then
 * each area and indicator with the consensus rating, the team's ratings and the evidence notes.
 */
export function renderSelfAssessmentPdf(sa: SelfAssessment, meta: SelfAssessmentPdfMeta): Promise<Buffer> {
  const label = new Map(sa.levels.map((l) => [l.code, l.label]));
  const levelText = (code: string | null) => (code === null ? 'Not rated' : (label.get(code) ?? code));
  const names = new Map(sa.team.map((m) => [m.id, m.name]));
  const blocks: ReportBlock[] = [
    {
      heading: 'Team',
      depth: 1,
      lines: sa.team.map((m) => ({ text: m.roleText ? `${m.name}, ${m.roleText}` : m.name })),
    },
  ];
  for (const item of sa.items) {
    if (item.kind === 'area') {
      blocks.push({ heading: `${item.code} ${item.title}${flag(item.unconfirmed)}`, depth: 1, lines: [] });
      continue;
    }
    const s = sa.summary.find((x) => x.indicatorCode === item.code);
    const consensus = sa.consensus.find((c) => c.indicatorCode === item.code);
    const ratings = sa.memberRatings.filter((r) => r.indicatorCode === item.code);
    const lines: { label?: string; text: string }[] = [
      { label: 'Consensus', text: levelText(consensus?.level ?? null) },
      {
        label: 'Team ratings',
        text:
          s && s.rated > 0
            ? `${s.distribution
                .filter((d) => d.count > 0)
                .map((d) => `${levelText(d.level)} x${d.count}`)
                .join(
                  ', ',
                )} (${s.rated} of ${s.members} members${s.meanScore === null ? '' : `, mean ${s.meanScore}`}${s.unanimous ? ', unanimous' : ''})`
            : 'none recorded',
      },
    ];
    if (consensus?.notes) lines.push({ label: 'Consensus notes', text: consensus.notes });
    for (const r of ratings)
      if (r.evidence) lines.push({ label: `Evidence (${names.get(r.memberId) ?? 'member'})`, text: r.evidence });
    blocks.push({
      heading: `${item.code} ${item.title}${flag(item.unconfirmed)}`,
      depth: item.parentCode ? 2 : 1,
      lines,
    });
  }
  return renderFrameworkReport({
    title: `Self-assessment summary: ${sa.framework.title}`,
    subtitle: [
      `${sa.org.name} (${sa.org.code}) · response period ${sa.period}`,
      `Framework ${sa.framework.code} version ${sa.framework.version} · status ${sa.status}${sa.completedAt ? ` (completed ${sa.completedAt.slice(0, 10)})` : ''}`,
      `Consensus recorded for ${sa.consensusRated} of ${sa.indicators} indicators`,
    ],
    blocks,
    generatedAt: meta.generatedAt,
    generatedBy: meta.generatedBy,
    ...(meta.compress === undefined ? {} : { compress: meta.compress }),
  });
}
