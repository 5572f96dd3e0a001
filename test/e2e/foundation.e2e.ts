// The foundation's browser journeys: the platform started as the README's first command starts it (`ssos serve
// --demo`), driven in headless Chromium the way a person would use it, with axe checking each page it reaches.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUsers } from '../../src/core/demo/fixed-commonwealth.ts';
import { roleDefinitions, type Role } from '../../src/core/access/roles.ts';
import { checkAccessibility, screenshot } from './support/browser.ts';
import { demoAccount, expectPageHeading, signIn, submitSignIn, useBrowser, usePlatform } from './support/session.ts';

const baseUrl = usePlatform();

const agencyName = 'Department of Elementary and Secondary Education';

/** The primary navigation's sections: the link a reader follows, where it goes, and the page's heading. */
const sectionPages = [
  { label: 'Accountability', path: '/accountability', title: 'Accountability' },
  { label: 'DART', path: '/dart', title: 'District Analysis and Review Tools (DART)' },
  { label: 'Early Warning', path: '/early-warning', title: 'Early Warning Indicator System' },
  { label: 'Improvement', path: '/improvement', title: 'Self-assessment and improvement' },
  { label: 'Assistance', path: '/assistance', title: 'Assistance' },
] as const;

/** What the header says after the name of each role's demo account: the role, and whom the account acts for. */
const headerRoleText: Record<Role, string> = {
  state_admin: 'State administrator, Massachusetts (synthetic)',
  state_staff: 'State staff, Massachusetts (synthetic)',
  regional_staff: 'Regional assistance staff, Coastal Regional Assistance Team',
  district_leader: 'District leader, Saxfield',
  school_leader: 'School leader, Saxfield High School',
  vendor: 'Site-visit vendor, Assigned site visits',
};

/** Who the server thinks is signed in, asked with the page's own cookies. */
async function sessionEmail(page: Page, url: (path: string) => string): Promise<string | null> {
  const response = await page.request.get(url('/api/session'));
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { user: { email: string } | null };
  return body.user?.email ?? null;
}

/** An organization page's "At a glance" facts, term to text, as a reader sees them. */
async function readFacts(page: Page): Promise<Record<string, string>> {
  await page.getByRole('heading', { level: 2, name: 'At a glance' }).waitFor();
  return page
    .getByRole('main')
    .locator('dl')
    .first()
    .evaluate((list) => {
      const facts: Record<string, string> = {};
      for (const term of Array.from(list.querySelectorAll('dt'))) {
        facts[term.textContent?.trim() ?? ''] = term.nextElementSibling?.textContent?.trim() ?? '';
      }
      return facts;
    });
}

/** Searches from the home page's form, as a reader types it, and waits for the result sentence. */
async function searchOrganizations(page: Page, url: (path: string) => string, text: string): Promise<void> {
  await page.goto(url('/'));
  await expectPageHeading(page, 'Statewide System of Support');
  const search = page.getByRole('search');
  await search.getByLabel('Search schools and districts by name or code').fill(text);
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `“${text}”` })
    .waitFor();
}

/** The search results table's rows, each as the name of its organization. */
async function resultNames(page: Page): Promise<string[]> {
  const table = page.getByRole('main').getByRole('table');
  await table.waitFor();
  return table.getByRole('rowheader').allInnerTexts();
}

describe('home page', () => {
  const browser = useBrowser(baseUrl);

  test('shows the agency, the product, the demo notice and the primary navigation', async () => {
    const { page } = browser;
    const response = await page.goto(browser.url('/'));
    expect(response?.status()).toBe(200);
    await expectPageHeading(page, 'Statewide System of Support');
    expect(await page.title()).toBe('Home | ssos');

    const banner = page.getByRole('banner');
    await banner.getByText(agencyName, { exact: true }).waitFor();
    await page.getByText('This is a demonstration installation').waitFor();
    const nav = page.getByRole('navigation', { name: 'Primary navigation' });
    for (const label of ['Home', ...sectionPages.map((s) => s.label)]) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    expect(await nav.getByRole('link', { name: 'Home', exact: true }).getAttribute('aria-current')).toBe('page');
    await banner.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'API documentation' }).waitFor();

    await checkAccessibility(page, 'the home page');
    await screenshot(page, 'home');
  });
});

