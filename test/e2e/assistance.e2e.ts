// Assistance operations in the browser, on the platform as `ssos serve --demo` starts it: the Coastal regional staff
// member opens the region's priority queue, opens the top school (requiring assistance, its last engagement overdue),
// logs a coaching engagement (refused first for a date after today, the server's message beside the field), sees it
// in the timeline and the CSV export, and the alert leave the queue; finds a partner for the school among the
// suggestions read from its self-assessment and in the catalog; registers the school's principal for a professional
// development session that is full (waitlisted, position 1), then cancels another registration and the principal is
// promoted. Other journeys: state staff add a partner (a vetted one without its approval date refused beside the
// field), add an offering and a session, and correct the attendance of a session held; a district leader and a
// signed-out visitor are told what they may use. Axe checks every page reached, and each is kept as a screenshot.
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { OfferingList, PriorityQueue } from '../../src/web/api/assistance.ts';
import { formatScore } from '../../src/web/components/assistance-format.tsx';
import { formatDate } from '../../src/web/components/ewis-format.tsx';
import { demoPrincipal } from '../../src/server/services/demo-assistance.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { apiJson, expectPageHeading, signIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

/** Checks the page with axe and keeps a screenshot of it. */
async function record(page: Page, name: string, what: string): Promise<void> {
  await checkAccessibility(page, what);
  await screenshot(page, name);
}

/** Ticks a USWDS checkbox the way a person does, by its label (USWDS draws the box; the input is hidden). */
async function tick(scope: Locator, label: string): Promise<void> {
  await scope.locator('label').getByText(label, { exact: true }).click();
  expect(await scope.getByRole('checkbox', { name: label, exact: true }).isChecked()).toBe(true);
}

