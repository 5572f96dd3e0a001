// The improvement-plan journey: the demo school leader starts a turnaround plan for their school, writes its sections,
// adds a SMART goal linked to chronic absenteeism (refused first for a target that does not improve, the server's
// message beside the field), a benchmark and an action step, and submits it; the regional staff member of the
// school's region (`coastal`) finds it awaiting review and returns it with a coaching comment; the school reads the
// comment, revises the plan and resubmits it; the regional staff approve it (a stale second tab that then tries to
// return it is shown the server's 409); the dashboard shows the goal's status with the numbers the API computes.
// The platform runs as `ssos serve --demo`; axe checks every page reached and each page is kept as a screenshot.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUsers } from '../../src/core/demo/fixed-commonwealth.ts';
import type { Role } from '../../src/core/access/roles.ts';
import type { CurrentUser } from '../../src/server/api/auth.ts';
import type { PlanDashboard } from '../../src/web/api/plans.ts';
import { goalStatusLabels } from '../../src/web/components/plan-format.tsx';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { startPlatform, type RunningPlatform } from './support/server.ts';
import { useBrowser } from './support/session.ts';

let platform: RunningPlatform | undefined;
// A platform already running `ssos serve --demo` on a fresh database may be named instead (for a machine so loaded
// that the demo takes longer to load than the support's start timeout); by default the test starts its own.
const runningUrl = process.env.SSOS_E2E_PLATFORM_URL?.replace(/\/$/, '');

