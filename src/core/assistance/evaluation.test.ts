import { describe, expect, it } from 'vitest';
import { summarizeAttendance, summarizeEvaluations } from './evaluation.ts';

const questions = [
  { code: 'relevance', prompt: 'Relevant' },
  { code: 'overall', prompt: 'Overall' },
];

describe('session attendance', () => {
  it('gives the rate over those whose attendance is recorded', () => {
    // 5 confirmed: 3 attended, 1 absent, 1 not recorded: 3 / 4 = 75%.
    expect(summarizeAttendance(['attended', 'attended', 'absent', null, 'attended'])).toEqual({
      confirmed: 5,
      attended: 3,
      absent: 1,
      notRecorded: 1,
      rate: 75,
    });
    // 2 of 3: 66.666... -> 66.7.
    expect(summarizeAttendance(['attended', 'attended', 'absent']).rate).toBe(66.7);
    expect(summarizeAttendance([null, null])).toMatchObject({ notRecorded: 2, rate: null });
  });
});

describe('evaluation summary', () => {
  it('gives each question its n and mean to two decimals when at least the minimum answered', () => {
    // relevance: 5, 4, 4 -> 13 / 3 = 4.333 -> 4.33; overall: 3, 5, 4 -> 4.
    const s = summarizeEvaluations(
      questions,
      [
        { ratings: { relevance: 5, overall: 3 } },
        { ratings: { relevance: 4, overall: 5 } },
        { ratings: { relevance: 4, overall: 4 } },
      ],
      3,
    );
    expect(s).toEqual({
      evaluations: 3,
      minimum: 3,
      questions: [
        { code: 'relevance', prompt: 'Relevant', n: 3, mean: 4.33, suppressed: false },
        { code: 'overall', prompt: 'Overall', n: 3, mean: 4, suppressed: false },
      ],
    });
  });

  it('withholds the mean of fewer answers than the minimum, and has none without answers', () => {
    const s = summarizeEvaluations(questions, [{ ratings: { relevance: 5 } }, { ratings: { relevance: 2 } }], 10);
    expect(s.questions).toEqual([
      { code: 'relevance', prompt: 'Relevant', n: 2, mean: null, suppressed: true },
      { code: 'overall', prompt: 'Overall', n: 0, mean: null, suppressed: false },
    ]);
    // With the minimum at 2 the same answers show: (5 + 2) / 2 = 3.5.
    expect(
      summarizeEvaluations(questions, [{ ratings: { relevance: 5 } }, { ratings: { relevance: 2 } }], 2).questions[0],
    ).toMatchObject({ n: 2, mean: 3.5, suppressed: false });
  });
});
