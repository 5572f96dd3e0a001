import { describe, expect, test } from 'vitest';
import type { FrameworkVersionSummary } from '../api/frameworks.ts';
import { currentVersion, formatBytes, groupVersions, orgLevelsText } from './improvement-format.tsx';

function version(code: string, n: number, status: 'draft' | 'published'): FrameworkVersionSummary {
  return {
    code,
    version: n,
    title: code,
    description: '',
    source: '',
    uses: ['self_assessment'],
    orgLevels: ['school'],
    indicatorsEditable: false,
    status,
    shipped: n === 1,
    copiedFromVersion: n === 1 ? null : n - 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedAt: status === 'published' ? '2026-01-01T00:00:00.000Z' : null,
    indicators: 4,
    unconfirmedItems: 0,
  };
}

describe('improvement formatting', () => {
  test('sizes files in bytes, KB and MB of 1,024', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(840)).toBe('840 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(12_800)).toBe('12.5 KB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MB');
    expect(formatBytes(1_572_864)).toBe('1.5 MB');
  });

  test('names the organizations a framework is for in words', () => {
    expect(orgLevelsText(['school'])).toBe('schools');
    expect(orgLevelsText(['school', 'district'])).toBe('schools and districts');
    expect(orgLevelsText([])).toBe('—');
  });

  test('groups the library by framework, versions oldest first; the current one is the latest published', () => {
    const items = [
      version('TP', 2, 'draft'),
      version('CSE', 1, 'published'),
      version('TP', 1, 'published'),
      version('TP', 3, 'published'),
      version('TP', 4, 'draft'),
    ];
    const groups = groupVersions(items);
    expect(groups.map((g) => g.map((v) => `${v.code}${v.version}`))).toEqual([['TP1', 'TP2', 'TP3', 'TP4'], ['CSE1']]);
    expect(currentVersion(groups[0]!).version).toBe(3);
    // A framework with only drafts shows its latest draft.
    expect(currentVersion([version('X', 1, 'draft'), version('X', 2, 'draft')]).version).toBe(2);
  });
});
