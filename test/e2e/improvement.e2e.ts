// The improvement cycle in one journey, on one platform (`ssos serve --demo`), in the order of issue 7's "Done when":
// a state administrator corrects the Turnaround Practices in a new framework version (the server's message beside a
// field it refuses) and publishes it, and the school reads the library without changing it; the school team
// completes a self-assessment of the Conditions for School Effectiveness (a member added, an evidence file attached,
// downloaded and another removed; completing refused until the consensus is recorded; the PDF summary read back);
// the team writes a turnaround plan (its cover refused then saved, a SMART goal linked to chronic absenteeism refused
// then added, a benchmark changed, an action step removed) and submits it; the regional staff return it with a
// coaching comment; it is revised, resubmitted and approved (a stale tab that then tries to return it is shown the
// server's 409); the dashboard shows the goal's status with the server's numbers and vendors are refused plans and
// self-assessments; state staff schedule a site visit with the demo vendor (and another the vendor is not assigned
// to, which the vendor is refused); the vendor rates it on the new version of the practices and submits; the school
// sees nothing before publication; the state returns it with a comment, the vendor resubmits, the state publishes;
// the school reads the published feedback, its PDF report (headings and ratings read back) and the trend per
// practice. Axe checks every page reached, and each is kept as a screenshot.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlanDashboard } from '../../src/web/api/plans.ts';
import { goalStatusLabels } from '../../src/web/components/plan-format.tsx';
import { pdfText } from '../support/pdf-text.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

/** The text of a PDF the page's session downloads from `href`, spaces normalized; checks it is a PDF. */
async function readPdf(page: Page, url: (path: string) => string, href: string): Promise<string> {
  const response = await page.request.get(url(href));
  expect(response.status(), href).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  return pdfText(await response.body()).replace(/\s+/g, ' ');
}

/** Accepts the next confirmation the page asks for (removing something). */
function acceptNextDialog(page: Page): void {
  page.once('dialog', (dialog) => void dialog.accept());
}

// The new wording the state administrator gives the first practice indicator, and the indicator added.
const tp11 = 'Instructional leadership team with shared responsibility for results';
const tp22 = 'Teachers use common planning time to analyze student work';

const coaching = {
  strength: 'The attendance data analysis is thorough and names the grades where absence is highest.',
  improvement: 'Name who follows up with each chronically absent student, and when.',
  guidingQuestions: 'How will families be contacted after the third absence?',
  expectedOutcomes: 'Fewer students absent 10% or more of their days by January.',
  nextSteps: 'An attendance follow-up protocol in the revised plan.',
};

