import { describe, expect, it } from 'vitest';
import { checkCover, emptyBlocks, emptyCover, turnaroundPractices } from './template.ts';

describe('plan template', () => {
  it('has one block per Turnaround Practice, in the state order', () => {
    expect(turnaroundPractices.map((p) => `${p.number} ${p.key}`)).toEqual([
      '1 leadership',
      '2 instruction',
      '3 student_supports',
      '4 climate_culture',
    ]);
    expect(emptyBlocks().student_supports).toEqual({ dataAnalysis: '', strategies: '', districtSupport: '' });
  });
  it('refuses a cover whose exit year comes before the designation year', () => {
    expect(checkCover({ ...emptyCover(), designationYear: 2024, exitEligibleYear: 2027 })).toBeNull();
    expect(checkCover({ ...emptyCover(), designationYear: 2024, exitEligibleYear: 2024 })).toBeNull();
    expect(checkCover({ ...emptyCover(), exitEligibleYear: 2020 })).toBeNull();
    expect(checkCover({ ...emptyCover(), designationYear: 2024, exitEligibleYear: 2023 })).toEqual({
      field: 'cover.exitEligibleYear',
      message: 'The year eligible to exit (2022-23) cannot come before the year of designation (2023-24)',
    });
  });
});
