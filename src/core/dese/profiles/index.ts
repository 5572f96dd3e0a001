import { column, ignored, type DeseProfile } from '../profile.ts';
import { district2018Profiles } from './district-2018.ts';
import { district2023Profiles } from './district-2023.ts';
import { e2cProfiles } from './e2c.ts';
import { mcasProfiles } from './mcas.ts';
import { profile2017 } from './profile-2017.ts';
import { schoolIndicatorProfiles } from './school-indicators.ts';

/** A known file that is not organization data. */
const bostonDropoutByZip: DeseProfile = {
  id: 'boston_dropout_by_zip',
  title: 'Boston dropout by ZIP code, 2017 (third-party summary)',
  report: 'third-party summary of Boston schools by ZIP code',
  source: 'third party',
  files: 'dese-school-profiles-2017/boston_dropout_by_zip_2017.csv',
  priority: 5,
  levels: ['school'],
  columns: [
    column('town', 'town', { kind: 'town' }),
    ...['zip', 'n_school', 'enroll', 'dropout', 'high_need', 'econ_dis'].map((h) =>
      ignored(h, h, 'part of the signature of this file'),
    ),
  ],
  year: { from: 'none', reason: 'not imported' },
  group: { from: 'fixed', group: 'all' },
  derivedPrefix: 'none',
  skip: 'rows are ZIP codes, not organizations (an average of the Boston schools in each ZIP, with shares as fractions): ssos keeps indicators per organization',
};

/** Every DESE file layout ssos knows, the ones it recognises and skips included. */
export const deseProfiles: readonly DeseProfile[] = [
  ...schoolIndicatorProfiles,
  ...mcasProfiles,
  profile2017,
  bostonDropoutByZip,
  ...district2018Profiles,
  ...district2023Profiles,
  ...e2cProfiles,
];