describe('the improvement cycle: frameworks, a self-assessment, a plan reviewed and approved, a site visit', () => {
  const browser = useBrowser(baseUrl);
  // What the journey carries from one step to the next.
  let school: { code: string; name: string } | undefined;
  let selfAssessmentId = 0;
  let planId = 0;
  let planTitle = '';
  let baseline = 0;
  const statement = 'Reduce chronic absence by 2 points a year to reach the target by 2027-28';
  let visitUrl = '';
  let otherVisitId = 0;

  test(
    'a state administrator corrects the Turnaround Practices in a new version; the school reads the library',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'state_admin');
      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      await page.getByRole('link', { name: 'Framework library', exact: true }).click();
      await expectPageHeading(page, 'Framework library');
      const library = page.getByRole('table', { name: 'The frameworks of the library and their versions' });
      const row = library.getByRole('row', { name: /Turnaround Practices/ });
      await row.getByText('7 items', { exact: true }).waitFor();
      expect(await library.locator('tbody tr').count()).toBe(5);
      await record(page, 'framework-library', 'the framework library, as a state administrator');

      await row.getByRole('link', { name: 'Turnaround Practices' }).click();
      await expectPageHeading(page, 'Turnaround Practices');
      await page.getByText('TP · version 1 · Published').waitFor();
      // Unconfirmed wording is marked in words, one tag per item.
      expect(await page.locator('.usa-tag', { hasText: 'Wording to be confirmed' }).count()).toBe(7);
      await page.getByRole('table', { name: /^The levels of the scale/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Edit the wording/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Create a new version from version 1' }).click();
      await page.getByText('Draft version 2 is created from version 1.').waitFor();
      await page.getByText('TP · version 2 · Draft').waitFor();
      expect(page.url()).toBe(url('/improvement/frameworks/TP?version=2'));

      // The wording of TP1.1: an empty title is refused with the server's message beside the field.
      await page.getByRole('button', { name: 'Edit the wording of TP1.1' }).click();
      const wording = page.getByRole('form', { name: 'Wording of TP1.1' });
      await wording.getByLabel('Title').fill('');
      await wording.getByRole('button', { name: 'Save the wording of TP1.1' }).click();
      const titleGroup = wording.locator('.usa-form-group--error', { has: page.getByLabel('Title') });
      await titleGroup.getByText('Enter the wording: the title cannot be empty').waitFor();
      expect(await wording.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
      await record(page, 'framework-item-refused', 'a framework item whose wording was refused');
      await wording.getByLabel('Title').fill(tp11);
      await wording
        .getByLabel('Description (optional)')
        .fill('The principal and teacher leaders meet weekly and own the school’s results together.');
      await wording.locator('label', { hasText: 'The agency has confirmed this wording' }).click();
      await wording.getByRole('button', { name: 'Save the wording of TP1.1' }).click();
      await page.getByText('The wording of TP1.1 is saved.').waitFor();
      const edited = page.getByRole('heading', { name: new RegExp(`^TP1\\.1 ${tp11}`) });
      expect(await edited.textContent()).not.toContain('Wording to be confirmed');

      // An indicator added to practice 2; a placeholder of practice 4 removed.
      const add = page.getByRole('form', { name: 'Add an area or an indicator' });
      await add.getByLabel('What to add').selectOption('indicator');
      await add.getByLabel('In the area').selectOption('TP2');
      await add.getByLabel('Title').fill(tp22);
      await add.getByRole('button', { name: 'Add to the framework' }).click();
      await page.getByText(`TP2.2 ${tp22} is added.`).waitFor();
      acceptNextDialog(page);
      await page.getByRole('button', { name: 'Remove TP4.2' }).click();
      await page.getByText('TP4.2 Social, emotional and behavioral supports is removed.').waitFor();
      expect(await page.getByRole('heading', { name: /^TP4\.2 / }).count()).toBe(0);
      await record(page, 'framework-draft-edited', 'a draft framework version, edited');

      await page.getByRole('button', { name: 'Publish version 2' }).click();
      await page.getByText('Version 2 is published: new self-assessments and site visits use it.').waitFor();
      await page.getByText('TP · version 2 · Published').waitFor();
      expect(await page.getByRole('button', { name: /^Edit the wording/ }).count()).toBe(0);
      expect(await page.locator('.usa-tag', { hasText: 'Wording to be confirmed' }).count()).toBe(5);

      // Everyone else reads the library: the school sees version 2, with nothing to change.
      const user = await signIn(page, url, 'school_leader');
      school = { code: user.scope.orgCode!, name: user.scope.orgName! };
      await page.goto(url('/improvement/frameworks/TP'));
      await expectPageHeading(page, 'Turnaround Practices');
      await page.getByText('TP · version 2 · Published').waitFor();
      await page.getByRole('heading', { name: new RegExp(`^TP2\\.2 ${tp22}`) }).waitFor();
      await page.getByText('State administrators correct the wording of a framework in a new version').waitFor();
      expect(await page.getByRole('button', { name: /^Create a new version/ }).count()).toBe(0);
      await page.getByRole('navigation', { name: 'Versions of the framework' }).getByRole('link').first().waitFor();
      await record(page, 'framework-read-only', 'a framework, read by a school leader');
    },
  );

  test(
    'the school team completes a self-assessment, with a member added and evidence files',
    { timeout: 240_000 },
    async () => {
      const { page, url } = browser;
      const user = await signIn(page, url, 'school_leader');
      school = { code: user.scope.orgCode!, name: user.scope.orgName! };

      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      await page.getByText(`${school.name} has no self-assessment yet.`).waitFor();
      await record(page, 'improvement-landing-school', 'the improvement area, as a school leader');
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
      await record(page, 'improvement-org-start', 'a school’s improvement page with the start form');
      await form.getByRole('button', { name: 'Start the self-assessment' }).click();
      await expectPageHeading(page, `${school.name}: self-assessment 2025-26`);
      expect(page.url()).toMatch(/\/self-assessments\/\d+$/);
      selfAssessmentId = Number(page.url().split('/').at(-1));
      const team = page.getByRole('table', { name: 'The team members and how many indicators each has rated' });
      await team.waitFor();

      // A member joins the team: refused with nobody named, then added.
      const join = page.getByRole('form', { name: 'Add team members' });
      await join.getByRole('button', { name: 'Add to the team' }).click();
      await join.getByText('Enter the name of at least one new member').waitFor();
      await join.getByLabel('New member 1: name').fill('Ana Ortiz');
      await join.getByLabel('New member 1: role').fill('Family liaison');
      await join.getByRole('button', { name: 'Add to the team' }).click();
      await join.getByText('Ana Ortiz is added to the team.').waitFor();
      await team.getByRole('row', { name: /Ana Ortiz Family liaison/ }).waitFor();
      expect(await team.locator('tbody tr').count()).toBe(3);

      // Each member rates every indicator (a school rates Conditions 2 to 11), with evidence on one.
      const rate = async (member: string, level: string) => {
        await page.getByLabel('Team member', { exact: true }).selectOption({ label: member });
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

      // Evidence files: the limits are shown; a file over the limit is refused before it is sent; one is attached
      // to C4 by Jordan Lee and downloaded back; another is attached and removed.
      const files = page.getByRole('region', { name: 'Evidence files' });
      const attach = files.getByRole('form', { name: 'Attach an evidence file' });
      await attach.getByText('Any kind of file up to 2 MB (2,097,152 bytes)').waitFor();
      await attach.getByLabel('File', { exact: true }).setInputFiles({
        name: 'scans.zip',
        mimeType: 'application/zip',
        buffer: Buffer.alloc(2 * 1024 * 1024 + 1),
      });
      await attach.getByRole('button', { name: 'Attach the file' }).click();
      await attach
        .getByText('scans.zip is 2,097,153 bytes; a file can be at most 2 MB (2,097,152 bytes)', { exact: false })
        .waitFor();
      const minutes = Buffer.from('Instructional leadership team, minutes of the walkthrough debrief\n');
      await attach
        .getByLabel('File', { exact: true })
        .setInputFiles({ name: 'ilt-minutes.txt', mimeType: 'text/plain', buffer: minutes });
      await attach.getByLabel('Evidence for (optional)').selectOption('C4');
      await attach.getByLabel('Brought by (optional)').selectOption({ label: 'Jordan Lee' });
      await attach.getByRole('button', { name: 'Attach the file' }).click();
      await files.getByText('ilt-minutes.txt is attached.').waitFor();
      const list = files.getByRole('table', { name: 'The evidence files of the self-assessment' });
      const fileRow = list.getByRole('row', { name: /ilt-minutes\.txt/ });
      await fileRow.getByText('C4 Effective instruction').waitFor();
      await fileRow.getByText('Jordan Lee').waitFor();
      const href = await fileRow.getByRole('link', { name: 'ilt-minutes.txt' }).getAttribute('href');
      const download = await page.request.get(url(href!));
      expect(download.status()).toBe(200);
      expect(Buffer.from(await download.body()).equals(minutes)).toBe(true);
      // The file shows beside the ratings of its indicator.
      await page
        .getByRole('group', { name: /^C4 Effective instruction/ })
        .first()
        .getByRole('link', { name: 'ilt-minutes.txt' })
        .waitFor();
      await attach.getByLabel('File', { exact: true }).setInputFiles({
        name: 'draft-notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('notes'),
      });
      await attach.getByRole('button', { name: 'Attach the file' }).click();
      await files.getByText('draft-notes.txt is attached.').waitFor();
      await record(page, 'improvement-self-assessment-files', 'a self-assessment with a member added and files');
      acceptNextDialog(page);
      await list.getByRole('button', { name: 'Remove draft-notes.txt' }).click();
      await files.getByText('draft-notes.txt is removed.').waitFor();
      expect(await list.locator('tbody tr').count()).toBe(1);

      // Completing is refused until every indicator has a consensus: the server's sentence is shown.
      await page.getByRole('button', { name: 'Complete the self-assessment' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'could not be completed' });
      await refused.getByText(/The team has not recorded a consensus rating for 10 indicators: C2 Effective/).waitFor();
      await record(page, 'improvement-self-assessment-refused', 'a self-assessment whose completion was refused');

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
      // Completed: the files stay, and can no longer be removed.
      expect(await list.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
      await record(page, 'improvement-self-assessment-completed', 'a completed self-assessment');

      // The PDF summary, read back.
      const pdfHref = await page.getByRole('link', { name: 'Download the summary (PDF)' }).getAttribute('href');
      const text = await readPdf(page, url, pdfHref!);
      for (const words of [
        'Self-assessment summary: Conditions for School Effectiveness',
        `${school.name} (${school.code})`,
        'response period 2025-26',
        `${user.displayName}, Principal`,
        'Jordan Lee, Grade 9 teacher',
        'Ana Ortiz, Family liaison',
        'C4 Effective instruction',
        'Consensus: 2 Developing',
        'Agreed after discussing the walkthrough data',
      ])
        expect(text, words).toContain(words);

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
      await record(page, 'improvement-org-heat-map', 'a school’s improvement page with its heat map');
    },
  );

  test(
    'the school team writes a plan with a goal linked to chronic absenteeism and submits it',
    { timeout: 240_000 },
    async () => {
      const { page, url } = browser;
      expect(school, 'the first tests found the school').toBeDefined();
      await signIn(page, url, 'school_leader');
      await page.goto(url(`/orgs/${school!.code}`));
      await expectPageHeading(page, school!.name);
      await page.getByRole('link', { name: 'Improvement plans', exact: true }).click();
      await expectPageHeading(page, `${school!.name}: improvement plans`);
      await page.getByText('There are no plans yet.').waitFor();
      await record(page, 'plans-org-empty', 'the plans of a school, none yet');

      await page.getByLabel('Kind of plan').selectOption('turnaround');
      planTitle = `${school!.name} turnaround plan`;
      expect(await page.getByLabel('Title').inputValue()).toBe(planTitle);
      await page.getByLabel('First school year').selectOption('2026');
      await page.getByLabel('Last school year').selectOption('2028');
      await page.getByRole('button', { name: 'Start the plan' }).click();
      await expectPageHeading(page, planTitle);
      expect(page.url()).toMatch(/\/plans\/\d+$/);
      planId = Number(page.url().split('/').at(-1));
      await page.getByText('The plan is a draft. Write the sections').waitFor();
      await record(page, 'plan-draft-new', 'a new draft plan');

      // --- The cover: a year eligible to exit before the year of designation is refused beside the field. ---
      const cover = page.getByRole('form', { name: 'Cover' });
      await cover.getByLabel('Superintendent (optional)').fill('Dr. Dana Whitfield');
      await cover.getByLabel('Signed by the superintendent on (optional)').fill('2026-08-20');
      await cover.getByLabel('Submitted to the local stakeholder group on (optional)').fill('2026-08-10');
      await cover.getByLabel('Submitted to the school committee on (optional)').fill('2026-08-18');
      await cover.getByLabel('Year of designation (optional)').selectOption('2026');
      await cover.getByLabel('Year eligible to exit (optional)').selectOption('2025');
      await cover.getByRole('button', { name: 'Save the cover' }).click();
      const exitGroup = cover.locator('.usa-form-group--error', {
        has: page.getByLabel('Year eligible to exit (optional)'),
      });
      await exitGroup.getByText('cannot come before the year of designation', { exact: false }).waitFor();
      expect(await cover.getByLabel('Year eligible to exit (optional)').getAttribute('aria-invalid')).toBe('true');
      await record(page, 'plan-cover-refused', 'a plan cover refused, the message beside its field');
      await cover.getByLabel('Year eligible to exit (optional)').selectOption('2029');
      await cover.getByRole('button', { name: 'Save the cover' }).click();
      await cover.getByText('The cover is saved.').waitFor();

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
      const dart = await apiJson<{
        sections: { indicators: { code: string; series: { year: number; value: number | null }[] }[] }[];
      }>(page, url, `/api/orgs/${school!.code}/dart`);
      const absence = dart.sections.flatMap((s) => s.indicators).find((i) => i.code === 'chronic_absence_pct')!;
      baseline = absence.series.find((p) => p.year === 2025)!.value!;
      const target = Math.round((baseline - 6) * 10) / 10;
      await goalForm.getByLabel('Target value').fill(String(target));
      await goalForm.getByRole('button', { name: 'Add the goal' }).click();
      await page.getByText('The goal is added.').waitFor();
      const goals = page.getByRole('region', { name: 'SMART goals' });
      await goals.getByText(statement, { exact: true }).waitFor();
      await goals.getByText(`${String(baseline).replace(/\.0$/, '')}% in 2024-25`).waitFor();

      // --- An interim benchmark, then changed; two action steps, one removed. ---
      const benchmarkForm = page.getByRole('form', { name: 'Add an interim benchmark' });
      await benchmarkForm
        .getByLabel('Benchmark', { exact: true })
        .fill('Chronic absence in the first half-year below 24%');
      await benchmarkForm.getByLabel('Measure', { exact: true }).fill('SIS attendance report, January');
      await benchmarkForm.getByLabel('Due date').fill('2027-01-31');
      await benchmarkForm.getByLabel('Goal (optional)').selectOption({ index: 1 });
      await benchmarkForm.getByRole('button', { name: 'Add the benchmark' }).click();
      await page.getByText('The benchmark is added.').waitFor();
      const benchmarks = page.getByRole('region', { name: 'Interim benchmarks' });
      await benchmarks
        .getByRole('button', { name: 'Change the benchmark: Chronic absence in the first half-year below 24%' })
        .click();
      const change = page.getByRole('form', { name: 'Change the benchmark' });
      await change.getByLabel('Measure', { exact: true }).fill('SIS attendance report, end of January');
      await change.getByLabel('Due date').fill('2027-02-05');
      await change.getByRole('button', { name: 'Save the benchmark' }).click();
      await benchmarks.getByText('The benchmark is changed.').waitFor();
      const benchmarkRow = benchmarks.getByRole('row', { name: /Chronic absence in the first half-year/ });
      await benchmarkRow.getByText('SIS attendance report, end of January').waitFor();
      await benchmarkRow.getByText('February 5, 2027').waitFor();
      expect(await page.getByRole('form', { name: 'Change the benchmark' }).count()).toBe(0);

      const stepForm = page.getByRole('form', { name: 'Add an action step' });
      const addStep = async (description: string, owner: string, due: string) => {
        await stepForm.getByLabel('Action step', { exact: true }).fill(description);
        await stepForm.getByLabel('Owner', { exact: true }).fill(owner);
        await stepForm.getByLabel('Due date').fill(due);
        await stepForm.getByRole('button', { name: 'Add the action step' }).click();
        await page.getByText('The action step is added.').waitFor();
      };
      await addStep('Start an attendance team that meets weekly', 'Assistant principal', '2026-12-15');
      await addStep('Buy a second attendance tracking tool', 'Business manager', '2026-11-01');
      const steps = page.getByRole('region', { name: 'Action steps' });
      acceptNextDialog(page);
      await steps
        .getByRole('button', { name: 'Remove the action step: Buy a second attendance tracking tool' })
        .click();
      await steps.getByText('The action step is removed.').waitFor();
      expect(await steps.locator('tbody tr').count()).toBe(1);
      await record(page, 'plan-draft-written', 'a draft plan with its cover, sections, a goal, a benchmark and a step');

      // --- Submit: the plan can no longer be edited or submitted again. ---
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByText('The plan is submitted for review.').waitFor();
      await page.getByText('The plan is submitted and under review').waitFor();
      expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save the sections' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save the cover' }).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Add a SMART goal' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Change the benchmark/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Return with comments' }).count()).toBe(0);
      // The cover as it now reads.
      await page.getByRole('region', { name: 'Cover' }).getByText('Dr. Dana Whitfield', { exact: true }).waitFor();
      await record(page, 'plan-submitted-team', 'a submitted plan, as its team sees it');
    },
  );

  test('the regional staff return the plan with a coaching comment', { timeout: 180_000 }, async () => {
    const { page, url } = browser;
    expect(planId, 'the plan was submitted').toBeGreaterThan(0);
    await signIn(page, url, 'regional_staff');
    await page.goto(url('/improvement/plans'));
    await expectPageHeading(page, 'Plans to review');
    const waiting = page.getByRole('table', { name: /Plans submitted for review/ });
    const row = waiting.getByRole('row', { name: new RegExp(planTitle) });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/1 (on track|off track|met|no data yet)/i);
    await record(page, 'plans-review-queue', 'the regional review queue');
    await waiting.getByRole('link', { name: planTitle }).click();
    await expectPageHeading(page, planTitle);
    await page.getByText('waits for your review').waitFor();
    // A reviewer does not edit the plan.
    expect(await page.getByRole('button', { name: 'Save the sections' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the cover' }).count()).toBe(0);
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
  });

  test(
    'the school revises and resubmits the plan; the region approves it, and a stale tab is refused',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'school_leader');
      await page.goto(url(`/plans/${planId}`));
      await expectPageHeading(page, planTitle);
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

      // The regional staff approve it; a stale second tab that tries to return it is told why not (409).
      await signIn(page, url, 'regional_staff');
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
    },
  );

  test(
    'the approved plan’s dashboard shows the goal with the server’s numbers; vendors see no plans',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'school_leader');
      await page.goto(url(`/plans/${planId}`));
      await page.getByText('The plan is approved. Its content is no longer edited').waitFor();
      const dashboard = await apiJson<PlanDashboard>(page, url, `/api/plans/${planId}/dashboard`);
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
      await page
        .getByLabel('Status of the action step: Start an attendance team that meets weekly')
        .selectOption('done');
      await page.getByRole('button', { name: /Update status of the action step/ }).click();
      await page.getByText('The action step is now done.').waitFor();
      const history = page.getByRole('region', { name: 'History' });
      await history.getByText('Approved', { exact: true }).waitFor();
      await history.getByText('Returned with comments', { exact: true }).waitFor();
      await history.getByText('Benchmark changed', { exact: true }).waitFor();
      await history.getByText('Action step removed', { exact: true }).waitFor();
      await history.getByText('coastal@demo.ssos.example').first().waitFor();
      await page.getByRole('region', { name: 'Progress dashboard' }).scrollIntoViewIfNeeded();
      await record(page, 'plan-approved-dashboard', 'an approved plan with its dashboard');

      await page.goto(url(`/orgs/${school!.code}/plans`));
      await expectPageHeading(page, `${school!.name}: improvement plans`);
      const listed = page.getByRole('row', { name: new RegExp(planTitle) });
      await listed.getByText('Approved', { exact: true }).waitFor();
      await expect
        .poll(() => listed.innerText())
        .toContain(`1 ${goalStatusLabels[goal.progress!.status].toLowerCase()}`);
      await record(page, 'plans-org-approved', 'the plans of a school, one approved');

      // Site-visit vendors see neither plans nor self-assessments.
      await signIn(page, url, 'vendor');
      for (const address of [`/api/plans/${planId}`, `/api/self-assessments/${selfAssessmentId}`])
        expect((await page.request.get(url(address))).status(), address).toBe(403);
    },
  );

  test(
    'state staff schedule a monitoring site visit of the school with the demo vendor',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'state_staff');
      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      const section = page.getByRole('region', { name: 'Schedule a site visit' });
      await section.getByRole('checkbox', { name: /^Val Vendor/ }).waitFor();
      await record(page, 'improvement-landing-state', 'the improvement area, as state staff');

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
      await record(page, 'improvement-visit-scheduled', 'a scheduled site visit, as state staff');

      // A second visit, with no vendor assigned yet: the demo vendor must not see it.
      const other = await page.request.post(url('/api/site-visits'), {
        data: { schoolCode: school!.code, type: 'targeted', visitOn: '2027-03-03', vendorUserIds: [] },
      });
      expect(other.status(), await other.text()).toBe(201);
      otherVisitId = ((await other.json()) as { id: number }).id;
    },
  );

  test(
    'the vendor rates every practice indicator of the new version with evidence and submits; other visits are refused',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      expect(visitUrl, 'the visit was scheduled').not.toBe('');
      await signIn(page, url, 'vendor');
      await page.goto(url('/improvement'));
      await expectPageHeading(page, 'Self-assessment and improvement');
      const assigned = page.getByRole('table', { name: 'Site visits assigned to you, latest first' });
      await assigned.getByRole('row', { name: new RegExp(school!.name) }).waitFor();
      // Only the visit assigned to the vendor: the other is neither listed nor readable.
      expect(await assigned.locator('tbody tr').count()).toBe(1);
      expect((await page.request.get(url(`/api/site-visits/${otherVisitId}`))).status()).toBe(403);
      await record(page, 'improvement-landing-vendor', 'the improvement area, as a vendor');
      await assigned.getByRole('link', { name: 'Visit of Oct 14, 2026' }).click();
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      expect(page.url()).toBe(visitUrl);

      await page.getByRole('button', { name: 'Start the visit' }).click();
      const form = page.getByRole('form', { name: 'Ratings of the visit' });
      await form.waitFor();
      // The visit uses version 2 of the practices: the corrected wording, the added indicator, not the removed one.
      await form.getByRole('group', { name: new RegExp(`^TP1\\.1 ${tp11}`) }).waitFor();
      await form.getByRole('group', { name: new RegExp(`^TP2\\.2 ${tp22}`) }).waitFor();
      expect(await form.getByRole('group', { name: /^TP4\.2 / }).count()).toBe(0);
      // Submitting before every indicator is rated is refused with the server's sentence.
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('alert').filter({ hasText: 'could not be submitted' }).waitFor();

      const groups = form.getByRole('group');
      const count = await groups.count();
      expect(count).toBe(7);
      const levels = ['Developing', 'Providing', 'Sustaining', 'No evidence'];
      for (let i = 0; i < count; i++) {
        const g = groups.nth(i);
        await g.locator('label', { hasText: new RegExp(`^${levels[i % levels.length]!}$`) }).click();
      }
      await form.getByLabel('Evidence for TP1.1').fill('The instructional leadership team meets weekly with agendas');
      await record(page, 'improvement-visit-rating', 'the vendor’s rating form');
      await form.getByRole('button', { name: 'Save the ratings' }).click();
      await form.getByText(`The ratings are saved: ${count} of ${count} indicators rated.`).waitFor();
      await page.getByText(/^Every indicator is rated\./).waitFor();
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('heading', { level: 2, name: 'Submitted for review' }).waitFor();
      await record(page, 'improvement-visit-submitted', 'a submitted visit, as the vendor');
    },
  );

  test('the school sees nothing of the visit’s ratings before publication', { timeout: 180_000 }, async () => {
    const { page, url } = browser;
    await signIn(page, url, 'school_leader');
    await page.goto(visitUrl);
    await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
    await page.getByText('The ratings and the feedback report appear here once the agency').waitFor();
    expect(await page.getByRole('link', { name: 'Download the feedback report (PDF)' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'The ratings of the visit' }).count()).toBe(0);
    const id = visitUrl.split('/').pop();
    expect((await page.request.get(url(`/api/site-visits/${id}/report.pdf`))).status()).toBe(409);
    await record(page, 'improvement-visit-school-before', 'a submitted visit, as the school');
  });

  test(
    'state staff return the ratings with a comment, and the vendor reads it and resubmits',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'state_staff');
      await page.goto(visitUrl);
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      const review = page.getByRole('region', { name: 'Review the ratings' });
      await review.getByRole('table', { name: 'The ratings submitted by the vendors' }).waitFor();
      await record(page, 'improvement-visit-review', 'the state’s review of a submitted visit');
      // Returning needs a comment, named beside the field.
      await review.getByRole('button', { name: 'Return to the vendors' }).click();
      await review.getByText('Enter a comment for the vendors to return the ratings').waitFor();
      const comment = 'Please add the evidence behind the TP4.1 rating of no evidence';
      await review.getByLabel('Comment for the vendors').fill(comment);
      await review.getByRole('button', { name: 'Return to the vendors' }).click();
      await page.getByRole('heading', { level: 2, name: 'Ratings in progress' }).waitFor();
      await page
        .getByRole('row', { name: /Submitted for review → In progress/ })
        .getByText(comment)
        .waitFor();
      // The vendors can still be changed while the visit is in progress.
      await page.getByRole('form', { name: 'Change the assigned vendors' }).waitFor();
      await record(page, 'improvement-visit-returned-state', 'a returned visit, as state staff');

      await signIn(page, url, 'vendor');
      await page.goto(visitUrl);
      await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
      await page.getByRole('heading', { level: 3, name: 'Returned by the agency' }).waitFor();
      await page.getByText(comment, { exact: false }).first().waitFor();
      const form = page.getByRole('form', { name: 'Ratings of the visit' });
      await form
        .getByLabel('Evidence for TP4.1')
        .fill('Advisory in every grade; restorative circles observed in three classes');
      await form.getByRole('button', { name: 'Save the ratings' }).click();
      await form.getByText(/The ratings are saved/).waitFor();
      await record(page, 'improvement-visit-returned-vendor', 'a returned visit, as the vendor');
      await page.getByRole('button', { name: 'Submit the ratings for review' }).click();
      await page.getByRole('heading', { level: 2, name: 'Submitted for review' }).waitFor();
    },
  );

  test('state staff publish the feedback', { timeout: 180_000 }, async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    await page.goto(visitUrl);
    await expectPageHeading(page, `Monitoring site visit: ${school!.name}`);
    const review = page.getByRole('region', { name: 'Review the ratings' });
    await review.getByText('Advisory in every grade; restorative circles observed in three classes').waitFor();
    await review.getByRole('button', { name: 'Publish the feedback to the school' }).click();
    await page.getByRole('heading', { level: 2, name: 'Published feedback' }).waitFor();
    await page.getByRole('row', { name: /Submitted for review → Published/ }).waitFor();
    expect(await page.getByRole('form', { name: 'Change the assigned vendors' }).count()).toBe(0);
    await record(page, 'improvement-visit-published-state', 'a published visit, as state staff');
  });

  test(
    'the school reads the published feedback, its report and the trend per practice',
    { timeout: 180_000 },
    async () => {
      const { page, url } = browser;
      await signIn(page, url, 'school_leader');
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
      const text = await readPdf(page, url, (await link.getAttribute('href'))!);
      for (const words of [
        `Site visit feedback report: ${school!.name}`,
        'Monitoring Site Visit on 2026-10-14',
        'Visited by Val Vendor',
        'TP1 Leadership, shared responsibility, and professional collaboration',
        `TP1.1 ${tp11}`,
        'Rating: Developing',
        'Evidence: The instructional leadership team meets weekly with agendas',
        `TP2.2 ${tp22}`,
        'Evidence: Advisory in every grade; restorative circles observed in three classes',
      ])
        expect(text, words).toContain(words);
      // TP1.1 was confirmed in version 2; its unconfirmed mark is gone from the report.
      expect(text).not.toContain(`TP1.1 ${tp11} [unconfirmed wording]`);
      await record(page, 'improvement-visit-published-school', 'the published feedback, as the school');
      await page.goto(url(`/orgs/${school!.code}/improvement`));
      await trends.waitFor();
      await screenshot(page, 'improvement-org-visits');
    },
  );
});
