// The improvement-cycle journeys of self-assessments and site visits: the demo school leader's team starts a
// self-assessment of the Conditions for School Effectiveness, each member rates, completing is refused with the
// server's message until the team records a consensus on every indicator, then it completes (PDF summary answers 200)
// and shows in the school's heat map; state staff schedule a monitoring site visit of that school with the demo
// vendor; the vendor starts it, rates every Turnaround Practice indicator with evidence and submits; the school sees
// nothing before publication; state staff refuse to return it without a comment, then publish; the school reads the
// published feedback and its report (PDF answers 200) and the trend per practice. The platform runs as
// `ssos serve --demo`; axe checks every page reached and each page is kept as a screenshot.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUsers } from '../../src/core/demo/fixed-commonwealth.ts';
import type { Role } from '../../src/core/access/roles.ts';
import type { SessionResponse } from '../../src/server/api/auth.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { startPlatform, type RunningPlatform } from './support/server.ts';
import { useBrowser } from './support/session.ts';

let platform: RunningPlatform | undefined;

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

function baseUrl(): string {
  if (platform === undefined) throw new Error('the platform did not start');
  return platform.url;
}

function demoAccount(role: Role) {
  const user = demoUsers.find((u) => u.role === role);
  if (user === undefined) throw new Error(`no demo account has the role ${role}`);
  return user;
}

/** Waits until the page's one h1 says `text`, and checks there is exactly one h1. */
async function expectPageHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** Signs in through the form, waits until the header shows the account's name, and returns the session's user. */
async function signInAs(page: Page, url: (path: string) => string, role: Role) {
  const account = demoAccount(role);
  await page.goto(url('/sign-in'));
  await expectPageHeading(page, 'Sign in');
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('banner').getByText(account.displayName, { exact: true }).waitFor();
  const session = (await (await page.request.get(url('/api/session'))).json()) as SessionResponse;
  return session.user!;
}