describe('organization search and pages', () => {
  const browser = useBrowser(baseUrl);

  test('finds a school by name and opens its page', async () => {
    const { page } = browser;
    await searchOrganizations(page, browser.url, 'saxfield high');
    expect(await resultNames(page)).toEqual(['Saxfield High School']);
    expect(page.url()).toBe(browser.url('/?q=saxfield+high'));
    await checkAccessibility(page, 'the search results');
    await screenshot(page, 'search-by-name');

    await page.getByRole('main').getByRole('link', { name: 'Saxfield High School', exact: true }).click();
    await expectPageHeading(page, 'Saxfield High School');
    expect(page.url()).toBe(browser.url('/orgs/01750505'));
    const facts = await readFacts(page);
    expect(facts).toMatchObject({
      Code: '01750505',
      Level: 'School',
      Grades: '09-12 (high school)',
      Town: 'Saxfield',
      District: 'Saxfield',
      Region: 'Coastal Regional Assistance Team',
    });
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: 'Saxfield', exact: true }).getAttribute('href')).toBe('/orgs/01750000');
    expect(await main.getByRole('link', { name: 'Coastal Regional Assistance Team' }).getAttribute('href')).toBe(
      '/orgs/coastal',
    );
    // Signed out, nobody's accounts are listed.
    expect(await page.getByRole('heading', { name: 'People with access' }).count()).toBe(0);
    await checkAccessibility(page, 'a school page');
    await screenshot(page, 'org-school');
  });

  test('finds a school by its 8-digit code, and by the code without leading zeros', async () => {
    const { page } = browser;
    await searchOrganizations(page, browser.url, '01750505');
    expect(await resultNames(page)).toEqual(['Saxfield High School']);
    await screenshot(page, 'search-by-code');

    await searchOrganizations(page, browser.url, '1750505');
    expect(await resultNames(page)).toEqual(['Saxfield High School']);
    await page.getByRole('main').getByRole('link', { name: 'Saxfield High School', exact: true }).click();
    await expectPageHeading(page, 'Saxfield High School');
    expect((await readFacts(page)).Code).toBe('01750505');
  });

  test('says so when nothing matches', async () => {
    const { page } = browser;
    await searchOrganizations(page, browser.url, 'no such school anywhere');
    await page.getByText('No organizations match “no such school anywhere”.').waitFor();
    expect(await page.getByRole('main').getByRole('table').count()).toBe(0);
    await checkAccessibility(page, 'a search with no results');
  });

  test('a district page lists its schools, and each links to the school', async () => {
    const { page } = browser;
    await page.goto(browser.url('/orgs/01750000'));
    await expectPageHeading(page, 'Saxfield');
    expect((await readFacts(page)).Code).toBe('01750000');
    await page.getByRole('heading', { level: 2, name: 'Schools (4)' }).waitFor();
    const schools = page.getByRole('table', { name: 'Schools in Saxfield' });
    expect((await schools.getByRole('rowheader').allInnerTexts()).sort()).toEqual([
      'Anh Saltonstall Elementary School',
      'Saxfield Center School',
      'Saxfield High School',
      'Saxfield Middle School',
    ]);
    await checkAccessibility(page, 'a district page');
    await screenshot(page, 'org-district');

    await schools.getByRole('link', { name: 'Saxfield Middle School', exact: true }).click();
    await expectPageHeading(page, 'Saxfield Middle School');
    expect(page.url()).toBe(browser.url('/orgs/01750305'));
    expect(await readFacts(page)).toMatchObject({ Code: '01750305', Grades: '06-08 (middle)', District: 'Saxfield' });
    // After a client-side navigation the reader starts at the new page's heading, as after a page load.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  });

  test('an unknown organization code says it was not found', async () => {
    const { page } = browser;
    await page.goto(browser.url('/orgs/99999999'));
    await expectPageHeading(page, 'Organization not found');
    await page.getByText('There is no school, district or region with the code “99999999”.').waitFor();
    await checkAccessibility(page, 'an unknown organization');
  });
});

