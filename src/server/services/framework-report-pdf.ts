import PDFDocument from 'pdfkit';

/** One block of a framework report: a heading (an area, an indicator) and lines under it. */
export interface ReportBlock {
  heading: string;
  /** 1 = area heading, 2 = indicator heading. */
  depth: 1 | 2;
  lines: readonly { label?: string; text: string }[];
}

/** What a framework report holds: a title, lines about the record, and blocks in reading order. */
export interface ReportSpec {
  title: string;
  subtitle: readonly string[];
  blocks: readonly ReportBlock[];
  generatedAt: Date;
  generatedBy: string;
  /** Leave the content streams uncompressed (tests read the text). */
  compress?: boolean;
}

const MARGIN = 54;
const INK = '#1b1b1b';
const MUTED = '#565c65';
const RULE = '#a9aeb1';

/**
 * Renders a framework report (a self-assessment summary, a site-visit feedback report) as a Letter-size PDF:
 * the title, the record's details, then each area and indicator with its ratings; text flows onto new pages, and
 * every page carries a footer with who generated it and the page number.
 */
export function renderFrameworkReport(spec: ReportSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + 24 },
    compress: spec.compress ?? true,
    bufferPages: true,
    info: { Title: spec.title, Author: 'ssos' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc.font('Helvetica-Bold').fontSize(17).fillColor(INK).text(spec.title, MARGIN, MARGIN, { width });
  doc.moveDown(0.3);
  for (const line of spec.subtitle) doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(line, { width });
  doc.fillColor(INK);

  for (const block of spec.blocks) {
    // Keep a heading with at least its first line.
    if (doc.y > doc.page.height - MARGIN - 24 - 60) doc.addPage();
    doc.moveDown(block.depth === 1 ? 0.9 : 0.5);
    doc
      .font('Helvetica-Bold')
      .fontSize(block.depth === 1 ? 13 : 10.5)
      .fillColor(INK)
      .text(block.heading, MARGIN, doc.y, { width });
    if (block.depth === 1) {
      const y = doc.y + 2;
      doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + width, y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.y = y + 4;
    }
    for (const line of block.lines) {
      doc.font('Helvetica').fontSize(9.5).fillColor(INK);
      if (line.label)
        doc.font('Helvetica-Bold').text(`${line.label}: `, MARGIN + 10, doc.y, { width: width - 10, continued: true });
      doc.font('Helvetica').text(line.text, line.label ? undefined : MARGIN + 10, line.label ? undefined : doc.y, {
        width: width - 10,
      });
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `Generated ${spec.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${spec.generatedBy} · Page ${i + 1} of ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN,
        { width, lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
