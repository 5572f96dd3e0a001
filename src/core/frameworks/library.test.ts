import { describe, expect, it } from 'vitest';
import { checkFramework, indicatorsFor, levelsFor, orderedItems } from './framework.ts';
import {
  behavioralHealthAndPublicSchools,
  conditionsForSchoolEffectiveness,
  districtStandardsAndIndicators,
  frameworkLibrary,
  safeAndSupportiveSchools,
  turnaroundPractices,
} from './library.ts';
import { applyWordingEdit, copyAsNewVersion, nextItemCode } from './versioning.ts';

describe('the framework library', () => {
  it('ships five valid frameworks with distinct codes', () => {
    expect(frameworkLibrary.map((f) => f.code)).toEqual(['CSE', 'DSI', 'TP', 'BHPS', 'SSS']);
    for (const f of frameworkLibrary) expect(checkFramework(f), f.code).toEqual([]);
  });

  it('has the 11 Conditions, the school tool leaving out Condition 1, and 8-11 marked unconfirmed', () => {
    const cse = conditionsForSchoolEffectiveness;
    expect(indicatorsFor(cse, 'district')).toHaveLength(11);
    const school = indicatorsFor(cse, 'school');
    expect(school).toHaveLength(10);
    expect(school[0]!.title).toBe('Effective school leadership');
    expect(cse.items.filter((i) => i.unconfirmed).map((i) => i.code)).toEqual(['C8', 'C9', 'C10', 'C11']);
    expect(levelsFor(cse.scale, 'school').map((l) => l.label)).toEqual([
      '1 Little evidence',
      '2 Developing',
      '3 Providing',
      '4 Sustaining',
    ]);
    expect(levelsFor(cse.scale, 'district').at(-1)!.label).toBe('U Unknown');
  });

  it('has 6 district standards with 24 indicators', () => {
    const dsi = districtStandardsAndIndicators;
    expect(dsi.items.filter((i) => i.kind === 'area')).toHaveLength(6);
    expect(indicatorsFor(dsi, 'district')).toHaveLength(24);
    expect(indicatorsFor(dsi, 'school')).toHaveLength(0);
    expect(dsi.items.find((i) => i.code === 'S2.3')).toMatchObject({
      title: 'Student access to coursework',
      unconfirmed: true,
    });
    expect(dsi.scale.unconfirmed).toBe(true);
  });

  it('has the four Turnaround Practices on the site-visit continuum, indicators editable and unconfirmed', () => {
    const tp = turnaroundPractices;
    expect(tp.items.filter((i) => i.kind === 'area').map((i) => i.title)).toEqual([
      'Leadership, shared responsibility, and professional collaboration',
      'Intentional practices for improving instruction',
      'Student-specific supports and instruction to all students',
      'School climate and culture',
    ]);
    expect(tp.indicatorsEditable).toBe(true);
    expect(tp.scale.levels.map((l) => l.code)).toEqual(['no_evidence', 'developing', 'providing', 'sustaining']);
    expect(indicatorsFor(tp, 'school').every((i) => i.unconfirmed)).toBe(true);
    // Reading order: each practice followed by its indicators.
    expect(
      orderedItems(tp.items)
        .map((i) => i.code)
        .slice(0, 5),
    ).toEqual(['TP1', 'TP1.1', 'TP1.2', 'TP1.3', 'TP2']);
  });

  it('has the six areas of the behavioral health tool and of its successor', () => {
    expect(indicatorsFor(behavioralHealthAndPublicSchools, 'school').map((i) => i.title)).toContain(
      'Collaboration with Families',
    );
    expect(indicatorsFor(safeAndSupportiveSchools, 'school').map((i) => i.title)).toEqual([
      'Leadership, Infrastructure and Culture',
      'Professional Learning Opportunities',
      'Access to Resources and Services',
      'Teaching and Learning that Fosters Safe and Supportive Environments',
      'School Policies, Procedures and Protocols',
      'Family Engagement',
    ]);
  });
});

describe('framework versions', () => {
  it('copies a version with the next number, leaving the original untouched', () => {
    const v2 = copyAsNewVersion(turnaroundPractices, [1, 3]);
    expect(v2.version).toBe(4);
    const edited = applyWordingEdit(v2.items[1]!, { title: 'Use of autonomy', confirmed: true });
    expect(edited).toMatchObject({ code: 'TP1.1', title: 'Use of autonomy', unconfirmed: false });
    expect(turnaroundPractices.items[1]!.title).toBe('Leadership');
    expect(applyWordingEdit(v2.items[1]!, { description: 'x' }).unconfirmed).toBe(true);
  });

  it('numbers a new indicator after the last one of its area, or at the top', () => {
    expect(nextItemCode(turnaroundPractices.items, 'TP1', 'TP')).toBe('TP1.4');
    expect(nextItemCode(turnaroundPractices.items, 'TP2', 'TP')).toBe('TP2.2');
    expect(nextItemCode(conditionsForSchoolEffectiveness.items, null, 'C')).toBe('C12');
  });

  it('finds structural problems', () => {
    const broken = {
      scale: turnaroundPractices.scale,
      items: [
        { ...turnaroundPractices.items[1]!, parentCode: 'TP9' },
        { ...turnaroundPractices.items[2]!, code: 'TP1.1', parentCode: 'TP1.1' },
      ],
    };
    expect(checkFramework(broken)).toEqual([
      'item code TP1.1 is used twice',
      'item TP1.1 names a parent TP9 that does not exist',
      'item TP1.1 is under TP1.1, which is not an area',
    ]);
  });
});
