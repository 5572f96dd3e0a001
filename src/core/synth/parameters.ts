/**
 * Parameters of the synthetic Commonwealth's latent model. Units: achievement in student standard deviations
 * (scaled scores are 500 + 27 x (Z - cut)); engagement in the log of a student's absence rate. Each value says where
 * it comes from: a DESE figure it is calibrated to (the calibration is checked by test/synth), or a judgement.
 * docs/synthetic-commonwealth.md explains the model in words.
 */
export const model = {
  // --- Engagement: log absence rate = base + grade + school + traits + v, v an AR(1) across grades.
  engagement: {
    /** Log absence rate of a typical grade 2-5 student: exp(-3.5) = 3% of days (about 5 days a year). */
    base: -3.5,
    /** Extra log absence rate by grade ordinal PK..12 (DESE chronic absence rises in K and from grade 7 on). */
    byGrade: [0.3, 0.22, 0.1, 0, 0, 0, 0, 0.05, 0.14, 0.22, 0.4, 0.45, 0.52, 0.68],
    lowIncome: 0.5,
    disability: 0.3,
    englishLearner: 0.05,
    /** Student-level spread of v and its year-to-year persistence. */
    sd: 0.68,
    persistence: 0.72,
    /** Absence never exceeds this share of membership days. */
    maxRate: 0.85,
  },
  // --- Achievement: Z = traits + district + school growth accumulated + u, u an AR(1) across grades.
  achievement: {
    lowIncome: -0.3,
    /** Low-income students also grow a little less each year (accumulated like school growth). */
    lowIncomeGrowth: -0.025,
    disability: -0.82,
    /** English learners on entry start lower; the gap shrinks by `englishDecay` a year. */
    englishLearner: -0.75,
    englishDecay: 0.82,
    /** Girls score higher in ELA; a small math gap the other way. */
    femaleEla: 0.12,
    femaleMath: -0.03,
    /** District achievement effect per unit of district socio-economic index. */
    districtSes: 0.16,
    /** Persistence of accumulated school growth effects. */
    schoolPersistence: 0.8,
    /** Student deviation u: stationary spread, year-to-year persistence, ELA/math correlation. */
    sd: 0.7,
    persistence: 0.72,
    subjectCorrelation: 0.6,
    /** Effect of this year's engagement deviation v (log absence) on this year's growth. */
    engagementEffect: 0.16,
    /** Science: the mean of ELA and math plus its own noise. */
    scienceNoise: 0.45,
  },
  // --- Course performance (grades 6-12): K = base + school + a*Zhat - b*v + c + traits; a course fails when K < 0.
  courses: {
    /** Base by grade ordinal 6..12 (grade 9 is the hardest year: DESE's grade 9 pass-all rate is about 80%). */
    baseByGrade: [1.35, 1.25, 1.15, 1.05, 1.1, 1.25, 1.4],
    achievement: 0.55,
    engagement: 0.55,
    lowIncome: -0.12,
    disability: -0.1,
    /** Course-performance deviation c: spread and persistence. */
    sd: 0.55,
    persistence: 0.62,
    /** GPA = clamp(gpaCentre + gpaSlope * K + small noise, 0, 4). */
    gpaCentre: 2.2,
    gpaSlope: 0.72,
    gpaNoise: 0.08,
    /** Each `failureStep` of K below 0 fails one more course. */
    failureStep: 0.45,
  },
  // --- Graduation: X = mean of K over the student's high-school years here + noise; thresholds on X.
  graduation: {
    /** X's total spread given traits and school, the same however many high-school years are observed. */
    totalSd: 0.78,
    /** On time when X >= onTime; graduates in year 5 when fifthYear <= X < onTime; drops out below dropout. */
    onTime: -0.278,
    fifthYear: -0.427,
    dropout: -0.755,
    /** When a dropout happens, by grade 9..12 (DESE's annual dropout rate peaks in grades 11-12). */
    dropoutTiming: [0.12, 0.24, 0.3, 0.34],
  },
  // --- Yearly events.
  events: {
    /** Log-odds of retention by grade ordinal K..8; also rises with absence (v) and low scores. */
    retentionBase: [-4.2, -4.4, -5.0, -5.2, -6.0, -6.1, -5.6, -5.4, -5.5],
    retentionEngagement: 1.3,
    retentionScore: -1.0,
    retentionDisability: 0.4,
    /** Mobility and exits scale with low income and English learners. */
    mobilityLowIncome: 0.8,
    exitLowIncome: 0.4,
    exitEnglishLearner: 0.6,
    /** Probability of taking the state test in a year (ELA and math together); students with disabilities a little
     * less (DESE counts the alternate assessment as participation, so real rates are rarely below 95%). */
    participation: 0.992,
    participationDisability: 0.985,
    /** Share of entrants that arrive after October 1 (membership shortened). */
    lateEntry: 0.45,
    /** Share of leavers that leave during the year rather than over the summer. */
    midYearExit: 0.4,
  },
  discipline: {
    /** Log-odds of any out-of-school suspension, by grade ordinal PK..12. */
    outOfSchoolByGrade: [-7.6, -7.0, -6.5, -6.1, -5.8, -5.5, -5.2, -4.6, -4.2, -4.1, -4.0, -4.2, -4.5, -4.9],
    inSchoolOffset: -0.6,
    engagement: 1.6,
    lowIncome: 0.55,
    disability: 0.65,
    male: 0.55,
    /** Mean extra days beyond the first. */
    extraDays: 1.4,
  },
  advanced: {
    base: -0.2,
    courses: 1.0,
    achievement: 0.45,
  },
  englishProficiency: {
    /** ACCESS overall level on entry, gain a year (smaller at higher levels), and the level that exits EL status. */
    entryLow: 1.2,
    entryHigh: 3.4,
    gain: 0.62,
    gainSlope: -0.08,
    gainSd: 0.32,
    exitLevel: 4.2,
    targetYears: 5,
    formerWindow: 4,
  },
  /** Scaled-score spread: 27 points per unit of Z (statewide Z spread is about 0.9). */
  scorePointsPerSd: 27,
} as const;

