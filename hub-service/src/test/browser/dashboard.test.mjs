// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
//   node dashboard.test.mjs <hubUrl> <screenshotPath>
//
// Opens <hubUrl>/#period=2026-10 and checks what the focal point relies on:
//   (a) the reporting table shows a department that is late or has not reported ("Trễ hạn" / "Chưa báo cáo");
//   (b) the rejections feed shows a rejection with its reason code;
//   (c) the indicator table has HC-03 with a province value; clicking it opens the drill-down with district and
//       commune areas, and the chart has at least one point;
//   (d) the English toggle switches the labels, and the choice is remembered.
// Every page must carry the hub's Content-Security-Policy, and the browser must report no violation of it.
// In secure mode (DMHUB_DASHBOARD_USER and DMHUB_DASHBOARD_PASSWORD in the environment, never on the command line):
// the dashboard's address leads to the login page, a wrong password is refused there, the user's login opens the
// dashboard at the period of the link, and after logging out a dashboard still open shows the way to log in again.
// Saves a full-page screenshot to <screenshotPath>. Exit code 0 when every check passed, 1 otherwise.

import {mkdirSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {chromium} from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 30_000; // the rejections feed refreshes every 10 s, the hub may still be publishing
const OVERALL_MS = 180_000;
const REASONS = ['UNDECODABLE', 'UNKNOWN_INDICATOR', 'INDICATOR_RETIRED', 'DERIVED_INDICATOR', 'DEPARTMENT_NOT_OWNER',
  'DEPARTMENT_TOPIC_MISMATCH', 'UNKNOWN_AREA', 'WRONG_AREA_LEVEL', 'PERIOD_MISMATCH', 'UNIT_MISMATCH',
  'VALUE_OUT_OF_RANGE', 'NOT_FINITE', 'MISSING_VALUE', 'PRECISION_EXCEEDED', 'REVISION_CONFLICT'];

const [hubArgument, screenshotArgument] = process.argv.slice(2);
if (!hubArgument || !screenshotArgument) {
  console.error('usage: node dashboard.test.mjs <hubUrl> <screenshotPath>   e.g. http://127.0.0.1:18080 target/dashboard/dashboard.png');
  process.exit(1);
}
const hubUrl = hubArgument.replace(/\/+$/, '');
const screenshotPath = resolve(screenshotArgument);
const pageUrl = `${hubUrl}/#period=2026-10`;
const user = process.env.DMHUB_DASHBOARD_USER;
const password = process.env.DMHUB_DASHBOARD_PASSWORD;
const secure = Boolean(user);

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function log(message) {
  console.log(`[dashboard] ${message}`);
}

const diagnostics = [];

async function visibleProblems(page) {
  return page.locator('.problem:not([hidden]), .field-error:not(:empty)').allInnerTexts().catch(() => []);
}

async function waitFor(page, locator, what) {
  try {
    await locator.first().waitFor({state: 'visible', timeout: WAIT_MS});
  } catch {
    const problems = await visibleProblems(page);
    fail(`${what} did not appear within ${WAIT_MS / 1000} s`
      + (problems.length ? `; the page shows: ${problems.map((text) => JSON.stringify(text)).join(', ')}` : ''));
  }
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function checkReporting(page) {
  const behind = page.locator('#reporting-table tbody tr[data-state="LATE"], #reporting-table tbody tr[data-state="MISSING"]');
  await waitFor(page, behind, 'a reporting row with state LATE or MISSING');
  const rows = [];
  for (const row of await behind.all()) {
    const department = await text(row.locator('td.department'));
    const badge = await text(row.locator('.badge'));
    const state = await row.getAttribute('data-state');
    const expected = state === 'LATE' ? 'Trễ hạn' : 'Chưa báo cáo';
    if (badge !== expected) {
      fail(`(a) a ${state} row shows the state "${badge}" instead of "${expected}"`);
    }
    if (!department) {
      fail(`(a) a ${state} row has no department`);
    }
    rows.push(`${await row.getAttribute('data-department')} ${await row.getAttribute('data-indicator')}: ${badge}`);
  }
  const summary = await text(page.locator('#reporting-summary'));
  if (!/\d+ đơn vị trễ hạn \/ chưa báo cáo/.test(summary)) {
    fail(`(a) the summary line reads "${summary}", not "N đơn vị trễ hạn / chưa báo cáo"`);
  }
  log(`(a) reporting table: ${rows.length} row(s) late or not reported, e.g. ${rows.slice(0, 3).join('; ')}`);
  log(`(a) summary: "${summary}"`);
}

async function checkRejections(page) {
  const codes = page.locator('#rejections-table tbody tr.rejection .reason-code');
  await waitFor(page, codes, 'a rejection with a reason code in the rejections feed');
  const code = await text(codes.first());
  if (!REASONS.includes(code)) {
    fail(`(b) the first rejection's reason "${code}" is not a reason code (${REASONS.join(', ')})`);
  }
  const first = page.locator('#rejections-table tbody tr.rejection').first();
  const label = await text(first.locator('.reason-label').first());
  const source = await text(first.locator('td.source'));
  const count = await page.locator('#rejections-table tbody tr.rejection').count();
  log(`(b) rejections feed: ${count} rejection(s); the newest: ${code} ("${label}"), source ${source}`);
}

async function checkIndicatorAndDrilldown(page) {
  const row = page.locator('#indicators-table tbody tr[data-indicator="HC-03"]');
  await waitFor(page, row, 'the HC-03 row of the indicator table');
  const valueCell = row.locator('td.value');
  await waitFor(page, valueCell, 'a province value of HC-03');
  const value = await text(valueCell);
  if (!/\d/.test(value)) {
    fail(`(c) HC-03's province value reads "${value}"`);
  }
  log(`(c) indicator table: HC-03 province value ${value} (${await text(row.locator('td').nth(5))} reporting units)`);

  await row.click();
  const districts = page.locator('#drilldown-table tbody tr[data-level="DISTRICT"]');
  const communes = page.locator('#drilldown-table tbody tr[data-level="COMMUNE"]');
  await waitFor(page, districts, '(c) a district in the HC-03 drill-down');
  await waitFor(page, communes, '(c) a commune in the HC-03 drill-down');
  const districtNames = (await districts.locator('td.area .row-button').allInnerTexts()).map((name) => name.trim());
  const communeNames = (await communes.locator('td.area .row-button').allInnerTexts()).map((name) => name.trim());
  log(`(c) drill-down: ${await page.locator('#drilldown-table tbody tr[data-level="PROVINCE"]').count()} province, `
    + `${districtNames.length} district(s) (${districtNames.join(', ')}), ${communeNames.length} commune(s) (${communeNames.join(', ')})`);

  const points = page.locator('#chart-area svg circle.point');
  await waitFor(page, points, '(c) a point in the HC-03 chart');
  const labels = [];
  for (const point of await points.all()) {
    labels.push(`${await point.getAttribute('data-period')}=${await point.getAttribute('data-value')}`);
  }
  log(`(c) chart "${await text(page.locator('#chart-title'))}": ${labels.length} point(s): ${labels.join(', ')}`);
}

async function checkLanguage(page, context) {
  const toggle = page.locator('#lang-toggle');
  const before = await text(toggle);
  if (before !== 'English') {
    fail(`(d) the language button reads "${before}" on a Vietnamese page, not "English"`);
  }
  const heading = page.locator('#rejections-title');
  const headingBefore = await text(heading);
  await toggle.click();
  try {
    await page.waitForFunction(() => document.querySelector('#rejections-title').textContent === 'Rejected reports',
      null, {timeout: 5_000});
  } catch {
    fail(`(d) after "English", the rejections heading reads "${await text(heading)}", not "Rejected reports"`);
  }
  const after = await text(toggle);
  if (after !== 'Tiếng Việt') {
    fail(`(d) in English the language button reads "${after}", not "Tiếng Việt"`);
  }
  const badge = await text(page.locator('#reporting-table .badge[data-state="LATE"], #reporting-table .badge[data-state="MISSING"]').first());
  if (!['Late', 'Not reported'].includes(badge)) {
    fail(`(d) in English a late or missing report reads "${badge}"`);
  }
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== 'en') {
    fail(`(d) in English the page's lang attribute is "${lang}"`);
  }
  log(`(d) English toggle: "${headingBefore}" -> "Rejected reports", state badge "${badge}", button "${after}", <html lang="${lang}">`);

  const second = await context.newPage();
  await second.goto(pageUrl);
  try {
    await second.locator('#lang-toggle', {hasText: 'Tiếng Việt'}).waitFor({timeout: 5_000});
  } catch {
    fail('(d) a page opened after choosing English is not in English: the choice was not remembered');
  }
  await second.close();
  log('(d) the choice is remembered: a new page opens in English');

  await toggle.click();
  try {
    await page.waitForFunction(() => document.querySelector('#rejections-title').textContent === 'Báo cáo bị từ chối',
      null, {timeout: 5_000});
  } catch {
    fail(`(d) "Tiếng Việt" did not switch back: the heading reads "${await text(heading)}"`);
  }
  log('(d) "Tiếng Việt" switches back to Vietnamese');
}

/** The response's Content-Security-Policy allows the hub's own scripts and styles only. */
function checkPolicy(response, what) {
  const policy = response.headers()['content-security-policy'] ?? '';
  if (!policy.includes("script-src 'self'") || !policy.includes("style-src 'self'") || !policy.includes("frame-ancestors 'none'")) {
    fail(`${what} has no Content-Security-Policy of the hub (it has "${policy}")`);
  }
}

/** Secure mode: the link leads to the login page, which refuses a wrong password and lets the user in. */
async function logIn(page) {
  await page.goto(pageUrl, {waitUntil: 'load'});
  if (!page.url().startsWith(`${hubUrl}/login.html`)) {
    fail(`without a session ${pageUrl} opened ${page.url()}, not the login page`);
  }
  await page.fill('#login-username', user);
  await page.fill('#login-password', `${password}, but wrong`);
  await page.click('#login-submit');
  await waitFor(page, page.locator('#login-problem:not([hidden])'), 'the login page\'s refusal of a wrong password');
  const refusal = await text(page.locator('#login-problem'));
  log(`(login) a wrong password: "${refusal}"`);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForURL(`${hubUrl}/#period=2026-10`, {timeout: WAIT_MS}), page.click('#login-submit')]);
  log(`(login) logged in as ${user}: ${page.url()}`);
}