describe('signing in and out', () => {
  const browser = useBrowser(baseUrl);

  test('the demo has one account for each role', () => {
    expect(demoUsers.map((u) => u.role).sort()).toEqual(Object.keys(roleDefinitions).sort());
  });

  test('the sign-in page is accessible', async () => {
    const { page } = browser;
    await page.goto(browser.url('/sign-in'));
    await expectPageHeading(page, 'Sign in');
    await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    await checkAccessibility(page, 'the sign-in page');
    await screenshot(page, 'sign-in');
  });

  for (const user of demoUsers) {
    const roleLabel = roleDefinitions[user.role].label;
    test(`signs in and out as the ${roleLabel} (${user.email})`, async () => {
      const { page } = browser;
      await submitSignIn(page, browser.url('/sign-in'), user.email, user.password);

      const banner = page.getByRole('banner');
      await banner.getByText(user.displayName, { exact: true }).waitFor();
      await banner.getByText(headerRoleText[user.role], { exact: true }).waitFor();
      await expectPageHeading(page, 'Statewide System of Support');
      expect(page.url()).toBe(browser.url('/'));
      expect(await banner.getByRole('link', { name: 'Sign in', exact: true }).count()).toBe(0);
      expect(await sessionEmail(page, browser.url)).toBe(user.email);
      const cookie = (await page.context().cookies(browser.url('/'))).find((c) => c.name === 'ssos_session');
      expect(cookie, 'the session cookie').toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      // The signed-in header differs between roles only in its words: one axe check covers it.
      if (user === demoUsers[0]) await checkAccessibility(page, `the home page signed in as ${roleLabel}`);
      await screenshot(page, `signed-in-${user.role.replace(/_/g, '-')}`);

      await banner.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByText('You have signed out.').waitFor();
      await banner.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
      expect(await banner.getByText(user.displayName, { exact: true }).count()).toBe(0);
      expect(await sessionEmail(page, browser.url)).toBeNull();
    });
  }

  test('a wrong password shows an error and does not sign in', async () => {
    const { page } = browser;
    const admin = demoAccount('state_admin');
    await submitSignIn(page, browser.url('/sign-in'), admin.email, 'not-the-password');

    const heading = page.getByRole('heading', { level: 2, name: 'You could not be signed in' });
    await heading.waitFor();
    await page.getByText('Email or password is not correct').waitFor();
    // Focus moves to the message, so that a screen reader reads it first.
    await page.waitForFunction(() =>
      (document.activeElement?.textContent ?? '').includes('You could not be signed in'),
    );
    expect(page.url()).toBe(browser.url('/sign-in'));
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await banner.getByText(admin.displayName).count()).toBe(0);
    expect(await sessionEmail(page, browser.url)).toBeNull();
    await checkAccessibility(page, 'the sign-in error');
    await screenshot(page, 'sign-in-wrong-password');
  });

  test('signing in from a page returns to it', async () => {
    const { page } = browser;
    await page.goto(browser.url('/orgs/01750505'));
    await expectPageHeading(page, 'Saxfield High School');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).click();
    await expectPageHeading(page, 'Sign in');
    expect(page.url()).toBe(browser.url('/sign-in?next=%2Forgs%2F01750505'));
    const school = demoAccount('school_leader');
    await page.getByLabel('Email address').fill(school.email);
    await page.getByLabel('Password', { exact: true }).fill(school.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectPageHeading(page, 'Saxfield High School');
    expect(page.url()).toBe(browser.url('/orgs/01750505'));
    await page.getByRole('heading', { level: 2, name: 'People with access' }).waitFor();
  });
});

