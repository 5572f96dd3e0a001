/** The kinds of intervention a school records for a student (the early-warning actions). */
export const interventionKinds = [
  'attendance',
  'behavior',
  'academic_ela',
  'academic_math',
  'course_recovery',
  'mentoring',
  'family_engagement',
  'counseling',
  'other',
] as const;

/** Where an intervention stands. */
export const interventionStatuses = ['planned', 'active', 'completed', 'discontinued'] as const;
