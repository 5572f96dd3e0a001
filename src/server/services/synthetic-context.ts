import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  contextCells,
  contextHeader,
  contextTables,
  generateContextFigures,
  type ContextTable,
} from '../../core/synth/context-figures.ts';
import type { CommonwealthPlan } from '../../core/synth/types.ts';
import { csvCell } from './table-export.ts';

/**
 * Writes the synthetic Commonwealth's staffing, spending and college-going figures (not computed from students) into
 * the folder of its DESE-layout figures, one file per table; returns the rows of each.
 */
export async function writeContextFigures(dir: string, plan: CommonwealthPlan): Promise<Record<ContextTable, number>> {
  const rows = generateContextFigures(plan);
  const counts = {} as Record<ContextTable, number>;
  for (const table of Object.keys(contextTables) as ContextTable[]) {
    const lines = [contextHeader(table), ...rows[table].map(contextCells)].map((cells) => cells.map(csvCell).join(','));
    await writeFile(path.join(dir, contextTables[table].file), `${lines.join('\n')}\n`);
    counts[table] = rows[table].length;
  }
  return counts;
}
