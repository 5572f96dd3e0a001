import type { Role } from '../access/roles.ts';
import type { GradeCode, OrgLevel, OrgType } from '../orgs/organization.ts';

/** One organization of the small fixed demo set. */
export interface DemoOrg {
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgType;
  grades: GradeCode[];
  town: string | null;
  parentCode: string | null;
  regionCode: string | null;
  openedYear: number | null;
  closedYear: number | null;
}

const g = (list: string): GradeCode[] => list.split(',') as GradeCode[];

const district = (
  code: string,
  name: string,
  type: OrgType,
  region: string,
  town: string,
  grades: string,
): DemoOrg => ({
  code,
  name,
  level: 'district',
  type,
  grades: g(grades),
  town,
  parentCode: '00000000',
  regionCode: region,
  openedYear: null,
  closedYear: null,
});

const school = (
  code: string,
  name: string,
  type: OrgType,
  town: string,
  grades: string,
  closedYear: number | null = null,
): DemoOrg => ({
  code,
  name,
  level: 'school',
  type,
  grades: g(grades),
  town,
  parentCode: `${code.slice(0, 4)}0000`,
  regionCode: null,
  openedYear: null,
  closedYear,
});

/**
 * A small fixed set of real Massachusetts organizations (names and codes from DESE's public directory) that the
 * demo loads until the synthetic Commonwealth generator replaces it. Region assignments are illustrative.
 */
export const fixedDemoOrgs: readonly DemoOrg[] = [
  {
    code: '00000000',
    name: 'Massachusetts',
    level: 'state',
    type: 'state',
    grades: [],
    town: null,
    parentCode: null,
    regionCode: null,
    openedYear: null,
    closedYear: null,
  },
  {
    code: 'coastal',
    name: 'Coastal Regional Assistance Team',
    level: 'region',
    type: 'region',
    grades: [],
    town: null,
    parentCode: '00000000',
    regionCode: null,
    openedYear: 2019,
    closedYear: null,
  },
  {
    code: 'west-central',
    name: 'West/Central Regional Assistance Team',
    level: 'region',
    type: 'region',
    grades: [],
    town: null,
    parentCode: '00000000',
    regionCode: null,
    openedYear: 2019,
    closedYear: null,
  },
  district('00010000', 'Abington', 'local', 'coastal', 'Abington', 'PK,K,01,02,03,04,05,06,07,08,09,10,11,12'),
  district('00200000', 'Barnstable', 'local', 'coastal', 'Hyannis', 'PK,K,01,02,03,04,05,06,07,08,09,10,11,12'),
  district('02930000', 'Taunton', 'local', 'coastal', 'Taunton', 'PK,K,01,02,03,04,05,06,07,08,09,10,11,12'),
  district('03480000', 'Worcester', 'local', 'west-central', 'Worcester', 'PK,K,01,02,03,04,05,06,07,08,09,10,11,12'),
  district(
    '04450000',
    'Abby Kelley Foster Charter Public (District)',
    'charter',
    'west-central',
    'Worcester',
    'K,01,02,03,04,05,06,07,08,09,10,11,12',
  ),
  district(
    '08600000',
    'Pathfinder Regional Vocational Technical',
    'vocational',
    'west-central',
    'Palmer',
    '09,10,11,12',
  ),
  school('00010505', 'Abington High', 'public', 'Abington', '09,10,11,12'),
  school('00010003', 'Beaver Brook Elementary School', 'public', 'Abington', '01,02,03,04'),
  school('00010002', 'Center Elementary School', 'public', 'Abington', 'PK,K'),
  school('00010405', 'Frolio Middle School', 'public', 'Abington', '07,08'),
  school('00010015', 'Woodsdale Elementary School', 'public', 'Abington', '05,06'),
  school('00200505', 'Barnstable High', 'public', 'Hyannis', '08,09,10,11,12'),
  school('00200315', 'Barnstable Intermediate School', 'public', 'Hyannis', '06,07'),
  school('00200050', 'Barnstable United Elementary School', 'public', 'Marstons Mills', '04,05'),
  school('00200010', 'Centerville Elementary', 'public', 'Centerville', 'K,01,02,03'),
  school('00200001', 'Enoch Cobb Early Learning Center', 'public', 'Hyannis', 'PK'),
  school('02930505', 'Taunton High', 'public', 'Taunton', '08,09,10,11,12'),
  school('02930315', 'Benjamin Friedman Middle', 'public', 'Taunton', '05,06,07'),
  school('02930010', 'East Taunton Elementary', 'public', 'East Taunton', 'K,01,02,03,04'),
  school('02930525', 'Taunton Alternative High School', 'public', 'Taunton', '08,09,10,11,12'),
  school('03480503', 'Burncoat Senior High', 'public', 'Worcester', '09,10,11,12'),
  school('03480405', 'Burncoat Middle School', 'public', 'Worcester', '07,08'),
  school('03480020', 'Belmont Street Community', 'public', 'Worcester', 'PK,K,01,02,03,04,05,06'),
  school('03480350', 'Claremont Academy', 'public', 'Worcester', '07,08,09,10,11,12'),
  school('03480605', 'Worcester Technical High', 'vocational', 'Worcester', '09,10,11,12'),
  school('03480285', 'University Pk Campus School', 'public', 'Worcester', '07,08,09,10,11,12'),
  school('03480002', 'Head Start', 'public', 'Worcester', 'PK', 2019),
  school(
    '04450105',
    'Abby Kelley Foster Charter Public School',
    'charter',
    'Worcester',
    'K,01,02,03,04,05,06,07,08,09,10,11,12',
  ),
  school('08600605', 'Pathfinder Vocational Technical', 'vocational', 'Palmer', '09,10,11,12'),
];

/** A demo account: one per role, with a documented password (demo data only, never a real installation's). */
export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  password: string;
}

/** The demo accounts, one per role. README.md lists them. */
export const demoUsers: readonly DemoUser[] = [
  {
    email: 'admin@demo.ssos.example',
    displayName: 'Dana Admin',
    role: 'state_admin',
    scopeCode: '00000000',
    password: 'ssos-demo-admin',
  },
  {
    email: 'state@demo.ssos.example',
    displayName: 'Sam State',
    role: 'state_staff',
    scopeCode: '00000000',
    password: 'ssos-demo-state',
  },
  {
    email: 'coastal@demo.ssos.example',
    displayName: 'Riley Coastal',
    role: 'regional_staff',
    scopeCode: 'coastal',
    password: 'ssos-demo-region',
  },
  {
    email: 'district@demo.ssos.example',
    displayName: 'Drew District',
    role: 'district_leader',
    scopeCode: '00010000',
    password: 'ssos-demo-district',
  },
  {
    email: 'school@demo.ssos.example',
    displayName: 'Skyler School',
    role: 'school_leader',
    scopeCode: '00010505',
    password: 'ssos-demo-school',
  },
  {
    email: 'vendor@demo.ssos.example',
    displayName: 'Val Vendor',
    role: 'vendor',
    scopeCode: null,
    password: 'ssos-demo-vendor',
  },
];