/** A day `days` from today in UTC, as YYYY-MM-DD (the server counts days in UTC). */
function utcDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('assistance: the priority queue, an engagement, a partner and a waitlisted registration promoted', () => {
  const browser = useBrowser(baseUrl);

  test('the regional staff member works the top school of the queue from engagement to training', async () => {
    const { page, url } = browser;

    // --- The start page: the team membership and the caseload. ---
    await signIn(page, url, 'regional_staff');
    await page.goto(url('/assistance'));
    await expectPageHeading(page, 'Assistance');
    await page
      .getByRole('heading', { level: 3, name: 'Principal specialist, Coastal Regional Assistance Team' })
      .waitFor();
    const caseload = page.getByRole('table', { name: /Your caseload/ });
    await caseload.waitFor();
    expect(await caseload.getByRole('row').count()).toBeGreaterThan(1);
    await record(page, 'assistance-landing', 'the assistance start page of a regional staff member');

    // --- The priority queue, schools only: the top school requires assistance and its alert is shown in words. ---
    await page.getByRole('link', { name: 'Priority queue of the Coastal Regional Assistance Team' }).click();
    await expectPageHeading(page, 'Coastal Regional Assistance Team: priority queue');
    await page.getByLabel('Show').selectOption('school');
    const queue = await apiJson<PriorityQueue>(page, url, '/api/assistance/regions/coastal/priority?level=school');
    const top = queue.items[0]!;
    expect(top.requiringAssistance).toBe(true);
    expect(top.alert?.kind).toBe('overdue');
    const table = page.getByRole('table', { name: /Schools of the Coastal Regional Assistance Team/ });
    const topRow = table.getByRole('row').nth(1);
    await topRow.getByRole('link', { name: top.org.name, exact: true }).waitFor();
    await topRow.getByText(formatScore(top.score), { exact: true }).waitFor();
    await topRow.getByText('Alert: overdue', { exact: true }).waitFor();
    await topRow.getByRole('list', { name: 'Points from each part' }).getByText('Classification:').waitFor();
    await page.getByText('How the order and the score work').click();
    await page.getByText(/An alert marks an organization requiring assistance/).waitFor();
    await record(page, 'assistance-priority-queue', 'the priority queue of a region');

    // --- The school's page: an engagement refused for a date after today, then logged. ---
    await topRow.getByRole('link', { name: top.org.name, exact: true }).click();
    await expectPageHeading(page, `${top.org.name}: assistance`);
    const timeline = page.getByRole('list', { name: `Engagements of ${top.org.name}, latest first` });
    await timeline.getByRole('article').first().waitFor();
    const before = await timeline.getByRole('article').count();
    expect(before).toBeGreaterThan(0);
    const form = page.getByRole('form', { name: 'Log an engagement' });
    await form.getByLabel('Type of engagement').selectOption('coaching');
    await form.getByLabel('Date').fill(utcDay(7));
    expect(await form.getByLabel('Riley Coastal, Principal specialist').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Add a participant' }).click();
    await form.getByLabel('Participant 1: name').fill(demoPrincipal.name);
    await form.getByLabel('Participant 1: role').fill(demoPrincipal.role);
    await tick(form, 'Condition 8: Tiered instruction and adequate learning time');
    await tick(form, 'Practice 3: Student-specific supports and instruction to all students');
    const notes = 'Coached the principal on scheduling a daily intervention block for grades 1 to 3.';
    await form.getByLabel('Notes').fill(notes);
    await form.getByLabel('Next steps').fill('The principal drafts the intervention schedule for the next visit.');
    await form.getByRole('button', { name: 'Log the engagement' }).click();
    const dateGroup = form.locator('.usa-form-group--error', { has: page.getByLabel('Date') });
    await dateGroup.locator('.usa-error-message', { hasText: /after today/ }).waitFor();
    expect(await form.getByLabel('Date').getAttribute('aria-invalid')).toBe('true');
    await record(page, 'assistance-engagement-refused', 'an engagement refused, the message beside its date');
    const today = utcDay(-1);
    await form.getByLabel('Date').fill(today);
    await form.getByRole('button', { name: 'Log the engagement' }).click();
    await page.getByText(`The coaching of ${formatDate(today)} is logged.`).waitFor();
    await expect.poll(() => timeline.getByRole('article').count()).toBe(before + 1);
    const logged = timeline.getByRole('article').first();
    await logged.getByRole('heading', { name: `${formatDate(today)}: Coaching` }).waitFor();
    await logged.getByText(`${demoPrincipal.name} (${demoPrincipal.role})`).waitFor();
    await logged.getByText(notes).waitFor();

    // The CSV export holds it, with the columns the documentation lists.
    const csvHref = await page.getByRole('link', { name: /engagements as CSV/ }).getAttribute('href');
    const csv = await page.request.get(url(csvHref!));
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText.split('\r\n')[0]).toBe(
      'Date,Organization code,Organization,District,Type,Staff,Participants,Conditions / Practices,Notes,Next steps',
    );
    expect(csvText).toContain(`${today},${top.org.code},`);
    expect(csvText).toContain(`${demoPrincipal.name} (${demoPrincipal.role})`);
    await record(page, 'assistance-engagement-logged', 'an organization’s assistance page with a new engagement');

    // --- A partner for the school: suggested from its self-assessment, with the reason; then in the catalog. ---
    const suggestions = page.getByRole('list', { name: `Partners suggested for ${top.org.name}` });
    const first = suggestions.getByRole('listitem').first();
    await first.getByText(/^Why: Addresses Condition \d+/).waitFor();
    const partnerName = await first.getByRole('heading', { level: 3 }).innerText();
    await page.getByRole('link', { name: /^Every partner addressing Condition \d+ in the catalog$/ }).click();
    await expectPageHeading(page, 'Partner catalog');
    expect(page.url()).toMatch(/\/assistance\/partners\?code=cse-\d+$/);
    await page.getByRole('heading', { level: 2, name: partnerName, exact: true }).waitFor();
    // Regional staff read the catalog; state staff keep it.
    expect(await page.getByRole('button', { name: /^Change / }).count()).toBe(0);
    await record(page, 'assistance-partner-catalog', 'the partner catalog filtered by a Condition');

    // --- Back in the queue, the school has no alert any more. ---
    await page.goto(url('/assistance/regions/coastal/priority?level=school'));
    await expectPageHeading(page, 'Coastal Regional Assistance Team: priority queue');
    const row = page
      .getByRole('table', { name: /Schools of the Coastal Regional Assistance Team/ })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: top.org.name, exact: true }) });
    await row.getByText('1 day ago').or(row.getByText('today')).first().waitFor();
    expect(await row.getByText(/^Alert/).count()).toBe(0);

    // --- Professional development: the full session, the principal waitlisted. ---
    await page.goto(url('/assistance/pd'));
    await expectPageHeading(page, 'Professional development');
    const offerings = await apiJson<OfferingList>(page, url, '/api/assistance/pd/offerings');
    const full = offerings.items
      .flatMap((o) => o.sessions.map((s) => ({ offering: o, session: s })))
      .find(({ session }) => session.confirmed >= session.capacity && session.waitlisted === 0)!;
    expect(full).toBeDefined();
    const sessionRow = page.getByRole('row').filter({ hasText: full.session.location }).filter({ hasText: 'Full' });
    await record(page, 'assistance-pd', 'the professional development offerings and sessions');
    await sessionRow.getByRole('link', { name: new RegExp(full.offering.title) }).click();
    const sessionHeading = `${full.offering.title}, ${formatDate(full.session.startsOn)}`;
    await expectPageHeading(page, sessionHeading);
    await page.getByText(`Full (${full.session.capacity} places); ${full.session.confirmed} confirmed`).waitFor();
    const registrations = page.getByRole('table', { name: 'Registrations for this session' });
    const confirmedBefore = await registrations.getByRole('row').filter({ hasText: 'Confirmed' }).count();
    expect(confirmedBefore).toBe(full.session.capacity);

    await page.getByLabel('Works for a').selectOption('school');
    await page.getByLabel('Their school').fill(top.org.name);
    await page.getByRole('search', { name: 'Search schools' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Choose ${top.org.name}` }).click();
    await page.getByText(`Chosen organization: ${top.org.name}`).waitFor();
    const register = page.getByRole('form', { name: 'Register a person' });
    const email = `${demoPrincipal.name.toLowerCase().replace(/ /g, '.')}@schools.example.org`;
    await register.getByLabel('Name').fill(demoPrincipal.name);
    await register.getByLabel('Email').fill(email);
    await register.getByLabel('Role').fill(demoPrincipal.role);
    await register.getByRole('button', { name: 'Register' }).click();
    await page.getByText(`${demoPrincipal.name} is registered and is on the waitlist, position 1`).waitFor();
    const principalRow = registrations.getByRole('row').filter({ hasText: email });
    await principalRow.getByText('Waitlisted, position 1', { exact: true }).waitFor();
    await page.getByText('1 on the waitlist', { exact: true }).waitFor();
    await record(page, 'assistance-pd-waitlisted', 'a full session with the principal on its waitlist');

    // --- Someone cancels: the principal is promoted automatically. ---
    const leaving = registrations.getByRole('row').filter({ hasText: 'Confirmed' }).first();
    const leavingName = await leaving.getByRole('rowheader').innerText();
    await leaving.getByRole('button', { name: `Cancel the registration of ${leavingName}` }).click();
    await page
      .getByText(
        `The registration of ${leavingName} is cancelled. ${demoPrincipal.name} was promoted from the waitlist and now has a confirmed place.`,
      )
      .waitFor();
    await principalRow.getByText('Confirmed', { exact: true }).waitFor();
    await registrations
      .getByRole('row')
      .filter({ hasText: leavingName })
      .getByText('Cancelled', { exact: true })
      .waitFor();
    await page.getByText('No waitlist', { exact: true }).waitFor();
    await record(page, 'assistance-pd-promoted', 'the principal promoted from the waitlist after a cancellation');
  }, 300_000);

  test('state staff add a partner: a vetted one without its approval date is refused beside the field', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    await page.goto(url('/assistance/partners'));
    await expectPageHeading(page, 'Partner catalog');
    const form = page.getByRole('form', { name: 'Add a partner' });
    const name = 'South Shore Attendance Collaborative';
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('What it does').fill('Helps schools build attendance teams and family outreach.');
    await form.getByLabel('Services').fill('Attendance team coaching\nFamily outreach');
    await tick(form, 'Condition 10: Family-school engagement');
    await tick(form, 'Coastal Regional Assistance Team');
    await form.getByLabel('Status').selectOption('vetted');
    await form.getByRole('button', { name: 'Add the partner' }).click();
    const approval = form.locator('.usa-form-group--error', { has: page.getByLabel('Approval date') });
    await approval.locator('.usa-error-message', { hasText: 'approval date' }).waitFor();
    await record(page, 'assistance-partner-refused', 'a partner refused, the message beside its approval date');
    await form.getByLabel('Approval date').fill(utcDay(-3));
    await form.getByRole('button', { name: 'Add the partner' }).click();
    await page.getByText(`${name} is added to the catalog.`).waitFor();
    const added = page.getByRole('article', { name });
    await added.getByText('Condition 10: Family-school engagement').waitFor();
    // Changing it: the form opens in place, and the change shows.
    await page.getByRole('button', { name: `Change ${name}` }).click();
    const change = page.getByRole('form', { name: `Change ${name}` });
    await change.getByLabel('Status').selectOption('provisional');
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByText(`${name} is changed.`).waitFor();
    await page.getByRole('article', { name }).getByText('Provisional', { exact: true }).waitFor();
    await record(page, 'assistance-partner-changed', 'the catalog after state staff added and changed a partner');
  }, 120_000);

  test('state staff add an offering and a session; a session held shows its attendance and numbers', async () => {
    const { page, url } = browser;
    await signIn(page, url, 'state_staff');
    await page.goto(url('/assistance/pd'));
    await expectPageHeading(page, 'Professional development');
    const offeringForm = page.getByRole('form', { name: 'Add an offering' });
    const title = 'Data Inquiry Cycles for School Teams';
    await offeringForm.getByLabel('Title').fill(title);
    await offeringForm.getByLabel('Kind').selectOption('course');
    await offeringForm.getByLabel('Content area').selectOption('instructional_leadership');
    await offeringForm.getByRole('button', { name: 'Add the offering' }).click();
    await page.getByText(`${title} is added.`).waitFor();
    const sessionForm = page.getByRole('form', { name: 'Add a session' });
    await sessionForm.getByLabel('Offering').selectOption({ label: title });
    await sessionForm.getByLabel('Date').fill(utcDay(30));
    await sessionForm.getByLabel('Location').fill('Online');
    // No places at all is refused by the server, beside the field.
    await sessionForm.getByLabel('Places').fill('0');
    await sessionForm.getByRole('button', { name: 'Add the session' }).click();
    const places = sessionForm.locator('.usa-form-group--error', { has: page.getByLabel('Places') });
    await places.locator('.usa-error-message').waitFor();
    await sessionForm.getByLabel('Places').fill('35');
    await sessionForm.getByRole('button', { name: 'Add the session' }).click();
    await page.getByText(`A session of ${title} on ${formatDate(utcDay(30))} is added.`).waitFor();
    const offering = page.getByRole('article', { name: title });
    await offering.getByRole('row').filter({ hasText: 'Online' }).getByText('No waitlist').waitFor();
    await record(page, 'assistance-pd-state', 'the offerings with the forms to add offerings and sessions');

    // The institute session held three weeks ago: registration closed, attendance and numbers shown.
    const offerings = await apiJson<OfferingList>(page, url, '/api/assistance/pd/offerings');
    const held = offerings.items
      .flatMap((o) => o.sessions.map((s) => ({ offering: o, session: s })))
      .find(({ session }) => session.startsOn < utcDay(0))!;
    await page.goto(url(`/assistance/pd/sessions/${held.session.id}`));
    await expectPageHeading(page, `${held.offering.title}, ${formatDate(held.session.startsOn)}`);
    await page.getByText('The session has begun: registration is closed.').waitFor();
    const numbers = page.getByRole('region', { name: 'The session in numbers' });
    await numbers.getByText(/2 of 3 recorded attended \(66\.7%\)/).waitFor();
    const attendance = page.getByRole('form', { name: 'Record attendance' });
    const absent = attendance
      .getByRole('group')
      .filter({ has: page.getByRole('radio', { name: 'Absent', checked: true }) });
    expect(await absent.count()).toBe(1);
    await absent.locator('label', { hasText: 'Attended' }).click();
    await attendance.getByRole('button', { name: 'Record the attendance' }).click();
    await page.getByText('Attendance is recorded for 3 people.').waitFor();
    await numbers.getByText(/3 of 3 recorded attended \(100%\)/).waitFor();
    await record(page, 'assistance-pd-attendance', 'a session held, its attendance and numbers');
  }, 120_000);

  test('a district leader is shown what they may use; a signed-out visitor is asked to sign in', async () => {
    const { page, url } = browser;
    await page.goto(url('/assistance'));
    await expectPageHeading(page, 'Assistance');
    await page.getByRole('heading', { level: 2, name: 'Sign in to work on assistance' }).waitFor();
    await record(page, 'assistance-signed-out', 'the assistance start page, signed out');

    const leader = await signIn(page, url, 'district_leader');
    await page.goto(url('/assistance'));
    await expectPageHeading(page, 'Assistance');
    await page.getByRole('heading', { level: 2, name: 'What you can use' }).waitFor();
    await page.getByRole('link', { name: `Assistance to ${leader.scope.orgName}` }).click();
    await expectPageHeading(page, `${leader.scope.orgName}: assistance`);
    // Leaders read their engagements; they do not log them.
    expect(await page.getByRole('form', { name: 'Log an engagement' }).count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Engagements' }).waitFor();
    await record(page, 'assistance-district-leader', 'a district’s assistance page as its leader sees it');
    await page.goto(url('/assistance/regions/coastal/priority'));
    await expectPageHeading(page, 'Priority queue');
    await page.getByText('The priority queue is for the regional assistance teams and state staff.').waitFor();
    await checkAccessibility(page, 'the priority queue refused to a district leader');
  }, 120_000);
});
