import { randomBytes } from 'node:crypto';
import { demoUsers } from '../../core/demo/fixed-commonwealth.ts';
import type {
  EngagementType,
  FrameworkCode,
  PdContentArea,
  PdKind,
  TeamRole,
} from '../../core/assistance/vocabulary.ts';
import type { PartnerStatus } from '../../core/assistance/partners.ts';
import { systemContext, type RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { findUserByEmail } from '../db/repositories/user-repository.ts';
import type { PriorityQueue } from '../api/assistance.ts';
import { addTeamMember } from './assistance-teams-service.ts';
import { priorityQueue } from './assistance-priority-service.ts';
import { logEngagement } from './assistance-engagements-service.ts';
import { createPartner } from './assistance-partners-service.ts';
import { createOffering, createSession, registerParticipant } from './assistance-pd-service.ts';
import { recordAttendance } from './assistance-pd-evaluations-service.ts';
import { seedFrameworkLibrary } from './framework-service.ts';
import { createSelfAssessment, recordConsensus, transitionSelfAssessment } from './self-assessment-service.ts';
import { toAuthUser } from './auth-service.ts';
import { createUser } from './user-service.ts';

/**
 * The demo's assistance operations (docs/assistance.md): the two regional assistance teams (the demo's regional
 * account on the team of its region, Coastal in the default demo), engagements of the last months, a partner catalog,
 * professional development with one full session, and a completed self-assessment for the school first in that
 * region's priority queue so that partners are suggested for it. Everything is written through the services, acting
 * as the demo administrator, and placed by the data (the priority queue decides who gets attention), so any seed and
 * scale of the synthetic state works. Dates are relative to `now`: engagements lie in the past, sessions in the future.
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