/** Secure mode: the top bar names the user; after logging out, a dashboard still open offers to log in again. */
async function checkLogout(page, context) {
  await waitFor(page, page.locator('#session:not([hidden])'), 'the logged-in user in the top bar');
  const shown = await text(page.locator('#session-user'));
  if (shown !== user) {
    fail(`(logout) the top bar names "${shown}", not ${user}`);
  }
  const other = await context.newPage();
  await other.goto(pageUrl, {waitUntil: 'load'});
  await waitFor(other, other.locator('#session:not([hidden])'), 'the logged-in user in a second page');
  await Promise.all([page.waitForURL(`${hubUrl}/login.html`, {timeout: WAIT_MS}), page.click('#logout')]);
  log(`(logout) "${shown}" logged out: ${page.url()}`);
  await waitFor(other, other.locator('#login-needed:not([hidden])'), 'the way to log in again on a dashboard left open');
  log(`(logout) the page left open says: "${await text(other.locator('#login-needed'))}"`);
  await other.close();
}

async function run() {
  log(`chromium ${CHROMIUM}, page ${pageUrl}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let page;
  try {
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh'});
    page = await context.newPage();
    page.on('pageerror', (error) => diagnostics.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url;
        diagnostics.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('requestfailed', (request) => diagnostics.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    if (secure) {
      await logIn(page);
    } else {
      const response = await page.goto(pageUrl, {waitUntil: 'load'});
      if (!response || !response.ok()) {
        fail(`${pageUrl} answered ${response ? response.status() : 'nothing'}`);
      }
    }
    for (const path of ['/', '/index.html', '/dashboard.js', '/login.html']) {
      checkPolicy(await page.request.get(`${hubUrl}${path}`), path);
    }
    if (await page.locator('#reporting-table').count() === 0) {
      fail(`${pageUrl} is not the dashboard (no reporting table)`);
    }
    const period = await page.inputValue('#period-input');
    if (period !== '2026-10') {
      fail(`the period field shows "${period}", not the 2026-10 of the link`);
    }
    log('page loaded; period 2026-10 from the link');

    await checkReporting(page);
    await checkRejections(page);
    await checkIndicatorAndDrilldown(page);
    await checkLanguage(page, context);
    const stats = (await page.locator('#throughput .stat').allInnerTexts()).map((stat) => stat.split('\n').slice(0, 2).join(' '));
    log(`throughput panel (shown, not checked): ${stats.join('; ')}`);
    const violations = diagnostics.filter((message) => /Content.Security.Policy/i.test(message));
    if (violations.length) {
      fail(`the browser reports violations of the Content-Security-Policy:\n  ${violations.join('\n  ')}`);
    }
    log('Content-Security-Policy on every page, no violation reported');

    mkdirSync(dirname(screenshotPath), {recursive: true});
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky top bar belongs at the top of the picture
    await page.screenshot({path: screenshotPath, fullPage: true});
    log(`screenshot: ${screenshotPath}`);
    if (secure) {
      await checkLogout(page, context);
    }
    if (diagnostics.length) {
      log(`browser messages:\n  ${diagnostics.join('\n  ')}`);
    }
    log('every check passed');
  } catch (error) {
    if (page) {
      mkdirSync(dirname(screenshotPath), {recursive: true});
      await page.screenshot({path: screenshotPath, fullPage: true}).catch(() => {});
      log(`screenshot of the failure: ${screenshotPath}`);
    }
    if (diagnostics.length) {
      log(`browser messages:\n  ${diagnostics.join('\n  ')}`);
    }
    throw error;
  } finally {
    await browser.close();
  }
}

const timeout = setTimeout(() => {
  console.error(`[dashboard] FAILED: the checks did not finish within ${OVERALL_MS / 1000} s`);
  process.exit(1);
}, OVERALL_MS);

try {
  await run();
  clearTimeout(timeout);
} catch (error) {
  console.error(`[dashboard] FAILED: ${error instanceof CheckFailed ? error.message : error.stack ?? error}`);
  process.exit(1);
}
