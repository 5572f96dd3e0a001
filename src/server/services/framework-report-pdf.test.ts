import { describe, expect, it } from 'vitest';
import { renderFrameworkReport } from './framework-report-pdf.ts';

/** The pages of a PDF, counted from its page objects. */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The text of an uncompressed pdfkit PDF: its standard-font strings are hex in TJ arrays. */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g))
    out.push([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  return out.join('\n').replace(/\s+/g, ' ');
}

const meta = {
  generatedAt: new Date('2026-11-24T10:00:00Z'),
  generatedBy: 'Sam State (state@example.org)',
  compress: false,
};

describe('the framework report PDF', () => {
  it('prints the title, the details, each heading with its labelled lines, and a footer', async () => {
    const pdf = await renderFrameworkReport({
      ...meta,
      title: 'Site visit feedback report: Abington High',
      subtitle: ['Monitoring Site Visit on 2025-10-01'],
      blocks: [
        { heading: 'TP1 Leadership, shared responsibility, and professional collaboration', depth: 1, lines: [] },
        {
          heading: 'TP1.1 Leadership',
          depth: 2,
          lines: [{ label: 'Rating', text: 'Providing' }, { text: 'plain line' }],
        },
      ],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    for (const words of [
      'Site visit feedback report: Abington High',
      'Monitoring Site Visit on 2025-10-01',
      'TP1 Leadership, shared responsibility, and professional collaboration',
      'TP1.1 Leadership Rating: Providing plain line',
      'Generated 2026-11-24 10:00 UTC by Sam State (state@example.org) · Page 1 of 1',
    ])
      expect(text).toContain(words);
  });

  it('flows long content onto more pages, numbering each', async () => {
    const long = 'Evidence from classroom observations, the staff survey and focus groups. '.repeat(12);
    const pdf = await renderFrameworkReport({
      ...meta,
      title: 'Self-assessment summary',
      subtitle: [],
      blocks: Array.from({ length: 30 }, (_, i) => ({
        heading: `C${i + 1} Indicator ${i + 1}`,
        depth: 2 as const,
        lines: [{ label: 'Evidence', text: long }],
      })),
    });
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(3);
    const text = pdfText(pdf);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('C30 Indicator 30');
  });
});
