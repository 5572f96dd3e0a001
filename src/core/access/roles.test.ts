import { describe, expect, it } from 'vitest';
import { checkRoleScope, isOrgInScope, roleDefinitions, roles, type OrgPlacement, type UserScope } from './roles.ts';

const abingtonHigh = { code: '00010505', ancestorCodes: ['00010000', '00000000'], regionCode: 'coastal' };
const abington = { code: '00010000', ancestorCodes: ['00000000'], regionCode: 'coastal' };
const burncoat = { code: '03480503', ancestorCodes: ['03480000', '00000000'], regionCode: 'west-central' };
const unassignedDistrict = { code: '09990000', ancestorCodes: ['00000000'], regionCode: null };

describe('isOrgInScope', () => {
  const cases: [string, UserScope, OrgPlacement, boolean][] = [
    ['state holds a school', { level: 'state', orgCode: '00000000' }, abingtonHigh, true],
    ['state holds a district without a region', { level: 'state', orgCode: '00000000' }, unassignedDistrict, true],
    ['region holds its district', { level: 'region', orgCode: 'coastal' }, abington, true],
    ['region holds its schools', { level: 'region', orgCode: 'coastal' }, abingtonHigh, true],
    ['region does not hold the other region', { level: 'region', orgCode: 'coastal' }, burncoat, false],
    ['region does not hold unassigned districts', { level: 'region', orgCode: 'coastal' }, unassignedDistrict, false],
    ['district holds itself', { level: 'district', orgCode: '00010000' }, abington, true],
    ['district holds its school', { level: 'district', orgCode: '00010000' }, abingtonHigh, true],
    ['district does not hold another district school', { level: 'district', orgCode: '00010000' }, burncoat, false],
    ['school holds itself', { level: 'school', orgCode: '00010505' }, abingtonHigh, true],
    ['school does not hold its district', { level: 'school', orgCode: '00010505' }, abington, false],
    ['assigned scope holds no organization', { level: 'assigned', orgCode: null }, abingtonHigh, false],
    ['a scope without its organization holds nothing', { level: 'district', orgCode: null }, abington, false],
  ];
  it.each(cases)('%s', (_name, scope, org, expected) => {
    expect(isOrgInScope(scope, org)).toBe(expected);
  });
});

describe('checkRoleScope', () => {
  it('accepts each role at its own scope level', () => {
    for (const role of roles) {
      const level = roleDefinitions[role].scopeLevel;
      expect(checkRoleScope(role, level === 'assigned' ? null : level)).toBeNull();
    }
  });
  it('explains a scope at the wrong level', () => {
    expect(checkRoleScope('school_leader', 'district')).toBe(
      'a school leader must be scoped to a school, not a district',
    );
    expect(checkRoleScope('regional_staff', null)).toBe('a regional assistance staff needs a region as scope');
    expect(checkRoleScope('vendor', 'school')).toBe('a site-visit vendor has no organization scope');
  });
});