/** Checks axe and keeps a screenshot of the page as it is now. */
async function check(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

describe('self-assessments and site visits', () => {
  const browser = useBrowser(baseUrl);
  // What the journey carries from one step to the next.
  let school: { code: string; name: string } | undefined;
  let selfAssessmentUrl = '';
  let visitUrl = '';

  test(
    'the school team completes a self-assessment of the Conditions for School Effectiveness',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      const user = await signInAs(page, url, 'school_leader');
      school = { code: user.scope.orgCode!, name: user.scope.orgName! };

      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      await page.getByText(`${school.name} has no self-assessment yet.`).waitFor();
      await check(page, 'improvement-landing-school', 'the improvement area, as a school leader');
      await page.getByRole('link', { name: `Self-assessments and site visits of ${school.name}` }).click();
      await expectPageHeading(page, `${school.name}: self-assessment and improvement`);
      expect(page.url()).toBe(url(`/orgs/${school.code}/improvement`));

      // Start: refused without a framework (named beside the field), then the team of two.
      const form = page.getByRole('form', { name: 'Start a self-assessment' });
      await form.getByLabel('Framework').waitFor();
      await form.getByRole('button', { name: 'Start the self-assessment' }).click();
      await form.getByText('Choose the framework to assess against').waitFor();
      await form.getByLabel('Framework').selectOption({ label: 'Conditions for School Effectiveness' });
      await form.getByLabel('Response period').fill('2025-26');
      await form.getByLabel('Member 1: name').fill(user.displayName);
      await form.getByLabel('Member 1: role').fill('Principal');
      await form.getByLabel('Member 2: name').fill('Jordan Lee');
      await form.getByLabel('Member 2: role').fill('Grade 9 teacher');
      await check(page, 'improvement-org-start', 'a school’s improvement page with the start form');
      await form.getByRole('button', { name: 'Start the self-assessment' }).click();
      await expectPageHeading(page, `${school.name}: self-assessment 2025-26`);
      selfAssessmentUrl = page.url();
      expect(selfAssessmentUrl).toMatch(/\/self-assessments\/\d+$/);
      await page.getByRole('table', { name: 'The team members and how many indicators each has rated' }).waitFor();

      // Each member rates every indicator (a school rates Conditions 2 to 11), with evidence on one.
      const rate = async (member: string, level: string) => {
        await page.getByLabel('Team member').selectOption({ label: member });
        const ratings = page.getByRole('form', { name: `Ratings of ${member.replace(/ \(.*\)$/, '')}` });
        const selects = ratings.locator('select[name^="level-"]');
        expect(await selects.count()).toBe(10);
        for (let i = 0; i < 10; i++) await selects.nth(i).selectOption(level);
        await ratings
          .getByRole('group', { name: /^C4 Effective instruction/ })
          .getByLabel('Evidence (optional)')
          .fill(`${member}: walkthroughs show high expectations in most classrooms`);
        await ratings.getByRole('button', { name: /^Save the ratings of/ }).click();
        await ratings.getByText(/The ratings of .* are saved\./).waitFor();
      };
      await rate(`${user.displayName} (Principal)`, 'providing');
      await rate('Jordan Lee (Grade 9 teacher)', 'developing');
      await page.getByRole('cell', { name: '10 of 10' }).first().waitFor();

      // Completing is refused until every indicator has a consensus: the server's sentence is shown.
      await page.getByRole('button', { name: 'Complete the self-assessment' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'could not be completed' });
      await refused.getByText(/The team has not recorded a consensus rating for 10 indicators: C2 Effective/).waitFor();
      await check(page, 'improvement-self-assessment-refused', 'a self-assessment whose completion was refused');

      const consensus = page.getByRole('form', { name: 'Consensus ratings' });
      const group = consensus.getByRole('group', { name: /^C4 Effective instruction/ });
      await group.getByText('2 Developing: 1 · 3 Providing: 1').waitFor();
      const selects = consensus.locator('select[name^="consensus-"]');
      for (let i = 0; i < 10; i++) await selects.nth(i).selectOption(i === 2 ? 'developing' : 'providing');
      await group.getByLabel('Notes (optional)').fill('Agreed after discussing the walkthrough data');
      await consensus.getByRole('button', { name: 'Save the consensus ratings' }).click();
      await consensus.getByText('The consensus ratings are saved.').waitFor();
      await page.getByRole('button', { name: 'Complete the self-assessment' }).click();
      await page.getByRole('heading', { level: 2, name: 'Completed', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Reopen the self-assessment' }).waitFor();
      await check(page, 'improvement-self-assessment-completed', 'a completed self-assessment');

      // The PDF summary answers.
      const pdfHref = await page.getByRole('link', { name: 'Download the summary (PDF)' }).getAttribute('href');
      const pdf = await page.request.get(url(pdfHref!));
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');

      // The school's page: the completed period in the heat map; one period, so no comparison yet.
      await page.getByRole('link', { name: school.name, exact: true }).click();
      await expectPageHeading(page, `${school.name}: self-assessment and improvement`);
      const heat = page.getByRole('table', { name: /^Consensus ratings of .* by indicator and period \(CSE\)$/ });
      await heat.getByRole('columnheader', { name: '2025-26' }).waitFor();
      expect(await heat.locator('tbody tr').count()).toBe(10);
      await heat
        .getByRole('row', { name: /C4 Effective instruction/ })
        .getByText('2 Developing')
        .waitFor();
      await page.getByText('A comparison needs two completed periods').waitFor();
      await check(page, 'improvement-org-heat-map', 'a school’s improvement page with its heat map');
    },
  );

  test(
    'state staff schedule a monitoring site visit of the school with the demo vendor',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      expect(school, 'the first test found the school').toBeDefined();
      await signInAs(page, url, 'state_staff');
      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      const section = page.getByRole('region', { name: 'Schedule a site visit' });
      await section.getByRole('checkbox', { name: /^Val Vendor/ }).waitFor();
      await check(page, 'improvement-landing-state', 'the improvement area, as state staff');

      // Refused without a school, named in words; then the school is searched and chosen.
      await section.getByRole('button', { name: 'Schedule the visit' }).click();
      await section.getByText('School: Search for the school and choose it').waitFor();
      await section.getByLabel('School visited').fill(school!.code);
      await section.getByRole('button', { name: 'Search', exact: true }).click();
      await section.getByRole('button', { name: `Choose ${school!.name}` }).click();
      await section.getByText(`Chosen school: ${school!.name} (${school!.code})`).waitFor();
      await section.getByLabel('Type of visit').selectOption('monitoring');
      await section.getByLabel('Date of the visit').fill('2026-10-14');
      // USWDS draws its own box: the label is what a person clicks.
      await section.locator('label', { hasText: 'Val Vendor' }).click();
      expect(await section.getByRole('checkbox', { name: /^Val Vendor/ }).isChecked()).toBe(true);
      await section.getByRole('button', { name: 'Schedule the visit' }).click();

      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      visitUrl = page.url();
      expect(visitUrl).toMatch(/\/site-visits\/\d+$/);
      await page.getByText('Val Vendor', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Start the visit' }).waitFor();
      await check(page, 'improvement-visit-scheduled', 'a scheduled site visit, as state staff');
    },
  );

  test(
    'the vendor starts the visit, rates every practice indicator with evidence and submits',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      expect(visitUrl, 'the visit was scheduled').not.toBe('');
      await signInAs(page, url, 'vendor');
      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      const assigned = page.getByRole('table', { name: 'Site visits assigned to you, latest first' });
      await assigned.getByRole('row', { name: new RegExp(school!.name) }).waitFor();
      await check(page, 'improvement-landing-vendor', 'the improvement area, as a vendor');
      await assigned.getByRole('link', { name: 'Visit of Oct 14, 2026' }).click();
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      expect(page.url()).toBe(visitUrl);

      await page.getByRole('button', { name: 'Start the visit' }).click();
      const form = page.getByRole('form', { name: 'Ratings of the visit' });
      await form.waitFor();
      // Submitting before every indicator is rated is refused with the server's sentence.
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('alert').filter({ hasText: 'could not be submitted' }).waitFor();

      const groups = form.getByRole('group');
      const count = await groups.count();
      expect(count).toBeGreaterThanOrEqual(4);
      const levels = ['Developing', 'Providing', 'Sustaining', 'No evidence'];
      for (let i = 0; i < count; i++) {
        const g = groups.nth(i);
        await g.locator('label', { hasText: new RegExp(`^${levels[i % levels.length]!}$`) }).click();
      }
      await form.getByLabel('Evidence for TP1.1').fill('The instructional leadership team meets weekly with agendas');
      await check(page, 'improvement-visit-rating', 'the vendor’s rating form');
      await form.getByRole('button', { name: 'Save the ratings' }).click();
      await form.getByText(`The ratings are saved: ${count} of ${count} indicators rated.`).waitFor();
      await page.getByText(/^Every indicator is rated\./).waitFor();
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('heading', { level: 2, name: 'Submitted for review' }).waitFor();
      await check(page, 'improvement-visit-submitted', 'a submitted visit, as the vendor');
    },
  );

  test('the school sees nothing of the visit’s ratings before publication', { timeout: 180_000 }, async () => {
    const { page, url } = browser;
    await signInAs(page, url, 'school_leader');
    await page.goto(visitUrl);
    await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
    await page.getByText('The ratings and the feedback report appear here once the agency').waitFor();
    expect(await page.getByRole('link', { name: 'Download the feedback report (PDF)' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'The ratings of the visit' }).count()).toBe(0);
    const id = visitUrl.split('/').pop();
    expect((await page.request.get(url(`/api/site-visits/${id}/report.pdf`))).status()).toBe(409);
    await check(page, 'improvement-visit-school-before', 'a submitted visit, as the school');
  });

  test(
    'state staff return the ratings with a comment, and the vendor reads it and resubmits',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signInAs(page, url, 'state_staff');
      await page.goto(visitUrl);
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      const review = page.getByRole('region', { name: 'Review the ratings' });
      await review.getByRole('table', { name: 'The ratings submitted by the vendors' }).waitFor();
      await check(page, 'improvement-visit-review', 'the state’s review of a submitted visit');
      // Returning needs a comment, named beside the field.
      await review.getByRole('button', { name: 'Return to the vendors' }).click();
      await review.getByText('Enter a comment for the vendors to return the ratings').waitFor();
      const comment = 'Please add the evidence behind the TP4.2 rating of sustaining';
      await review.getByLabel('Comment for the vendors').fill(comment);
      await review.getByRole('button', { name: 'Return to the vendors' }).click();
      await page.getByRole('heading', { level: 2, name: 'Ratings in progress' }).waitFor();
      await page
        .getByRole('row', { name: /Submitted for review → In progress/ })
        .getByText(comment)
        .waitFor();
      // The vendors can still be changed while the visit is in progress.
      await page.getByRole('form', { name: 'Change the assigned vendors' }).waitFor();
      await check(page, 'improvement-visit-returned-state', 'a returned visit, as state staff');

      await page.context().clearCookies();
      await signInAs(page, url, 'vendor');
      await page.goto(visitUrl);
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      await page.getByRole('heading', { level: 3, name: 'Returned by the agency' }).waitFor();
      await page.getByText(comment, { exact: false }).first().waitFor();
      const form = page.getByRole('form', { name: 'Ratings of the visit' });
      await form
        .getByLabel('Evidence for TP4.2')
        .fill('Advisory in every grade; restorative circles observed in three classes');
      await form.getByRole('button', { name: 'Save the ratings' }).click();
      await form.getByText(/The ratings are saved/).waitFor();
      await check(page, 'improvement-visit-returned-vendor', 'a returned visit, as the vendor');
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('heading', { level: 2, name: 'Submitted for review' }).waitFor();
    },
  );

  test('state staff publish the feedback', { timeout: 180_000 }, async () => {
    const { page, url } = browser;
    await signInAs(page, url, 'state_staff');
    await page.goto(visitUrl);
    await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
    const review = page.getByRole('region', { name: 'Review the ratings' });
    await review.getByText('Advisory in every grade; restorative circles observed in three classes').waitFor();
    await review.getByRole('button', { name: 'Publish the feedback to the school' }).click();
    await page.getByRole('heading', { level: 2, name: 'Published feedback' }).waitFor();
    await page.getByRole('row', { name: /Submitted for review → Published/ }).waitFor();
    expect(await page.getByRole('form', { name: 'Change the assigned vendors' }).count()).toBe(0);
    await check(page, 'improvement-visit-published-state', 'a published visit, as state staff');
  });

  test(
    'the school reads the published feedback, its report and the trend per practice',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signInAs(page, url, 'school_leader');
      await page.goto(url(`/orgs/${school!.code}/improvement`));
      await expectPageHeading(page, `${school!.name}: self-assessment and improvement`);
      const trends = page.getByRole('table', { name: /^Mean rating per practice on each published visit/ });
      await trends.waitFor();
      expect(await trends.locator('tbody tr').count()).toBe(4);
      await page.getByRole('link', { name: 'Monitoring visit, Oct 14, 2026' }).click();
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      const ratings = page.getByRole('table', { name: 'The ratings of the visit' });
      await ratings.getByText('The instructional leadership team meets weekly with agendas').waitFor();
      await ratings
        .getByRole('row', { name: /TP1\.1/ })
        .getByText('Developing')
        .waitFor();
      const link = page.getByRole('link', { name: 'Download the feedback report (PDF)' });
      const report = await page.request.get(url((await link.getAttribute('href'))!));
      expect(report.status()).toBe(200);
      expect(report.headers()['content-type']).toContain('application/pdf');
      await check(page, 'improvement-visit-published-school', 'the published feedback, as the school');
      await page.goto(url(`/orgs/${school!.code}/improvement`));
      await trends.waitFor();
      await screenshot(page, 'improvement-org-visits');
    },
  );
});
