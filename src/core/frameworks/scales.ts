import type { RatingScale } from './types.ts';

/** The self-assessment scale on the Conditions for School Effectiveness; the district form adds "U - unknown". */
export const conditionsScale: RatingScale = {
  code: 'cse_evidence',
  label: 'Evidence of the condition',
  unconfirmed: false,
  levels: [
    { code: 'little_evidence', label: '1 Little evidence', score: 1, description: 'Little evidence of the condition' },
    { code: 'developing', label: '2 Developing', score: 2, description: 'The condition is developing' },
    { code: 'providing', label: '3 Providing', score: 3, description: 'The condition is provided' },
    { code: 'sustaining', label: '4 Sustaining', score: 4, description: 'The condition is sustained' },
    {
      code: 'unknown',
      label: 'U Unknown',
      score: null,
      description: 'The team does not know (district form only)',
      forLevels: ['district'],
    },
  ],
};

/** The site-visit continuum for each Turnaround Practice indicator: no evidence -> developing -> providing -> sustaining. */
export const siteVisitContinuum: RatingScale = {
  code: 'site_visit_continuum',
  label: 'Site-visit continuum',
  unconfirmed: false,
  levels: [
    { code: 'no_evidence', label: 'No evidence', score: 1, description: 'No evidence of the practice was found' },
    { code: 'developing', label: 'Developing', score: 2, description: 'The practice is developing' },
    { code: 'providing', label: 'Providing', score: 3, description: 'The practice is in place' },
    {
      code: 'sustaining',
      label: 'Sustaining',
      score: 4,
      description: 'The practice looks like that of rapidly improving schools',
    },
  ],
};

/**
 * The scale for the District Standards and Indicators. The domain sources do not give one: ssos ships the
 * four-level evidence scale of the Conditions, flagged unconfirmed so the state can correct it in a new version.
 */
export const districtStandardsScale: RatingScale = {
  code: 'district_standards_evidence',
  label: 'Evidence of the indicator',
  unconfirmed: true,
  levels: [
    { code: 'little_evidence', label: '1 Little evidence', score: 1, description: 'Little evidence of the indicator' },
    { code: 'developing', label: '2 Developing', score: 2, description: 'The indicator is developing' },
    { code: 'providing', label: '3 Providing', score: 3, description: 'The indicator is in place' },
    { code: 'sustaining', label: '4 Sustaining', score: 4, description: 'The indicator is sustained' },
    { code: 'unknown', label: 'U Unknown', score: null, description: 'The team does not know' },
  ],
};

/**
 * The implementation scale of the Indistar-style loop (fully implemented / limited development / no development),
 * used for the Behavioral Health and Public Schools tool and its successor, whose own answer scale the domain
 * sources do not give: flagged unconfirmed.
 */
export const implementationScale: RatingScale = {
  code: 'implementation',
  label: 'Implementation',
  unconfirmed: true,
  levels: [
    { code: 'no_development', label: 'No development', score: 1, description: 'Not yet started' },
    { code: 'limited_development', label: 'Limited development', score: 2, description: 'Partly in place' },
    { code: 'fully_implemented', label: 'Fully implemented', score: 3, description: 'In place throughout' },
  ],
};