/**
 * The meeting-expectations cut for each subject and grade, in Z units (a scaled score of 500 is Z = cut). Calibrated
 * so that statewide meeting-or-exceeding rates match recent Next-Generation MCAS results (2022-2024: grades 3-8 about
 * 40-44% in ELA and math, grade 10 about 58% ELA and 50% math; science about 42%).
 */
export const scoreCuts = {
  ela: [0, 0, 0, -0.18, -0.125, -0.125, -0.09, -0.087, -0.083, 0, -0.5, 0, 0],
  math: [0, 0, 0, -0.183, -0.152, -0.132, -0.125, -0.1, -0.095, 0, -0.36, 0, 0],
  science: [0, 0, 0, 0, 0, -0.17, 0, 0, -0.15, 0, -0.26, 0, 0],
} as const;

/** Grades (ordinals) with ELA and math tests: 3-8 and 10. */
export const testedGrades: readonly number[] = [3, 4, 5, 6, 7, 8, 10];
/** Grades (ordinals) with science tests: 5, 8 and 10. */
export const scienceGrades: readonly number[] = [5, 8, 10];

/**
 * Statewide growth norms for student growth percentiles: current Z regressed on prior Z (same subject) by grade.
 * SGP = 100 x Phi((Z - (intercept + slope x priorZ)) / residualSd), fitted to the generator's own statewide
 * distribution (so the statewide mean SGP is about 50 and SGPs are close to uniform; test/synth checks it).
 */
export const growthNorms = {
  intercept: -0.048,
  slope: 0.841,
  residualSd: 0.512,
  /** Grade 10 uses the grade 8 score (two years earlier), as DESE does. */
  interceptGrade10: -0.074,
  slopeGrade10: 0.714,
  residualSdGrade10: 0.658,
} as const;
