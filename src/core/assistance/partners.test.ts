import { describe, expect, it } from 'vitest';
import { planStrategies, suggestPartners, type NeedArea, type PartnerProfile } from './partners.ts';

const partner = (id: number, name: string, codes: string[], over: Partial<PartnerProfile> = {}): PartnerProfile => ({
  id,
  name,
  status: 'vetted',
  frameworkCodes: codes,
  regionCodes: [],
  ...over,
});
const need = (code: string, score: number, title = code): NeedArea => ({
  code,
  title,
  score,
  label: `${score}`,
  source: 'self-assessment 2025-26',
});

describe('partner suggestions', () => {
  const needs = [
    need('cse-4', 2, 'Effective instruction'),
    need('cse-9', 1, 'Social, emotional and health needs'),
    need('cse-2', 3),
    need('cse-5', 2),
  ];

  it('suggests vetted partners of the region for needs rated 2 or lower, lowest rating first, with the reason', () => {
    const out = suggestPartners(
      [
        partner(1, 'Instruction Partners', ['cse-4', 'tp-2']),
        partner(2, 'Whole Child Collaborative', ['cse-9'], { regionCodes: ['coastal'] }),
        partner(3, 'Assessment Lab', ['cse-4', 'cse-5']),
        partner(4, 'Leadership Co', ['cse-2']), // rated 3: not a need
        partner(5, 'Provisional Pals', ['cse-9'], { status: 'provisional' }),
        partner(6, 'Western Help', ['cse-9'], { regionCodes: ['west-central'] }),
      ],
      needs,
      'coastal',
    );
    // Whole Child addresses the lowest rating (1); Assessment Lab two needs at 2; Instruction Partners one.
    expect(out.map((s) => s.partner.name)).toEqual([
      'Whole Child Collaborative',
      'Assessment Lab',
      'Instruction Partners',
    ]);
    expect(out[1]!.matches.map((m) => m.code)).toEqual(['cse-4', 'cse-5']);
    expect(out[0]!.reason).toBe(
      'Addresses Social, emotional and health needs (rated 1 in the self-assessment 2025-26).',
    );
  });

  it('follows the threshold setting and suggests nothing without needs', () => {
    expect(suggestPartners([partner(4, 'Leadership Co', ['cse-2'])], needs, 'coastal', { maxScore: 3 })).toHaveLength(
      1,
    );
    expect(suggestPartners([partner(1, 'A', ['cse-4'])], [], 'coastal')).toEqual([]);
    // A regional partner is not suggested when the school's region is unknown; a statewide one is.
    expect(suggestPartners([partner(1, 'A', ['cse-4'], { regionCodes: ['coastal'] })], needs, null)).toEqual([]);
    expect(suggestPartners([partner(1, 'A', ['cse-4'])], needs, null)).toHaveLength(1);
  });

  it('reads the Turnaround Practices a plan writes strategies for, naming the plan', () => {
    const empty = { dataAnalysis: 'x', strategies: '', districtSupport: '' };
    const strategies = planStrategies({
      title: 'Taunton High turnaround plan',
      startYear: 2026,
      endYear: 2028,
      blocks: {
        leadership: empty,
        instruction: { ...empty, strategies: 'Common planning time for math teams.' },
        student_supports: { ...empty, strategies: '   ' },
        climate_culture: { ...empty, strategies: 'Restorative practices.' },
      },
    });
    expect(strategies).toEqual([
      {
        code: 'tp-2',
        title: 'Turnaround Practice 2 (Intentional practices for improving instruction)',
        plan: '"Taunton High turnaround plan" (2025-26 to 2027-28)',
      },
      {
        code: 'tp-4',
        title: 'Turnaround Practice 4 (School climate and culture)',
        plan: '"Taunton High turnaround plan" (2025-26 to 2027-28)',
      },
    ]);
    expect(planStrategies({ title: 'P', startYear: 2027, endYear: 2027, blocks: {} })).toEqual([]);
  });

  it('suggests partners for plan strategies after rated needs, with both reasons', () => {
    const strategies = [
      { code: 'tp-2', title: 'Turnaround Practice 2 (Instruction)', plan: '"Plan" (2025-26)' },
      { code: 'tp-4', title: 'Turnaround Practice 4 (Climate)', plan: '"Plan" (2025-26)' },
    ];
    const out = suggestPartners(
      [
        partner(1, 'Climate Partners', ['tp-4']),
        partner(2, 'Instruction Partners', ['cse-4', 'tp-2']),
        partner(3, 'Both Practices', ['tp-2', 'tp-4']),
        partner(4, 'Whole Child Collaborative', ['cse-9']),
        partner(5, 'Unrelated', ['tp-1']),
      ],
      needs,
      'coastal',
      undefined,
      strategies,
    );
    // Rated needs first (Whole Child: rating 1; Instruction Partners: rating 2), then strategy-only partners by how
    // many strategies they support (Both Practices: 2), then by name.
    expect(out.map((s) => s.partner.name)).toEqual([
      'Whole Child Collaborative',
      'Instruction Partners',
      'Both Practices',
      'Climate Partners',
    ]);
    expect(out[1]!.reason).toBe(
      'Addresses Effective instruction (rated 2 in the self-assessment 2025-26). Supports the strategies for Turnaround Practice 2 (Instruction) in the plan "Plan" (2025-26).',
    );
    expect(out[2]!.reason).toBe(
      'Supports the strategies for Turnaround Practice 2 (Instruction); Turnaround Practice 4 (Climate) in the plan "Plan" (2025-26).',
    );
    expect(out[2]!.strategies.map((s) => s.code)).toEqual(['tp-2', 'tp-4']);
  });
});