describe('scope is visible', () => {
  const browser = useBrowser(baseUrl);

  /** Opens an organization page and waits for its "People with access" section to settle. */
  async function openPeopleWithAccess(page: Page, code: string, name: string) {
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orgs/${code}/users`);
    await page.goto(browser.url(`/orgs/${code}`));
    await expectPageHeading(page, name);
    await page.getByRole('heading', { level: 2, name: 'People with access' }).waitFor();
    return (await answer).status();
  }

  test('a school leader sees the accounts of their school, not of its district', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'school_leader');

    expect(await openPeopleWithAccess(page, '01750505', 'Saxfield High School')).toBe(200);
    const accounts = page.getByRole('table', { name: 'Accounts that act for Saxfield High School' });
    const skyler = accounts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Skyler School' }) });
    await skyler.waitFor();
    expect(await skyler.getByRole('cell').allInnerTexts()).toEqual([
      'school@demo.ssos.example',
      'School leader',
      'Saxfield High School',
      'Active',
    ]);
    await checkAccessibility(page, 'a school page signed in as its school leader');
    await screenshot(page, 'scope-school-leader-own-school');

    expect(await openPeopleWithAccess(page, '01750000', 'Saxfield')).toBe(403);
    await page.getByText("You do not have access to this organization's accounts.").waitFor();
    expect(await page.getByRole('table', { name: 'Accounts that act for Saxfield' }).count()).toBe(0);
    // The district's own facts and schools are still public.
    await page.getByRole('table', { name: 'Schools in Saxfield' }).waitFor();
    await checkAccessibility(page, 'a district page out of the school leader’s scope');
    await screenshot(page, 'scope-school-leader-district');
  });

  test('the state administrator sees the accounts of both', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'state_admin');

    expect(await openPeopleWithAccess(page, '01750505', 'Saxfield High School')).toBe(200);
    await page
      .getByRole('table', { name: 'Accounts that act for Saxfield High School' })
      .getByRole('rowheader', { name: 'Skyler School' })
      .waitFor();

    expect(await openPeopleWithAccess(page, '01750000', 'Saxfield')).toBe(200);
    await page
      .getByRole('table', { name: 'Accounts that act for Saxfield' })
      .getByRole('rowheader', { name: 'Drew District' })
      .waitFor();
    expect(await page.getByText("You do not have access to this organization's accounts.").count()).toBe(0);
    await checkAccessibility(page, 'a district page signed in as the state administrator');
    await screenshot(page, 'scope-state-admin-district');
  });
});

describe('regions', () => {
  const browser = useBrowser(baseUrl);

  test('the state administrator assigns a district to the other region, and its schools follow', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'state_admin');
    await page.goto(browser.url('/orgs/00980000'));
    await expectPageHeading(page, 'Holton');
    const select = page.getByLabel('Region that supports Holton');
    expect(await select.inputValue()).toBe('west-central');
    await select.selectOption('coastal');
    await page.getByRole('button', { name: 'Save region' }).click();
    await page.getByText('Holton is now supported by the Coastal Regional Assistance Team.').waitFor();
    await checkAccessibility(page, 'a district page with the region form');
    await screenshot(page, 'region-assigned');
    await page.goto(browser.url('/orgs/00980505'));
    await expectPageHeading(page, 'Holton High School');
    await page.getByRole('link', { name: 'Coastal Regional Assistance Team' }).waitFor();
    // Put it back, so other journeys see the demo as loaded.
    const back = await page.request.put(browser.url('/api/orgs/00980000/region'), {
      data: { regionCode: 'west-central' },
    });
    expect(back.status()).toBe(200);
  });

  test('other roles do not see the region form', async () => {
    const { page } = browser;
    await signIn(page, browser.url, 'district_leader');
    await page.goto(browser.url('/orgs/01750000'));
    await expectPageHeading(page, 'Saxfield');
    await page.getByRole('heading', { level: 2, name: 'People with access' }).waitFor();
    expect(await page.getByLabel('Region that supports Saxfield').count()).toBe(0);
  });
});

describe('section pages and keyboard use', () => {
  const browser = useBrowser(baseUrl);

  for (const section of sectionPages) {
    test(`${section.path} has one heading and is accessible, loaded directly and from the navigation`, async () => {
      const { page } = browser;
      const response = await page.goto(browser.url(section.path));
      expect(response?.status()).toBe(200);
      await expectPageHeading(page, section.title);
      expect(await page.title()).toBe(`${section.title} | ssos`);
      // Sections with their own pages (accountability, DART, early warning, improvement, assistance) are tested in
      // their own journeys.
      if (!['/accountability', '/dart', '/early-warning', '/improvement', '/assistance'].includes(section.path))
        await page.getByText('No results have been computed in this installation yet.').waitFor();
      await checkAccessibility(page, `the ${section.label} page`);

      await page.goto(browser.url('/'));
      await expectPageHeading(page, 'Statewide System of Support');
      const link = page
        .getByRole('navigation', { name: 'Primary navigation' })
        .getByRole('link', { name: section.label, exact: true });
      await link.click();
      await expectPageHeading(page, section.title);
      expect(page.url()).toBe(browser.url(section.path));
      expect(await link.getAttribute('aria-current')).toBe('page');
    });
  }

  test('an unknown address shows "Page not found" in the frame', async () => {
    const { page } = browser;
    await page.goto(browser.url('/no-such-page'));
    await expectPageHeading(page, 'Page not found');
    await page.getByText('There is no page at /no-such-page.').waitFor();
    await page.getByRole('navigation', { name: 'Primary navigation' }).waitFor();
    await checkAccessibility(page, 'the not-found page');
    await screenshot(page, 'not-found');
  });

  test('the first Tab reaches the skip link, which moves focus into the main content', async () => {
    const { page } = browser;
    await page.goto(browser.url('/'));
    await expectPageHeading(page, 'Statewide System of Support');
    await page.getByText('This is a demonstration installation').waitFor();

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skipLink.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skipLink.isVisible()).toBe(true);
    await screenshot(page, 'skip-link');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('main') !== null);
    // The next Tab goes on from there: to the search box, past the header's links.
    await page.keyboard.press('Tab');
    expect(
      await page
        .getByLabel('Search schools and districts by name or code')
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
  });
});

describe('API documentation', () => {
  const browser = useBrowser(baseUrl);

  test('/api/docs loads and /api/openapi.json describes the API', async () => {
    const { page } = browser;
    const response = await page.goto(browser.url('/api/docs'));
    expect(response?.status()).toBe(200);
    await page.getByText('ssos API').first().waitFor();
    await screenshot(page, 'api-docs');

    const spec = await page.request.get(browser.url('/api/openapi.json'));
    expect(spec.status()).toBe(200);
    const body = (await spec.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths ?? {})).toEqual(
      expect.arrayContaining(['/api/orgs', '/api/orgs/{code}', '/api/auth/login', '/api/session']),
    );
  });
});