beforeAll(async () => {
  if (runningUrl === undefined) platform = await startPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

function baseUrl(): string {
  if (runningUrl !== undefined) return runningUrl;
  if (platform === undefined) throw new Error('the platform did not start');
  return platform.url;
}

function demoAccount(role: Role) {
  const user = demoUsers.find((u) => u.role === role);
  if (user === undefined) throw new Error(`no demo account has the role ${role}`);
  return user;
}

/** Waits until the page's one h1 says `text`, and checks there is exactly one h1. */
async function expectPageHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** Signs out (drops the cookies), signs in through the form and waits until the header shows the account's name. */
async function signInAs(page: Page, url: (path: string) => string, role: Role): Promise<CurrentUser> {
  const account = demoAccount(role);
  await page.context().clearCookies();
  await page.goto(url('/sign-in'));
  await expectPageHeading(page, 'Sign in');
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('banner').getByText(account.displayName, { exact: true }).waitFor();
  const session = await page.request.get(url('/api/session'));
  return ((await session.json()) as { user: CurrentUser }).user;
}

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

const coaching = {
  strength: 'The attendance data analysis is thorough and names the grades where absence is highest.',
  improvement: 'Name who follows up with each chronically absent student, and when.',
  guidingQuestions: 'How will families be contacted after the third absence?',
  expectedOutcomes: 'Fewer students absent 10% or more of their days by January.',
  nextSteps: 'An attendance follow-up protocol in the revised plan.',
};

describe('an improvement plan from draft to approval', () => {
  const browser = useBrowser(baseUrl);

  test('the school writes and submits a plan, the region returns it with coaching, it is resubmitted and approved', async () => {
    const { page } = browser;
    const url = browser.url;

    // --- The school team starts a plan from its school's page. ---
    const leader = await signInAs(page, url, 'school_leader');
    const school = { code: leader.scope.orgCode!, name: leader.scope.orgName! };
    await page.goto(url(`/orgs/${school.code}`));
    await expectPageHeading(page, school.name);
    await page.getByRole('link', { name: 'Improvement plans', exact: true }).click();
    await expectPageHeading(page, `${school.name}: improvement plans`);
    await page.getByText('There are no plans yet.').waitFor();
    await record(page, 'plans-org-empty', 'the plans of a school, none yet');

    await page.getByLabel('Kind of plan').selectOption('turnaround');
    const title = `${school.name} turnaround plan`;
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    await page.getByLabel('First school year').selectOption('2026');
    await page.getByLabel('Last school year').selectOption('2028');
    await page.getByRole('button', { name: 'Start the plan' }).click();
    await expectPageHeading(page, title);
    const planUrl = page.url();
    expect(planUrl).toMatch(/\/plans\/\d+$/);
    const planId = Number(planUrl.split('/').at(-1));
    await page.getByText('The plan is a draft. Write the sections').waitFor();
    await record(page, 'plan-draft-new', 'a new draft plan');

    // --- The template sections. ---
    await page.getByLabel('Executive summary').fill('Attendance first: students who are in school can be taught.');
    await page
      .getByLabel('Data analysis and challenges (Practice 4)')
      .fill('Chronic absence has stayed above 25% for five years, well above the state rate.');
    await page
      .getByLabel('Strategies and rationale (Practice 4)')
      .fill('An attendance team that meets weekly and reviews every student absent 10% or more.');
    await page.getByLabel('Financial plan').fill('Title I funds one attendance liaison (1.0 FTE).');
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('Member 1: name').fill('Maria Costa');
    await page.getByLabel('Member 1: role').fill('Parent');
    await page.getByRole('button', { name: 'Save the sections' }).click();
    await page.getByText('The sections are saved.').waitFor();

    // --- A SMART goal linked to chronic absenteeism: refused first, the message beside the field. ---
    const goalForm = page.getByRole('form', { name: 'Add a SMART goal' });
    const statement = 'Reduce chronic absence by 2 points a year to reach the target by 2027-28';
    await goalForm.getByLabel('Goal statement').fill(statement);
    await goalForm.getByLabel('Turnaround Practice (optional)').selectOption('climate_culture');
    await goalForm.getByLabel('Indicator', { exact: true }).selectOption('chronic_absence_pct');
    await goalForm.getByLabel('Student group').selectOption('all');
    await goalForm.getByLabel('Baseline school year').selectOption('2025');
    await goalForm.getByLabel('Target value').fill('40');
    await goalForm.getByLabel('Target school year').selectOption('2028');
    await goalForm.getByLabel('Owner', { exact: true }).fill('Assistant principal for student support');
    await goalForm.getByRole('button', { name: 'Add the goal' }).click();
    const targetError = goalForm.locator('.usa-form-group--error', { has: page.getByLabel('Target value') });
    await targetError.locator('.usa-error-message', { hasText: /lower is better/ }).waitFor();
    expect(await goalForm.getByLabel('Target value').getAttribute('aria-invalid')).toBe('true');
    await record(page, 'plan-goal-refused', 'a goal refused, the message beside its field');
    // The baseline is left empty: the server takes the value reported for 2024-25.
    const dart = (await (await page.request.get(url(`/api/orgs/${school.code}/dart`))).json()) as {
      sections: { indicators: { code: string; series: { year: number; value: number | null }[] }[] }[];
    };
    const absence = dart.sections.flatMap((s) => s.indicators).find((i) => i.code === 'chronic_absence_pct')!;
    const baseline = absence.series.find((p) => p.year === 2025)!.value!;
    const target = Math.round((baseline - 6) * 10) / 10;
    await goalForm.getByLabel('Target value').fill(String(target));
    await goalForm.getByRole('button', { name: 'Add the goal' }).click();
    await page.getByText('The goal is added.').waitFor();
    const goals = page.getByRole('region', { name: 'SMART goals' });
    await goals.getByText(statement, { exact: true }).waitFor();
    await goals.getByText(`${String(baseline).replace(/\.0$/, '')}% in 2024-25`).waitFor();

    // --- An interim benchmark and an action step. ---
    const benchmarkForm = page.getByRole('form', { name: 'Add an interim benchmark' });
    await benchmarkForm
      .getByLabel('Benchmark', { exact: true })
      .fill('Chronic absence in the first half-year below 24%');
    await benchmarkForm.getByLabel('Measure', { exact: true }).fill('SIS attendance report, January');
    await benchmarkForm.getByLabel('Due date').fill('2027-01-31');
    await benchmarkForm.getByLabel('Goal (optional)').selectOption({ index: 1 });
    await benchmarkForm.getByRole('button', { name: 'Add the benchmark' }).click();
    await page.getByText('The benchmark is added.').waitFor();
    const stepForm = page.getByRole('form', { name: 'Add an action step' });
    await stepForm.getByLabel('Action step', { exact: true }).fill('Start an attendance team that meets weekly');
    await stepForm.getByLabel('Owner', { exact: true }).fill('Assistant principal');
    await stepForm.getByLabel('Due date').fill('2026-12-15');
    await stepForm.getByRole('button', { name: 'Add the action step' }).click();
    await page.getByText('The action step is added.').waitFor();
    await record(page, 'plan-draft-written', 'a draft plan with sections, a goal, a benchmark and an action step');

    // --- Submit: the plan can no longer be edited or submitted again. ---
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('The plan is submitted for review.').waitFor();
    await page.getByText('The plan is submitted and under review').waitFor();
    expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the sections' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add a SMART goal' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Return with comments' }).count()).toBe(0);
    await record(page, 'plan-submitted-team', 'a submitted plan, as its team sees it');

    // --- The regional staff member finds it awaiting review and returns it with a coaching comment. ---
    await signInAs(page, url, 'regional_staff');
    await page.goto(url('/improvement/plans'));
    await expectPageHeading(page, 'Plans to review');
    const waiting = page.getByRole('table', { name: /Plans submitted for review/ });
    const row = waiting.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/1 (on track|off track|met|no data yet)/i);
    await record(page, 'plans-review-queue', 'the regional review queue');
    await waiting.getByRole('link', { name: title }).click();
    await expectPageHeading(page, title);
    await page.getByText('waits for your review').waitFor();
    // A reviewer does not edit the plan.
    expect(await page.getByRole('button', { name: 'Save the sections' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Return with comments' }).click();
    await page.getByText('Write at least one part of the coaching comment to return the plan.').waitFor();
    await page.getByLabel('Comment on').selectOption('climate_culture');
    await page.getByLabel('A strength').fill(coaching.strength);
    await page.getByLabel('One thing to improve').fill(coaching.improvement);
    await page.getByLabel('Guiding questions').fill(coaching.guidingQuestions);
    await page.getByLabel('Expected outcomes').fill(coaching.expectedOutcomes);
    await page.getByLabel('Next steps').fill(coaching.nextSteps);
    await record(page, 'plan-review-form', 'a submitted plan, as its reviewer sees it');
    await page.getByRole('button', { name: 'Return with comments' }).click();
    await page.getByText('The plan is returned to the team with your coaching comment.').waitFor();
    await page.getByText('The plan was returned to the team with coaching comments').waitFor();
    expect(await page.getByRole('button', { name: 'Approve the plan' }).count()).toBe(0);

    // --- The school reads the comment, revises and resubmits. ---
    await signInAs(page, url, 'school_leader');
    await page.goto(url(`/plans/${planId}`));
    await expectPageHeading(page, title);
    await page.getByText('The plan was returned with coaching comments. Revise it').waitFor();
    const comments = page.getByRole('region', { name: 'Coaching comments' });
    await comments.getByText(coaching.improvement).waitFor();
    await comments.getByText(coaching.guidingQuestions).waitFor();
    await comments.getByText(/Riley Coastal/).waitFor();
    await record(page, 'plan-returned-team', 'a returned plan with its coaching comment, as its team sees it');
    await page
      .getByLabel('Strategies and rationale (Practice 4)')
      .fill(
        'An attendance team that meets weekly; the student’s advisor calls the family after the third absence and ' +
          'the attendance liaison visits after the fifth.',
      );
    await page.getByRole('button', { name: 'Save the sections' }).click();
    await page.getByText('The sections are saved.').waitFor();
    await page.getByRole('button', { name: 'Submit the revised plan' }).click();
    await page.getByText('The plan is submitted for review.').waitFor();

    // --- The regional staff approve it; a stale second tab that tries to return it is told why not (409). ---
    await signInAs(page, url, 'regional_staff');
    await page.goto(url(`/plans/${planId}`));
    await page.getByText('waits for your review').waitFor();
    const stale = await page.context().newPage();
    try {
      await stale.goto(url(`/plans/${planId}`));
      await stale.getByRole('button', { name: 'Return with comments' }).waitFor();
      await page.getByLabel('A strength').fill('A clear protocol for following up every absence.');
      await page.getByLabel('Next steps').fill('Report the January benchmark.');
      await page.getByRole('button', { name: 'Approve the plan' }).click();
      await page.getByText('The plan is approved.', { exact: true }).waitFor();
      await stale.getByLabel('One thing to improve').fill('Add a benchmark for adults.');
      await stale.getByRole('button', { name: 'Return with comments' }).click();
      const refusal = stale.getByRole('alert').filter({ hasText: 'That could not be done' });
      await refusal.getByText(/it is approved/).waitFor();
      await checkAccessibility(stale, 'a refused action, the server’s message shown');
      await screenshot(stale, 'plan-refused-409');
    } finally {
      await stale.close();
    }
    expect(await page.getByRole('button', { name: 'Return with comments' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Approve the plan' }).count()).toBe(0);

    // --- The dashboard shows the goal's status with the numbers the server computes. ---
    await signInAs(page, url, 'school_leader');
    await page.goto(url(`/plans/${planId}`));
    await page.getByText('The plan is approved. Its content is no longer edited').waitFor();
    const dashboard = (await (await page.request.get(url(`/api/plans/${planId}/dashboard`))).json()) as PlanDashboard;
    const goal = dashboard.goals[0]!;
    expect(goal.progress).not.toBeNull();
    expect(goal.progress!.status).not.toBe('no_data');
    expect(goal.baseline).toEqual({ value: baseline, year: 2025 });
    const goalRow = page
      .getByRole('table', { name: 'Each goal against its trajectory from the baseline to the target' })
      .getByRole('row', { name: new RegExp(statement) });
    await goalRow.getByText(goalStatusLabels[goal.progress!.status], { exact: true }).waitFor();
    const latest = goal.progress!.latest!;
    await goalRow.getByText(`${String(latest.value)}% in ${latest.year - 1}-${String(latest.year % 100)}`).waitFor();
    // Approved: no more content edits, but progress on the action steps is still recorded.
    expect(await page.getByRole('button', { name: 'Save the sections' }).count()).toBe(0);
    await page.getByLabel('Status of the action step: Start an attendance team that meets weekly').selectOption('done');
    await page.getByRole('button', { name: /Update status of the action step/ }).click();
    await page.getByText('The action step is now done.').waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Approved', { exact: true }).waitFor();
    await history.getByText('Returned with comments', { exact: true }).waitFor();
    await history.getByText('coastal@demo.ssos.example').first().waitFor();
    await page.getByRole('region', { name: 'Progress dashboard' }).scrollIntoViewIfNeeded();
    await record(page, 'plan-approved-dashboard', 'an approved plan with its dashboard');

    await page.goto(url(`/orgs/${school.code}/plans`));
    await expectPageHeading(page, `${school.name}: improvement plans`);
    const listed = page.getByRole('row', { name: new RegExp(title) });
    await listed.getByText('Approved', { exact: true }).waitFor();
    await expect.poll(() => listed.innerText()).toContain(`1 ${goalStatusLabels[goal.progress!.status].toLowerCase()}`);
    await record(page, 'plans-org-approved', 'the plans of a school, one approved');
  }, 300_000);
});
