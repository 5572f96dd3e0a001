import { percentOf } from './grants.ts';

/**
 * Attendance and post-session evaluations of professional development (docs/assistance.md): the attendance rate of
 * a session and the mean rating of each evaluation question, withheld when fewer people than the reporting minimum
 * answered it (a mean of two answers all but names them).
 */

/** Attendance of a confirmed registration: attended, absent, or not recorded yet (null). */
export type AttendanceStatus = 'attended' | 'absent';

/** A session's attendance in numbers. */
export interface AttendanceSummary {
  confirmed: number;
  attended: number;
  absent: number;
  notRecorded: number;
  /** Attended as a percent of those whose attendance is recorded, to one decimal; null when none is. */
  rate: number | null;
}

/** Counts the attendance of a session's confirmed registrations. */
export function summarizeAttendance(statuses: readonly (AttendanceStatus | null)[]): AttendanceSummary {
  const attended = statuses.filter((s) => s === 'attended').length;
  const absent = statuses.filter((s) => s === 'absent').length;
  return {
    confirmed: statuses.length,
    attended,
    absent,
    notRecorded: statuses.length - attended - absent,
    rate: percentOf(attended, attended + absent),
  };
}

/** An evaluation question (kept as data). */
export interface EvaluationQuestion {
  code: string;
  prompt: string;
}

/** The lowest and highest rating: 1 strongly disagree, 5 strongly agree. */
export const ratingScale = { min: 1, max: 5 } as const;

/** One question's result: how many rated it and their mean (two decimals), or withheld. */
export interface QuestionSummary {
  code: string;
  prompt: string;
  n: number;
  mean: number | null;
  /** True when n is below the minimum (and above 0): the mean is withheld. */
  suppressed: boolean;
}

/** Every question's result. */
export interface EvaluationSummary {
  evaluations: number;
  minimum: number;
  questions: QuestionSummary[];
}

/**
 * Summarizes evaluations: per question, the number of ratings and their mean rounded to two decimals; the mean is
 * withheld (null, `suppressed`) when fewer than `minimum` people rated the question.
 */
export function summarizeEvaluations(
  questions: readonly EvaluationQuestion[],
  evaluations: readonly { ratings: Readonly<Record<string, number>> }[],
  minimum: number,
): EvaluationSummary {
  return {
    evaluations: evaluations.length,
    minimum,
    questions: questions.map((q) => {
      const values = evaluations.map((e) => e.ratings[q.code]).filter((v): v is number => v !== undefined);
      const n = values.length;
      const shown = n > 0 && n >= minimum;
      return {
        code: q.code,
        prompt: q.prompt,
        n,
        mean: shown ? Math.round((values.reduce((s, v) => s + v, 0) / n) * 100) / 100 : null,
        suppressed: n > 0 && n < minimum,
      };
    }),
  };
}
