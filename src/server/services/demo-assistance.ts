import { randomBytes } from 'node:crypto';
import { demoUsers } from '../../core/demo/fixed-commonwealth.ts';
import type {
  EngagementType,
  FrameworkCode,
  PdContentArea,
  PdKind,
  TeamRole,
} from '../../core/assistance/vocabulary.ts';
import type { PracticeKey } from '../../core/plans/template.ts';
import type { PartnerStatus } from '../../core/assistance/partners.ts';
import { systemContext, type RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { findUserByEmail } from '../db/repositories/user-repository.ts';
import type { InstrumentBody, PriorityQueue } from '../api/assistance.ts';
import type { GrantProgramBody } from '../api/assistance-grants.ts';
import type { MemberBody, NetworkBody } from '../api/assistance-networks.ts';
import { addTeamMember, REQUIRING_ASSISTANCE } from './assistance-teams-service.ts';
import { priorityQueue } from './assistance-priority-service.ts';
import { logEngagement } from './assistance-engagements-service.ts';
import { createPartner } from './assistance-partners-service.ts';
import { createOffering, createSession, registerParticipant } from './assistance-pd-service.ts';
import { recordAttendance } from './assistance-pd-evaluations-service.ts';
import { allocateProgram, createGrantProgram, finalizeAllocation } from './assistance-grants-service.ts';
import { awardApplication, createApplication, submitApplication } from './assistance-grants-applications-service.ts';
import { addBudgetLine, addExpenditureReport } from './assistance-grants-spending-service.ts';
import { addMeeting, addMember, createNetwork } from './assistance-networks-service.ts';
import { createPairing, recognitionOverview } from './assistance-recognition-service.ts';
import {
  createCalibrationSession,
  createInstrument,
  recordCalibrationSheet,
  recordObservation,
} from './assistance-walkthroughs-service.ts';
import { latestOfficialRun } from './accountability-service.ts';
import { seedFrameworkLibrary } from './framework-service.ts';
import { createSelfAssessment, recordConsensus, transitionSelfAssessment } from './self-assessment-service.ts';
import { toAuthUser } from './auth-service.ts';
import { createUser } from './user-service.ts';

/**
 * The demo's assistance operations (docs/assistance.md): the two regional assistance teams (the demo's regional
 * account on the team of its region, Coastal in the default demo), engagements of the last months, a partner catalog,
 * professional development with one full session, and a completed self-assessment for the school first in that
 * region's priority queue so that partners are suggested for it; then a grant program for schools requiring
 * assistance with its allocation final for the current fiscal year, the top school's award budgeted and partly spent
 * and another school's application awaiting a decision; the Urban Superintendents Network and the region's principals'
 * network with members and meetings; a recognition pairing the DART comparability suggests; and a walkthrough
 * instrument with observations and a calibration session of three observers. Everything is written through the
 * services, acting as the demo administrator (or as the team member who observes), and placed by the data (the
 * priority queue decides who gets attention), so any seed and scale of the synthetic state works. Dates are relative
 * to `now`: engagements lie in the past, sessions in the future.
 */

/** The principal of the school first in the demo regional account's priority queue, as the demo names them. */
export const demoPrincipal = { name: 'Jordan Ellis', role: 'Principal' } as const;

/** A colleague on a regional team: a demo person with an account that nobody signs in with. */
interface Colleague {
  email: string;
  displayName: string;
  teamRole: TeamRole;
}

/** The team members besides the demo's regional account (the Coastal principal specialist), per region code. */
const colleagues: Record<string, readonly Colleague[]> = {
  coastal: [
    { email: 'morgan.whitaker@demo.ssos.example', displayName: 'Morgan Whitaker', teamRole: 'regional_director' },
    { email: 'priya.natarajan@demo.ssos.example', displayName: 'Priya Natarajan', teamRole: 'data_specialist' },
    { email: 'luis.ortega@demo.ssos.example', displayName: 'Luis Ortega', teamRole: 'literacy_specialist' },
  ],
  'west-central': [
    { email: 'elena.brooks@demo.ssos.example', displayName: 'Elena Brooks', teamRole: 'regional_director' },
    { email: 'tom.gallagher@demo.ssos.example', displayName: 'Tom Gallagher', teamRole: 'math_specialist' },
    { email: 'aisha.rahman@demo.ssos.example', displayName: 'Aisha Rahman', teamRole: 'career_technical_specialist' },
  ],
};

/** What an engagement of each type records in the demo: the work, what comes next, what it addressed. */
const engagementContent: Record<
  EngagementType,
  { notes: string; nextSteps: string; codes: FrameworkCode[]; participantRoles: string[] }
> = {
  data_session: {
    notes:
      'Reviewed the fall benchmark results and chronic absence by grade with the leadership team; grades 3 and 4 ' +
      'show the largest share of students below benchmark.',
    nextSteps: 'The team brings its list of students for tier 2 reading support to the next session.',
    codes: ['cse-5', 'cse-8'],
    participantRoles: ['Principal', 'Assistant principal', 'Reading specialist'],
  },
  learning_walkthrough: {
    notes:
      'Walked through six classrooms with the instructional leadership team, looking for student discourse and ' +
      'checks for understanding; discourse was strongest where teachers used structured partner talk.',
    nextSteps: 'The leadership team shares the walkthrough trends with staff and sets one instructional focus.',
    codes: ['cse-4', 'tp-2'],
    participantRoles: ['Principal', 'Instructional coach', 'Grade 4 team leader'],
  },
  coaching: {
    notes:
      "Coached the principal on running the leadership team's weekly meeting around the improvement plan's " +
      'benchmarks instead of operations.',
    nextSteps: 'Draft an agenda template tied to the plan benchmarks before the next meeting.',
    codes: ['cse-2', 'tp-1'],
    participantRoles: ['Principal'],
  },
  plc_facilitation: {
    notes:
      "Facilitated the grade 5 professional learning community's review of student writing against the common " +
      'rubric; the team agreed on two anchor papers per score point.',
    nextSteps: 'Teachers re-score a sample of essays with the anchors; the coach compiles the agreement.',
    codes: ['cse-7', 'tp-2'],
    participantRoles: ['Grade 5 teacher', 'Grade 5 teacher', 'Instructional coach'],
  },
  focus_group: {
    notes:
      'Held a focus group with eight students on belonging and safety; students named lunch and transitions as ' +
      'the times they feel least supervised.',
    nextSteps: 'Share the themes with the climate team and plan adult presence during transitions.',
    codes: ['cse-9', 'tp-4'],
    participantRoles: ['School adjustment counselor', 'Assistant principal'],
  },
  document_review: {
    notes:
      "Reviewed the draft improvement plan's section on student-specific supports: the intervention blocks are " +
      'scheduled, but entry and exit criteria are not yet written.',
    nextSteps: 'The team writes entry and exit criteria for each intervention group.',
    codes: ['cse-8', 'tp-3'],
    participantRoles: ['Principal', 'Special education team chair'],
  },
  training: {
    notes: 'Trained teacher leaders on the tiered intervention protocol and the progress-monitoring calendar.',
    nextSteps: 'Teacher leaders run the protocol with their grade-level teams within three weeks.',
    codes: ['cse-8', 'tp-3'],
    participantRoles: ['Teacher leader', 'Teacher leader', 'Interventionist'],
  },
};

// Names given to the people who take part in engagements and register for training (fictional).
const participantNames = [
  'Avery Santos',
  'Jamie Chen',
  'Casey Morgan',
  'Rowan Patel',
  'Taylor Brennan',
  'Quinn Okafor',
  'Hayden Silva',
  'Reese Kowalski',
  'Dakota Nguyen',
  'Emerson Doyle',
];

/** The partners of the demo catalog: fictional organizations serving the Conditions most often rated low. */
const partners: readonly {
  name: string;
  description: string;
  services: string[];
  frameworkCodes: FrameworkCode[];
  regionCodes: string[];
  status: PartnerStatus;
  approvedDaysAgo: number | null;
}[] = [
  {
    name: 'Bay State Literacy Partners',
    description: 'Coaches K-5 teachers and leaders through implementing high-quality literacy curricula.',
    services: ['Literacy coaching', 'Curriculum implementation support', 'Tier 2 reading intervention design'],
    frameworkCodes: ['cse-3', 'cse-4', 'cse-8'],
    regionCodes: ['coastal'],
    status: 'vetted',
    approvedDaysAgo: 420,
  },
  {
    name: 'Coastal Family Engagement Network',
    description: 'Helps schools build two-way communication with families, in the languages families speak.',
    services: ['Family liaison training', 'Family survey design', 'Home visit programs'],
    frameworkCodes: ['cse-10', 'tp-4'],
    regionCodes: ['coastal'],
    status: 'vetted',
    approvedDaysAgo: 300,
  },
  {
    name: 'Commonwealth Mathematics Coaching Collaborative',
    description: 'Former math coaches who support grade-level teams in planning and studying mathematics lessons.',
    services: ['Mathematics coaching', 'Lesson study', 'Common assessment design'],
    frameworkCodes: ['cse-4', 'cse-7', 'tp-2'],
    regionCodes: [],
    status: 'vetted',
    approvedDaysAgo: 610,
  },
  {
    name: 'Pioneer Valley Tiered Supports Institute',
    description: 'Designs tiered academic and behavioral support systems with school teams.',
    services: ['Tiered systems of support', 'Intervention scheduling', 'Progress monitoring'],
    frameworkCodes: ['cse-8', 'tp-3'],
    regionCodes: ['west-central'],
    status: 'vetted',
    approvedDaysAgo: 250,
  },
  {
    name: 'Whole Child Wellness Partners',
    description: 'Clinicians and educators who help schools meet students’ social, emotional and health needs.',
    services: ['Social-emotional learning', 'Behavioral health referral pathways', 'Staff training'],
    frameworkCodes: ['cse-9', 'tp-4'],
    regionCodes: [],
    status: 'vetted',
    approvedDaysAgo: 500,
  },
  {
    name: 'Leadership for Turnaround Fellows',
    description: 'A two-year fellowship that coaches principals and their leadership teams through turnaround.',
    services: ['Principal coaching', 'Leadership team facilitation', 'Staffing strategy'],
    frameworkCodes: ['cse-2', 'cse-6', 'tp-1'],
    regionCodes: [],
    status: 'vetted',
    approvedDaysAgo: 700,
  },
  {
    name: 'Evidence to Action Data Coaching',
    description: 'Coaches teams to use assessment and early-warning data in regular inquiry cycles.',
    services: ['Data team coaching', 'Assessment calendar design', 'Early-warning data routines'],
    frameworkCodes: ['cse-5', 'cse-7'],
    regionCodes: [],
    status: 'vetted',
    approvedDaysAgo: 380,
  },
  {
    name: 'Strategic School Resources Group',
    description: 'Analyzes school budgets and schedules so that resources follow the improvement plan.',
    services: ['Budget analysis', 'Schedule redesign'],
    frameworkCodes: ['cse-11', 'cse-1'],
    regionCodes: [],
    status: 'provisional',
    approvedDaysAgo: null,
  },
  {
    name: 'Harborside Tutoring Services',
    description: 'High-dosage tutoring in reading and mathematics; no longer taking new schools.',
    services: ['High-dosage tutoring'],
    frameworkCodes: ['cse-8'],
    regionCodes: ['coastal'],
    status: 'inactive',
    approvedDaysAgo: 1400,
  },
];

/** The professional development offerings: the five content areas, with sessions days from now. */
const offerings: readonly {
  title: string;
  kind: PdKind;
  contentArea: PdContentArea;
  description: string;
  sessions: {
    inDays: number;
    location: string;
    capacity: number;
    /** People who register; for a session held already, whether they attended. */
    registrants?: { name: string; role: string; attended?: boolean }[];
  }[];
}[] = [
  {
    title: 'Instructional Leadership Academy',
    kind: 'academy',
    contentArea: 'instructional_leadership',
    description: 'A year-long academy for principals and leadership teams on leading instructional improvement.',
    sessions: [
      { inDays: 21, location: 'Worcester, West/Central regional office', capacity: 30 },
      {
        inDays: 28,
        location: 'Plymouth, Coastal regional office',
        capacity: 30,
        registrants: [
          { name: 'Taylor Brennan', role: 'Principal' },
          { name: 'Quinn Okafor', role: 'Assistant principal' },
        ],
      },
    ],
  },
  {
    title: 'Sheltered Content Instruction for English Learners',
    kind: 'course',
    contentArea: 'sheltered_content_el',
    description: 'Strategies that make grade-level content accessible to English learners in every classroom.',
    sessions: [{ inDays: 14, location: 'Online', capacity: 40 }],
  },
  {
    title: 'Inclusive Practice Institute',
    kind: 'institute',
    contentArea: 'inclusive_practice',
    description: 'Universal design for learning and co-teaching for students with disabilities in general education.',
    sessions: [
      // Held three weeks ago: its attendance is recorded.
      {
        inDays: -21,
        location: 'Plymouth, Coastal regional office',
        capacity: 25,
        registrants: [
          { name: 'Avery Santos', role: 'Special education teacher', attended: true },
          { name: 'Rowan Patel', role: 'Instructional coach', attended: true },
          { name: 'Hayden Silva', role: 'Grade 3 teacher', attended: false },
        ],
      },
      { inDays: 35, location: 'Marlborough', capacity: 60 },
    ],
  },
  {
    title: 'Mathematics Coaching Webinar Series',
    kind: 'webinar',
    contentArea: 'mathematics',
    description: 'Monthly webinars for math coaches and teacher leaders on high-quality mathematics instruction.',
    sessions: [{ inDays: 10, location: 'Online', capacity: 100 }],
  },
  {
    title: 'Foundational Literacy Skills, Kindergarten to Grade 3',
    kind: 'course',
    contentArea: 'literacy',
    description: 'Phonemic awareness, phonics and fluency instruction, and screening students who need more support.',
    sessions: [
      // A small, full session: the next registration goes on the waitlist.
      {
        inDays: 16,
        location: 'Plymouth, Coastal regional office',
        capacity: 2,
        registrants: [
          { name: 'Casey Morgan', role: 'Literacy coach' },
          { name: 'Jamie Chen', role: 'Grade 2 teacher' },
        ],
      },
      { inDays: 44, location: 'Worcester, West/Central regional office', capacity: 25 },
    ],
  },
  {
    title: 'Statewide System of Support Conference',
    kind: 'conference',
    contentArea: 'instructional_leadership',
    description: 'The yearly conference of district and school leaders working on sustainable improvement.',
    sessions: [{ inDays: 60, location: 'Boston', capacity: 300 }],
  },
];

/** What the demo loaded, for the progress line. */
export interface DemoAssistanceSummary {
  teamMembers: number;
  engagements: number;
  partners: number;
  sessions: number;
  registrations: number;
  selfAssessments: number;
  grantPrograms: number;
  grantApplications: number;
  grantAwards: number;
  budgetLines: number;
  expenditureReports: number;
  networks: number;
  networkMembers: number;
  networkMeetings: number;
  pairings: number;
  instruments: number;
  observations: number;
  calibrationSheets: number;
}

const DAY_MS = 86_400_000;
const dayOffset = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** The ending year of the school year a date falls in (a school year starts on July 1). */
function schoolYearEnding(now: Date): number {
  return now.getUTCMonth() >= 6 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

/**
 * Loads the demo's assistance operations; does nothing when a team exists already (the demo is loaded once into a
 * database). Needs the demo accounts, and uses the latest accountability and early-warning runs when there are.
 */
export async function loadDemoAssistance(db: Db, now = new Date()): Promise<DemoAssistanceSummary> {
  const summary: DemoAssistanceSummary = {
    teamMembers: 0,
    engagements: 0,
    partners: 0,
    sessions: 0,
    registrations: 0,
    selfAssessments: 0,
    grantPrograms: 0,
    grantApplications: 0,
    grantAwards: 0,
    budgetLines: 0,
    expenditureReports: 0,
    networks: 0,
    networkMembers: 0,
    networkMeetings: 0,
    pairings: 0,
    instruments: 0,
    observations: 0,
    calibrationSheets: 0,
  };
  const existing = await db.kysely.selectFrom('assistance_staff').select('id').limit(1).executeTakeFirst();
  if (existing) return summary;
  const ctx = await demoAdminContext(db, now);

  const queues: PriorityQueue[] = [];
  for (const regionCode of Object.keys(colleagues)) {
    const region = await db.kysely
      .selectFrom('organizations')
      .select('code')
      .where('code', '=', regionCode)
      .where('level', '=', 'region')
      .executeTakeFirst();
    if (region) queues.push(await priorityQueue(ctx, regionCode, { level: 'all' }));
  }
  // The region of the demo's regional account (Coastal in the default demo): the school first in its queue is the one
  // whose principal the demo names and whose self-assessment gives the needs; its other schools register for training.
  const regionalEmail = demoUsers.find((u) => u.role === 'regional_staff')?.email ?? '';
  const home = (await findUserByEmail(db.kysely, regionalEmail))?.scope.orgCode;
  const focus = queues.find((q) => q.region.code === home) ?? queues[0];
  const topSchool = focus?.items.find((e) => e.org.level === 'school');
  for (const queue of queues) {
    const staff = await loadTeam(ctx, queue, summary);
    await loadEngagements(ctx, queue, staff, topSchool?.org.code, summary);
  }

  for (const p of partners) {
    await createPartner(ctx, {
      name: p.name,
      description: p.description,
      services: p.services,
      frameworkCodes: p.frameworkCodes,
      regionCodes: p.regionCodes,
      status: p.status,
      approvedOn: p.approvedDaysAgo === null ? null : dayOffset(now, -p.approvedDaysAgo),
      website: null,
    });
    summary.partners += 1;
  }

  if (topSchool) await loadSelfAssessment(ctx, topSchool.org.code, summary);
  const otherSchools = (focus?.items ?? []).filter((e) => e.org.level === 'school' && e !== topSchool);
  await loadProfessionalDevelopment(ctx, otherSchools, summary);

  // The grant's applicants: schools requiring assistance in queue order, the demo region's first.
  const requiringSchools = [...(focus ? [focus] : []), ...queues.filter((q) => q !== focus)].flatMap((q) =>
    q.items.filter((e) => e.org.level === 'school' && e.requiringAssistance),
  );
  await loadGrants(ctx, requiringSchools, summary);
  if (focus) await loadNetworks(ctx, focus, summary);
  await loadPairing(ctx, focus?.region.code, summary);
  if (focus && topSchool) await loadWalkthroughs(ctx, focus.region.code, topSchool.org.code, summary);
  return summary;
}

/** A context acting as the demo's state administrator (the services check who acts and audit it). */
async function demoAdminContext(db: Db, now: Date): Promise<RequestContext> {
  const email = demoUsers.find((u) => u.role === 'state_admin')!.email;
  const admin = await findUserByEmail(db.kysely, email);
  if (!admin) throw new Error(`the demo accounts are not loaded: there is no ${email}`);
  return { ...systemContext(db, now), user: toAuthUser(admin) };
}

/**
 * The team of a region: the demo's regional account (when it works there) as principal specialist, a director and
 * specialists. The director holds the two districts first in the priority queue; the specialists share all the
 * region's districts in priority order, so the districts that need help most are on the demo account's caseload.
 * Returns the ids of the team members by the district codes on their caseloads (the director for any other).
 */
async function loadTeam(
  ctx: RequestContext,
  queue: PriorityQueue,
  summary: DemoAssistanceSummary,
): Promise<{ byDistrict: Map<string, number>; director: number }> {
  const region = queue.region.code;
  const districts = [
    ...new Set(queue.items.map((e) => (e.org.level === 'district' ? e.org.code : (e.district?.code ?? '')))),
  ].filter((c) => c !== '');
  // The demo's regional account joins the team of the region it works in (the synthetic state places it).
  const regionalEmail = demoUsers.find((u) => u.role === 'regional_staff')?.email;
  const regional = regionalEmail !== undefined ? await findUserByEmail(ctx.db.kysely, regionalEmail) : undefined;
  const members: { userId: number; teamRole: TeamRole }[] = [
    ...(regional !== undefined && regional.scope.orgCode === region
      ? [{ userId: regional.id, teamRole: 'principal_specialist' as const }]
      : []),
  ];
  for (const c of colleagues[region]!)
    members.push({ userId: await colleagueAccount(ctx, c, region), teamRole: c.teamRole });
  const specialists = members.filter((m) => m.teamRole !== 'regional_director');
  const byDistrict = new Map<string, number>();
  let director = 0;
  for (const m of members) {
    const index = specialists.indexOf(m);
    const districtCodes =
      m.teamRole === 'regional_director'
        ? districts.slice(0, 2)
        : districts.filter((_, i) => i % specialists.length === index);
    const staff = await addTeamMember(ctx, {
      userId: m.userId,
      regionCode: region,
      teamRole: m.teamRole,
      districtCodes,
    });
    summary.teamMembers += 1;
    if (m.teamRole === 'regional_director') director = staff.id;
    else for (const code of districtCodes) byDistrict.set(code, staff.id);
  }
  return { byDistrict, director };
}

/** The account of a demo colleague, with a random password: they appear on the team, nobody signs in as them. */
async function colleagueAccount(ctx: RequestContext, c: { email: string; displayName: string }, region: string) {
  const found = await findUserByEmail(ctx.db.kysely, c.email);
  if (found) return found.id;
  const user = await createUser(ctx, {
    email: c.email,
    displayName: c.displayName,
    role: 'regional_staff',
    scopeCode: region,
    password: randomBytes(24).toString('base64url'),
  });
  return user.id;
}

/**
 * Engagements of the last months. Organizations requiring assistance get the most: the first school in the queue
 * has its last engagement just over the alert days ago (so the queue shows the alert), the next ones recent
 * engagements, one none at all (that alert too); districts requiring assistance had a session with their leaders;
 * each specialist has met one school of their caseload that does not require assistance. `principalOf` names the principal of one school.
 */
async function loadEngagements(
  ctx: RequestContext,
  queue: PriorityQueue,
  staff: { byDistrict: Map<string, number>; director: number },
  principalOf: string | undefined,
  summary: DemoAssistanceSummary,
) {
  const alertDays = queue.settings.alertDays;
  // Days ago and type for each school requiring assistance, by its place in the queue.
  const schoolPlans: { daysAgo: number; type: EngagementType }[][] = [
    [
      { daysAgo: alertDays + 35, type: 'data_session' },
      { daysAgo: alertDays + 8, type: 'learning_walkthrough' },
    ],
    [
      { daysAgo: 40, type: 'document_review' },
      { daysAgo: 12, type: 'coaching' },
    ],
    [{ daysAgo: 26, type: 'plc_facilitation' }],
    [{ daysAgo: alertDays + 20, type: 'focus_group' }],
    [],
    [{ daysAgo: 5, type: 'training' }],
  ];
  type Entry = PriorityQueue['items'][number];
  const work: { entry: Entry; daysAgo: number; type: EngagementType }[] = [];
  const requiring = queue.items.filter((e) => e.requiringAssistance);
  requiring
    .filter((e) => e.org.level === 'school')
    .forEach((entry, i) => {
      for (const p of schoolPlans[i % schoolPlans.length]!) work.push({ entry, ...p });
    });
  for (const entry of requiring.filter((e) => e.org.level === 'district'))
    work.push({ entry, daysAgo: 30, type: 'data_session' });
  // One data session on each specialist's caseload, at the first school there not requiring assistance.
  const served = new Set<number>();
  for (const entry of queue.items.filter((e) => !e.requiringAssistance && e.org.level === 'school')) {
    const lead = staff.byDistrict.get(entry.district?.code ?? '');
    if (lead === undefined || served.has(lead)) continue;
    served.add(lead);
    work.push({ entry, daysAgo: 18 + 11 * (served.size - 1), type: 'data_session' });
  }

  let person = 0;
  for (const { entry, daysAgo, type } of work) {
    const districtCode = entry.org.level === 'district' ? entry.org.code : entry.district?.code;
    const lead = (districtCode !== undefined ? staff.byDistrict.get(districtCode) : undefined) ?? staff.director;
    if (lead === 0) continue;
    const content = engagementContent[type];
    const roles =
      entry.org.level === 'district' ? ['Superintendent', 'Assistant superintendent'] : content.participantRoles;
    await logEngagement(ctx, {
      orgCode: entry.org.code,
      type,
      occurredOn: dayOffset(ctx.now, -daysAgo),
      staffIds: [lead],
      participants: roles.map((role) => ({
        name:
          role === demoPrincipal.role && entry.org.code === principalOf
            ? demoPrincipal.name
            : participantNames[person++ % participantNames.length]!,
        role,
      })),
      frameworkCodes: content.codes,
      notes: content.notes,
      nextSteps: content.nextSteps,
    });
    summary.engagements += 1;
  }
}

/**
 * A completed self-assessment on the Conditions for School Effectiveness for the school at the top of the queue:
 * its lowest ratings (tiered instruction, instruction, students' needs, families) are what partners are suggested
 * for. Skipped when the school has a school leader's account (the demo's school does its self-assessment itself).
 */
async function loadSelfAssessment(ctx: RequestContext, code: string, summary: DemoAssistanceSummary) {
  const leader = await ctx.db.kysely
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.scope_org_id')
    .select('u.id')
    .where('u.role', '=', 'school_leader')
    .where('o.code', '=', code)
    .executeTakeFirst();
  if (leader) return;
  // The framework library is seeded when the app starts; the demo loads before that.
  await seedFrameworkLibrary(ctx.db);
  const ending = schoolYearEnding(ctx.now);
  const assessment = await createSelfAssessment(ctx, code, {
    framework: 'CSE',
    period: `${ending - 1}-${String(ending % 100).padStart(2, '0')}`,
    members: [
      { name: demoPrincipal.name, roleText: demoPrincipal.role },
      { name: 'Avery Santos', roleText: 'Assistant principal' },
      { name: 'Rowan Patel', roleText: 'Instructional coach' },
      { name: 'Maria Costa', roleText: 'Parent' },
    ],
  });
  const ratings: Record<string, string> = {
    C4: 'developing',
    C8: 'little_evidence',
    C9: 'developing',
    C10: 'developing',
    C2: 'sustaining',
  };
  await recordConsensus(ctx, assessment.id, {
    ratings: assessment.items
      .filter((i) => i.kind === 'indicator')
      .map((i) => ({
        indicatorCode: i.code,
        level: ratings[i.code] ?? 'providing',
        notes: '',
      })),
  });
  await transitionSelfAssessment(ctx, assessment.id, 'complete');
  summary.selfAssessments += 1;
}

/**
 * The offerings and their sessions; people of other schools of the region register: two fill the small literacy session,
 * so that the next registration is waitlisted, two register for the leadership academy in the region, and three took
 * part in an institute session three weeks ago (attendance recorded).
 */
async function loadProfessionalDevelopment(
  ctx: RequestContext,
  schools: readonly PriorityQueue['items'][number][],
  summary: DemoAssistanceSummary,
) {
  let next = 0;
  for (const o of offerings) {
    const offering = await createOffering(ctx, {
      title: o.title,
      kind: o.kind,
      contentArea: o.contentArea,
      description: o.description,
    });
    for (const s of o.sessions) {
      const session = await createSession(ctx, offering.id, {
        startsOn: dayOffset(ctx.now, s.inDays),
        location: s.location,
        capacity: s.capacity,
      });
      summary.sessions += 1;
      const attendance: { registrationId: number; status: 'attended' | 'absent' }[] = [];
      for (const p of schools.length > 0 ? (s.registrants ?? []) : []) {
        const { registration } = await registerParticipant(ctx, session.id, {
          name: p.name,
          email: `${p.name.toLowerCase().replace(/ /g, '.')}@schools.example.org`,
          role: p.role,
          orgCode: schools[next++ % schools.length]!.org.code,
        });
        summary.registrations += 1;
        if (p.attended !== undefined)
          attendance.push({ registrationId: registration.id, status: p.attended ? 'attended' : 'absent' });
      }
      if (attendance.length > 0) await recordAttendance(ctx, session.id, { records: attendance });
    }
  }
}

/** A context acting at another moment (days from `ctx.now`): the services date what they record by it. */
const daysFrom = (ctx: RequestContext, days: number): RequestContext => ({
  ...ctx,
  now: new Date(ctx.now.getTime() + days * DAY_MS),
});

/**
 * The demo's grant program: federal school improvement funds for schools requiring assistance (the fund code is the
 * demo's own). $25,000 per school plus $150 per pupil, at least $60,000 and at most $125,000.
 */
export const demoGrantProgram: GrantProgramBody = {
  fundCode: 'SIG-1003',
  name: 'School Improvement Targeted Assistance',
  source: 'federal',
  recipientLevel: 'school',
  eligibility: { all: [{ field: 'requiringAssistance', op: 'eq', value: true }] },
  formula: { baseCents: 2_500_000, perPupilCents: 15_000, minCents: 6_000_000, maxCents: 12_500_000 },
};

/** The budget per eligible school: between the minimum and the maximum, so any number of schools can be funded. */
const BUDGET_PER_SCHOOL_CENTS = 10_000_000;

/**
 * The budget lines of the demo award, as shares of it (the last takes the rest), each with the Turnaround Practice
 * whose strategies it funds and the share of the line reported spent.
 */
const demoBudget: readonly {
  objectCode: string;
  description: string;
  percent: number | null;
  practice: PracticeKey;
  spentFraction: number;
}[] = [
  {
    objectCode: '5100',
    description: 'Instructional coaching in mathematics and literacy (contracted)',
    percent: 48,
    practice: 'instruction',
    spentFraction: 1 / 2,
  },
  {
    objectCode: '2200',
    description: 'Stipends for teacher leaders running the daily intervention block',
    percent: 32,
    practice: 'student_supports',
    spentFraction: 1 / 4,
  },
  {
    objectCode: '8100',
    description: 'Family engagement nights, with interpreters',
    percent: null,
    practice: 'climate_culture',
    spentFraction: 0,
  },
];

/**
 * The grant program with its allocation computed and made final for the current fiscal year (its budget $100,000 per
 * eligible school), then, among the schools requiring assistance that received a line: the first applies,
 * is awarded its whole line, budgets it (tied to the strategies of its latest improvement plan when it has one; the
 * demo has none) and reports a first period's spending; the second has applied and awaits the state's decision.
 */
async function loadGrants(
  ctx: RequestContext,
  requiringSchools: readonly PriorityQueue['items'][number][],
  summary: DemoAssistanceSummary,
) {
  const run = await latestOfficialRun(ctx.db);
  if (!run) return;
  const eligible = await ctx.db.kysely
    .selectFrom('accountability_results as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.run_id', '=', run.id)
    .where('r.classification', '=', REQUIRING_ASSISTANCE)
    .where('o.level', '=', demoGrantProgram.recipientLevel)
    .where('o.closed_year', 'is', null)
    .executeTakeFirstOrThrow();
  const schools = Number(eligible.n);
  if (schools === 0) return;
  const program = await createGrantProgram(ctx, demoGrantProgram);
  summary.grantPrograms += 1;
  const fiscalYear = schoolYearEnding(ctx.now);
  const draft = await allocateProgram(daysFrom(ctx, -120), program.id, {
    fiscalYear,
    budgetCents: schools * BUDGET_PER_SCHOOL_CENTS,
  });
  const allocation = await finalizeAllocation(daysFrom(ctx, -118), draft.id);
  const lineOf = new Map(allocation.lines.map((l) => [l.org.code, l.amountCents]));
  const [awarded, waiting] = requiringSchools.filter((e) => lineOf.has(e.org.code));

  if (awarded) {
    const lineCents = lineOf.get(awarded.org.code)!;
    const applied = await createApplication(daysFrom(ctx, -112), {
      programId: program.id,
      fiscalYear,
      orgCode: awarded.org.code,
      requestedCents: lineCents,
      narrative:
        'A mathematics and literacy coach for every grade-level team, stipends for the teacher leaders who run the ' +
        'daily intervention block, and family engagement nights, as the school’s self-assessment and improvement ' +
        'work call for.',
    });
    summary.grantApplications += 1;
    await submitApplication(daysFrom(ctx, -110), applied.id);
    const awardedOn = dayOffset(ctx.now, -100);
    let detail = await awardApplication(daysFrom(ctx, -100), applied.id, {
      amountCents: lineCents,
      awardedOn,
      note: 'Awarded in full: the budget follows the school’s priorities.',
    });
    summary.grantAwards += 1;
    const award = detail.award!;
    let budgeted = 0;
    for (const line of demoBudget) {
      const amountCents =
        line.percent === null ? award.amountCents - budgeted : Math.floor((award.amountCents * line.percent) / 100);
      budgeted += amountCents;
      // The latest plan whose block for the line's Practice has its strategies written (plans come latest first).
      const plan = detail.planOptions.find((p) =>
        p.practices.some((x) => x.key === line.practice && x.strategies.trim() !== ''),
      );
      detail = await addBudgetLine(daysFrom(ctx, -98), award.id, {
        objectCode: line.objectCode,
        description: line.description,
        amountCents,
        strategy: plan ? { kind: 'practice', planId: plan.id, practice: line.practice } : null,
      });
      summary.budgetLines += 1;
    }
    const amounts = demoBudget.flatMap((line) => {
      const budgetLine = detail.budgetLines.find((b) => b.objectCode === line.objectCode)!;
      const amountCents = Math.floor(budgetLine.amountCents * line.spentFraction);
      return amountCents > 0 ? [{ budgetLineId: budgetLine.id, amountCents }] : [];
    });
    await addExpenditureReport(daysFrom(ctx, -20), award.id, {
      periodStart: awardedOn,
      periodEnd: dayOffset(ctx.now, -25),
      notes: 'Coaching cycles began after the award; the stipends cover the intervention block’s first weeks.',
      amounts,
    });
    summary.expenditureReports += 1;
  }

  if (waiting) {
    const applied = await createApplication(daysFrom(ctx, -16), {
      programId: program.id,
      fiscalYear,
      orgCode: waiting.org.code,
      requestedCents: lineOf.get(waiting.org.code)!,
      narrative:
        'Release time and a coach for the grade-level teams to plan tiered instruction, and a family liaison ' +
        'for the families of English learners.',
    });
    await submitApplication(daysFrom(ctx, -14), applied.id);
    summary.grantApplications += 1;
  }
}

/** Fictional superintendents of the largest local (city and town) districts, in order of enrollment. */
const superintendentNames = ['Marisol Vega', 'Kenneth Osei', 'Linda Park', 'Robert Tanaka', 'Angela Murphy'];
/** Fictional principals of the region's schools after the first in its queue (whose principal the demo names). */
const principalNames = ['Grace Odum', 'Victor Almeida', 'Hannah Liu', 'Samuel Reyes'];

/** What the networks' meetings were (or will be) about: held ones days ago with their notes, the next ones ahead. */
const networkMeetings = {
  superintendents: [
    {
      days: -30,
      topic: 'Chronic absence: what the early-warning data show',
      agenda: 'Each district’s early-warning roster by grade; attendance teams that work; family outreach.',
      notes:
        'Three districts run weekly attendance team meetings on the early-warning roster; the network agreed to ' +
        'share their agendas and to compare chronic absence by grade in the spring.',
    },
    {
      days: 42,
      topic: 'Budgeting for turnaround: resources that follow the plan',
      agenda: 'Grant budgets tied to plan strategies; staffing the intervention block; what to stop funding.',
      notes: '',
    },
  ],
  principals: [
    {
      days: -20,
      topic: 'Scheduling a daily intervention block',
      agenda: 'Sample master schedules; entry and exit criteria for intervention groups; staffing the block.',
      notes:
        'Principals compared master schedules; two schools will protect a 30-minute block in every grade next ' +
        'term. The principal specialist shares entry and exit criteria templates.',
    },
    {
      days: 25,
      topic: 'Learning walkthroughs: calibrating what we look for',
      agenda: 'The regional walkthrough instrument; rating a recorded lesson together; comparing ratings.',
      notes: '',
    },
  ],
} as const;

/**
 * The Urban Superintendents Network (statewide: the superintendents of the largest local districts) and the principals'
 * network of the demo region (the principals of the five schools first in its priority queue, with the demo's
 * regional account facilitating), each with a meeting held (attendance recorded) and the next one ahead.
 */
async function loadNetworks(ctx: RequestContext, focus: PriorityQueue, summary: DemoAssistanceSummary) {
  const k = ctx.db.kysely;
  const latest = await k
    .selectFrom('indicator_values')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('indicator_code', '=', 'enrollment_total')
    .executeTakeFirst();
  const largest =
    latest?.year === undefined || latest.year === null
      ? []
      : await k
          .selectFrom('indicator_values as v')
          .innerJoin('organizations as o', 'o.id', 'v.org_id')
          .select(['o.code'])
          .where('v.indicator_code', '=', 'enrollment_total')
          .where('v.student_group', '=', 'all')
          .where('v.school_year', '=', Number(latest.year))
          .where('o.level', '=', 'district')
          .where('o.type', '=', 'local')
          .where('o.closed_year', 'is', null)
          .orderBy('v.value', 'desc')
          .orderBy('o.code')
          .limit(superintendentNames.length)
          .execute();
  const networks: {
    body: NetworkBody;
    members: MemberBody[];
    meetings: (typeof networkMeetings)[keyof typeof networkMeetings];
  }[] = [];
  if (largest.length > 0)
    networks.push({
      body: {
        name: 'Urban Superintendents Network',
        kind: 'superintendents',
        description:
          'The superintendents of the largest districts meet every six weeks to work on common problems of ' +
          'improvement, with the agency’s Statewide System of Support.',
        regionCode: null,
        active: true,
      },
      members: largest.map((d, i) => ({
        name: superintendentNames[i]!,
        email: null,
        orgCode: d.code,
        role: 'Superintendent',
        active: true,
      })),
      meetings: networkMeetings.superintendents,
    });
  const schools = focus.items.filter((e) => e.org.level === 'school').slice(0, principalNames.length + 1);
  if (schools.length > 0) {
    const regionalEmail = demoUsers.find((u) => u.role === 'regional_staff')?.email ?? '';
    const regional = await findUserByEmail(k, regionalEmail);
    const facilitator: MemberBody[] =
      regional && regional.scope.orgCode === focus.region.code
        ? [
            {
              userId: regional.id,
              orgCode: focus.region.code,
              role: 'Facilitator (principal specialist)',
              active: true,
            },
          ]
        : [];
    networks.push({
      body: {
        name: `${focus.region.name.replace(/ Regional Assistance Team$/, '')} Principals Network`,
        kind: 'principals',
        description:
          'Principals of the schools the regional assistance team works with most share what works in their ' +
          'improvement plans, facilitated by the team.',
        regionCode: focus.region.code,
        active: true,
      },
      members: [
        ...facilitator,
        ...schools.map((e, i) => ({
          name: i === 0 ? demoPrincipal.name : principalNames[i - 1]!,
          email: null,
          orgCode: e.org.code,
          role: demoPrincipal.role,
          active: true,
        })),
      ],
      meetings: networkMeetings.principals,
    });
  }

  for (const n of networks) {
    let network = await createNetwork(daysFrom(ctx, -90), n.body);
    summary.networks += 1;
    for (const m of n.members) {
      network = await addMember(daysFrom(ctx, -90), network.id, m);
      summary.networkMembers += 1;
    }
    // Everyone attended the meeting held but the last member (members are listed by name).
    const attended = network.members.slice(0, -1).map((m) => m.id);
    for (const meeting of n.meetings) {
      const held = meeting.days <= 0;
      await addMeeting(daysFrom(ctx, held ? meeting.days + 1 : -1), network.id, {
        heldOn: dayOffset(ctx.now, meeting.days),
        topic: meeting.topic,
        agenda: meeting.agenda,
        notes: meeting.notes,
        attendedMemberIds: held ? attended : [],
      });
      summary.networkMeetings += 1;
    }
  }
}

/**
 * A pairing the recognition service suggests: the school requiring assistance nearest (by the DART's comparability)
 * to a demonstration site, in the demo region when one is suggested there, recorded as active six weeks ago.
 */
async function loadPairing(ctx: RequestContext, regionCode: string | undefined, summary: DemoAssistanceSummary) {
  const overview = await recognitionOverview(ctx, { limit: 5 });
  const suggested = overview.items.flatMap((site) => site.suggestions.map((partner) => ({ site, partner })));
  const nearest = (list: typeof suggested) =>
    list.reduce<(typeof suggested)[number] | undefined>(
      (best, x) => (best === undefined || x.partner.distance < best.partner.distance ? x : best),
      undefined,
    );
  const chosen = nearest(suggested.filter((x) => x.partner.region?.code === regionCode)) ?? nearest(suggested);
  if (!chosen) return;
  await createPairing(daysFrom(ctx, -45), {
    demonstrationCode: chosen.site.org.code,
    partnerCode: chosen.partner.org.code,
    pairedOn: dayOffset(ctx.now, -45),
    focus: 'Structured student discourse in mathematics: the partner’s leadership team visits classrooms each term.',
    status: 'active',
    notes: `Suggested by the DART comparability: ${chosen.partner.distance.toFixed(2)} standard deviations apart on average.`,
  });
  summary.pairings += 1;
}

/** The demo's walkthrough instrument: what the regional teams look for in a lesson, each item on a 4-point scale. */
export const demoInstrument: InstrumentBody = {
  name: 'Learning walkthrough: instruction',
  description:
    'What the regional assistance teams look for in a classroom during a learning walkthrough, rated on what was ' +
    'seen in the lesson.',
  items: [
    {
      prompt: 'The lesson’s objective is clear to students and tied to grade-level standards.',
      frameworkCodes: ['cse-3', 'cse-4'],
    },
    {
      prompt: 'Students talk about their thinking with one another, using academic language.',
      frameworkCodes: ['cse-4', 'tp-2'],
    },
    {
      prompt: 'The teacher checks for understanding during the lesson and adjusts instruction.',
      frameworkCodes: ['cse-4', 'cse-5'],
    },
    {
      prompt: 'Tasks are differentiated so that every student can reach the objective.',
      frameworkCodes: ['cse-8', 'tp-3'],
    },
    {
      prompt: 'Routines and expectations let students spend the lesson learning.',
      frameworkCodes: ['cse-9', 'tp-4'],
    },
  ].map((item) => ({
    ...item,
    frameworkCodes: item.frameworkCodes as FrameworkCode[],
    // The builder's 4-point scale (walkthroughs-page.tsx), so the instrument reads like one built on the page.
    scale: [
      { value: 1, label: 'Not evident' },
      { value: 2, label: 'Somewhat evident' },
      { value: 3, label: 'Evident' },
      { value: 4, label: 'Very evident' },
    ],
  })),
};

/**
 * The ratings of the calibration session, per observer (the first three of the team), item by item: alike on items
 * 1 and 3, two of three alike on the others. Fleiss' kappa over the five lesson x item subjects: P-bar 3/5, chance
 * agreement 71/225, kappa 32/77 = 0.416 (worked in test/api/demo-assistance.test.ts).
 */
export const demoCalibrationRatings: readonly (readonly number[])[] = [
  [3, 2, 4, 2, 1],
  [3, 2, 4, 3, 2],
  [3, 3, 4, 3, 2],
];

/** Observations the team recorded at the top school: days ago, the lesson, the ratings item by item. */
const demoObservations: readonly { daysAgo: number; lesson: string; ratings: number[]; notes: string }[] = [
  {
    daysAgo: 40,
    lesson: 'Mathematics lesson',
    ratings: [3, 2, 3, 2, 3],
    notes: 'Partner talk was set up but most pairs worked silently; exit tickets were collected.',
  },
  {
    daysAgo: 26,
    lesson: 'English language arts lesson',
    ratings: [4, 3, 3, 2, 4],
    notes: 'Strong routines; every group read the same text with no adjusted support.',
  },
  {
    daysAgo: 9,
    lesson: 'Science lesson',
    ratings: [2, 2, 1, 1, 3],
    notes: 'The objective was not posted or stated; the teacher lectured for most of the lesson.',
  },
];

/**
 * The walkthrough instrument, observations at the top school by the region's team (each recorded by the team member
 * who observed), and a calibration session two weeks ago where three of them rated the same lesson.
 */
async function loadWalkthroughs(
  ctx: RequestContext,
  regionCode: string,
  schoolCode: string,
  summary: DemoAssistanceSummary,
) {
  const instrument = await createInstrument(daysFrom(ctx, -60), demoInstrument);
  summary.instruments += 1;
  const regionalEmail = demoUsers.find((u) => u.role === 'regional_staff')?.email ?? '';
  const emails = [regionalEmail, ...(colleagues[regionCode] ?? []).map((c) => c.email)];
  const observers: RequestContext[] = [];
  for (const email of emails) {
    const user = await findUserByEmail(ctx.db.kysely, email);
    if (user && user.role === 'regional_staff' && user.scope.orgCode === regionCode)
      observers.push({ ...ctx, user: toAuthUser(user) });
  }
  if (observers.length < demoCalibrationRatings.length) return;
  const items = instrument.items;
  const ratingsOf = (values: readonly number[]) => items.map((item, i) => ({ itemId: item.id, value: values[i]! }));
  for (const [i, o] of demoObservations.entries()) {
    await recordObservation(daysFrom(observers[i % observers.length]!, -o.daysAgo), {
      instrumentId: instrument.id,
      orgCode: schoolCode,
      observedOn: dayOffset(ctx.now, -o.daysAgo),
      lesson: o.lesson,
      notes: o.notes,
      ratings: ratingsOf(o.ratings),
    });
    summary.observations += 1;
  }
  const lead = daysFrom(observers[0]!, -14);
  const session = await createCalibrationSession(lead, {
    instrumentId: instrument.id,
    regionCode,
    schoolCode,
    heldOn: dayOffset(ctx.now, -14),
    title: 'Team calibration on a mathematics lesson',
  });
  for (const [i, values] of demoCalibrationRatings.entries()) {
    await recordCalibrationSheet(lead, session.id, {
      observer: observers[i]!.user!.displayName,
      lesson: 'Mathematics lesson',
      ratings: ratingsOf(values),
    });
    summary.calibrationSheets += 1;
  }
}
