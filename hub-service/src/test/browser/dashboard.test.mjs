// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
//   node dashboard.test.mjs <hubUrl> <screenshotPath>
//
// Opens <hubUrl>/#period=2026-10 and checks what the focal point relies on:
//   (a) the reporting table shows a department that is late or has not reported ("Trễ hạn" / "Chưa báo cáo");
//   (b) the rejections feed shows a rejection with its reason code;
//   (c) the indicator table has HC-03 with a province value and its year to date; clicking it opens the drill-down
//       with district and commune areas, and the chart has at least one point;
//   (d) the English toggle switches the labels, and the choice is remembered;
// then, at 2026-03 (the figures DashboardBrowserIT publishes, worked out in its firstQuarterReports):
//   (e) DT-01's province value beside its year to date and March 2025, in the indicator table and, for every
//       district, in the drill-down; its quarter and year through the drill-down's Tháng / Quý / Năm switch;
//   (f) the reconciliation panel of 2026-Q1: the DIVERGENT DT-01 → TK-DT-01 first with both values and the
//       difference, the count of divergent ones in its title; clicking it charts both series over the periods.
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
  log(`(c) indicator table: HC-03 province value ${value} (${await text(row.locator('td.contributing'))} reporting units)`);

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

/** The texts of a row's cells, by the class each cell has (td.value, td.ytd, ...). */
async function cells(row, ...classes) {
  const texts = {};
  for (const name of classes) {
    texts[name] = await text(row.locator(`td.${name}`));
  }
  return texts;
}

/** Every expected cell text of a row, or a failure naming the row and what differs. */
function expectCells(what, actual, expected) {
  for (const [name, value] of Object.entries(expected)) {
    if (actual[name] !== value) {
      fail(`${what}: the ${name} column reads "${actual[name]}", not "${value}" (the row: ${JSON.stringify(actual)})`);
    }
  }
}

/** HC-03 in October: its year to date from the communes' September and October dossiers, no October 2025. */
async function checkIndicatorYearToDate(page) {
  const row = page.locator('#indicators-table tbody tr[data-indicator="HC-03"]');
  await waitFor(page, row.locator('td.ytd:not(.muted)'), '(c) the year to date of HC-03');
  // 100 · (99 + 60 + 114 + 70) / (110 + 70 + 120 + 80) = 100 · 343 / 380 = 90.263…
  expectCells('(c) HC-03 in the indicator table', await cells(row, 'value', 'ytd', 'yoy'), {value: '92', ytd: '90,26', yoy: '—'});
  const range = await text(page.locator('#indicators-table th.ytd .range'));
  if (range !== '01–10/2026') {
    fail(`(c) the year-to-date header of 2026-10 reads "${range}", not "01–10/2026"`);
  }
  log(`(c) HC-03: year to date ${range} 90,26, no October 2025 ("—")`);
}

async function showPeriod(page, period) {
  await page.fill('#period-input', period);
  await page.click('#period-form button[type="submit"]');
  try {
    await page.waitForFunction((wanted) => location.hash === `#period=${wanted}`
      && document.querySelector('#indicators-title').textContent.includes(wanted), period, {timeout: 5_000});
  } catch {
    fail(`the period field did not show ${period} (the address is ${page.url()})`);
  }
}

/** The drill-down's rows, each {value, ytd, yoy} as shown, by area code. */
async function drilldownRows(page, areas, what) {
  const rows = {};
  for (const code of Object.keys(areas)) {
    const row = page.locator(`#drilldown-table tbody tr[data-area="${code}"]`);
    await waitFor(page, row, `${what}: the row of area ${code}`);
    rows[code] = await cells(row, 'value', 'ytd', 'yoy');
    expectCells(`${what}, area ${code}`, rows[code], areas[code]);
  }
  return rows;
}

async function waitForDrilldownPeriod(page, period, what) {
  try {
    await page.waitForFunction((wanted) => document.querySelector('#drilldown-title').textContent.includes(`, kỳ ${wanted}:`)
      && !document.querySelector('#drilldown-table tbody td.loading'), period, {timeout: WAIT_MS});
  } catch {
    fail(`${what}: the drill-down did not show ${period}; its title reads "${await text(page.locator('#drilldown-title'))}"`);
  }
}

async function expectHeads(page, what, yearToDate, lastYear) {
  const heads = {ytd: await text(page.locator('#drilldown-table th.ytd .range')), yoy: await text(page.locator('#drilldown-table th.yoy .range'))};
  expectCells(`${what}: the header`, heads, {ytd: yearToDate, yoy: lastYear});
}

async function checkYearToDateAndLastYear(page) {
  await showPeriod(page, '2026-03');
  const row = page.locator('#indicators-table tbody tr[data-indicator="DT-01"]');
  await waitFor(page, row.locator('td.ytd:not(.muted)'), '(e) the year to date of DT-01 in 2026-03');
  // the province: March 40 + 30 + 35 + 25 = 130; January to March 100 + 100 + 130 = 330; March 2025 32 + 24 + 40 = 96:
  // 130 / 96 = 1.3541… = 135,4 %, 130 − 96 = +34
  expectCells('(e) DT-01 in the indicator table', await cells(row, 'value', 'ytd', 'yoy'), {value: '130', ytd: '330', yoy: '135,4 % +34'});
  const range = await text(page.locator('#indicators-table th.ytd .range'));
  if (range !== '01–03/2026') {
    fail(`(e) the indicator table's year-to-date header reads "${range}", not "01–03/2026"`);
  }
  log(`(e) indicator table: DT-01 2026-03 = 130, year to date ${range} = 330, vs 2025-03: 135,4 % +34`);

  await row.click();
  await waitForDrilldownPeriod(page, '2026-03', '(e) DT-01');
  await expectHeads(page, '(e) DT-01 2026-03', '01–03/2026', '2025-03');
  // each district: March; January + February + March; March / March 2025 and the change (Thuận An: no March 2025)
  await drilldownRows(page, {
    74: {value: '130', ytd: '330', yoy: '135,4 % +34'},
    718: {value: '40', ytd: '105', yoy: '125,0 % +8'}, // 30 + 35 + 40; 40 / 32
    721: {value: '30', ytd: '75', yoy: '125,0 % +6'}, // 20 + 25 + 30; 30 / 24
    724: {value: '35', ytd: '80', yoy: '87,5 % -5'}, // 25 + 20 + 35; 35 / 40
    725: {value: '25', ytd: '70', yoy: '—'}, // 25 + 20 + 25; none in 2025-03
  }, '(e) DT-01 2026-03 by area');
  log('(e) drill-down 2026-03: 74 130 | 330 | 135,4 % +34; 718 40 | 105 | 125,0 % +8; 721 30 | 75 | 125,0 % +6; '
    + '724 35 | 80 | 87,5 % -5; 725 25 | 70 | —');

  const scale = (name) => page.locator(`#drilldown-scale button[data-scale="${name}"]`);
  await waitFor(page, scale('QUARTERLY'), '(e) the drill-down\'s "Quý" switch');
  const labels = (await page.locator('#drilldown-scale button').allInnerTexts()).map((label) => label.trim());
  if (labels.join(' / ') !== 'Tháng / Quý / Năm') {
    fail(`(e) the drill-down's switch reads "${labels.join(' / ')}", not "Tháng / Quý / Năm"`);
  }
  await scale('QUARTERLY').click();
  await waitForDrilldownPeriod(page, '2026-Q1', '(e) DT-01 by quarter');
  await expectHeads(page, '(e) DT-01 2026-Q1', '01–03/2026', '2025-Q1');
  // the quarter rolled up from the months (its year to date is the same); 2025-Q1 is March 2025 alone
  await drilldownRows(page, {
    74: {value: '330', ytd: '330', yoy: '343,8 % +234'}, // 330 / 96 = 3.4375
    718: {value: '105', ytd: '105', yoy: '328,1 % +73'}, // 105 / 32 = 3.28125
    721: {value: '75', ytd: '75', yoy: '312,5 % +51'}, // 75 / 24 = 3.125
    724: {value: '80', ytd: '80', yoy: '200,0 % +40'}, // 80 / 40
    725: {value: '70', ytd: '70', yoy: '—'},
  }, '(e) DT-01 2026-Q1 by area');
  const note = await text(page.locator('#drilldown-note'));
  if (!note.includes('2026-Q1')) {
    fail(`(e) the quarter's drill-down does not say it is rolled up from the months: "${note}"`);
  }
  log(`(e) "Quý": 2026-Q1 74 330 | 330 | 343,8 % +234; 725 70 | 70 | —; "${note}"`);

  await scale('YEARLY').click();
  await waitForDrilldownPeriod(page, '2026', '(e) DT-01 by year');
  await expectHeads(page, '(e) DT-01 2026', '', '2025');
  // a year is its own year to date: none shown
  await drilldownRows(page, {74: {value: '330', ytd: '—', yoy: '343,8 % +234'}}, '(e) DT-01 2026');
  log('(e) "Năm": 2026 74 330 | — | 343,8 % +234');

  await scale('MONTHLY').click();
  await waitForDrilldownPeriod(page, '2026-03', '(e) DT-01 by month again');
  await drilldownRows(page, {74: {value: '130', ytd: '330', yoy: '135,4 % +34'}}, '(e) DT-01 2026-03 again');
  log('(e) "Tháng": back to 2026-03');
}

async function checkReconciliation(page) {
  // the quarter of 2026-03, with the count of divergent ones
  const title = page.locator('#reconciliation-title');
  const expectedTitle = 'Đối chiếu chỉ tiêu thống kê kỳ 2026-Q1 1 lệch vượt ngưỡng';
  try {
    await page.waitForFunction((wanted) => document.querySelector('#reconciliation-title').textContent === wanted
      && !document.querySelector('#reconciliation-table tbody td.loading'), expectedTitle, {timeout: WAIT_MS});
  } catch {
    fail(`(f) the reconciliation panel's title reads "${await text(title)}", not "${expectedTitle}"`
      + ` (the page shows: ${JSON.stringify(await visibleProblems(page))})`);
  }
  const heading = await text(title);
  const rows = page.locator('#reconciliation-table tbody tr');
  await waitFor(page, rows.first(), '(f) a reconciliation row');
  const seen = [];
  for (const row of await rows.all()) {
    seen.push(`${await row.getAttribute('data-operating')}→${await row.getAttribute('data-statistical')} `
      + `${await row.getAttribute('data-area')} ${await row.getAttribute('data-status')}`);
  }
  // DIVERGENT first
  if (seen.join('; ') !== 'DT-01→TK-DT-01 74 DIVERGENT; NS-01→TK-NS-01 74 NO_OPERATIONAL') {
    fail(`(f) the reconciliation rows are ${seen.join('; ')}, not DT-01→TK-DT-01 74 DIVERGENT; NS-01→TK-NS-01 74 NO_OPERATIONAL`);
  }
  const divergent = rows.nth(0);
  const columns = ['operating', 'statistical', 'difference', 'relative', 'tolerance'];
  // 330 against 300: +30, 30 / 300 = +10 %, beyond the link's 5 %
  expectCells('(f) DT-01 → TK-DT-01', {...await cells(divergent, ...columns), status: await text(divergent.locator('.badge'))},
    {operating: '330', statistical: '300', difference: '+30', relative: '+10 %', tolerance: '5 %', status: 'Lệch vượt ngưỡng'});
  const link = await text(divergent.locator('td.link'));
  if (!link.startsWith('DT-01 → TK-DT-01 Vốn đầu tư trực tiếp nước ngoài đăng ký → ')) {
    fail(`(f) the link column reads "${link}"`);
  }
  // no NS-01 reported: its value and the difference are "—"
  expectCells('(f) NS-01 → TK-NS-01', {...await cells(rows.nth(1), ...columns), status: await text(rows.nth(1).locator('.badge'))},
    {operating: '—', statistical: '4,5', difference: '—', relative: '—', tolerance: '2 %', status: 'Chưa có số liệu điều hành'});
  log(`(f) "${heading}": ${seen.join('; ')}; DT-01 → TK-DT-01 330 | 300 | +30 | +10 % | 5 %`);

  await divergent.click();
  const chart = page.locator('#link-chart-area svg');
  await waitFor(page, chart.locator('circle.point[data-series="statistical"]'), '(f) the chart of DT-01 → TK-DT-01');
  const points = {};
  for (const point of await chart.locator('g.points circle.point').all()) {
    const series = await point.getAttribute('data-series');
    (points[series] ??= []).push(`${await point.getAttribute('data-period')}=${Number(await point.getAttribute('data-value'))}`);
  }
  // operating: 2025-Q1 March 2025 alone (96), none in 2025-Q4, 2026-Q1 330; statistical: 100, 280, 300
  const drawn = `operating ${(points.operating ?? []).join(', ')}; statistical ${(points.statistical ?? []).join(', ')}`;
  if (drawn !== 'operating 2025-Q1=96, 2026-Q1=330; statistical 2025-Q1=100, 2025-Q4=280, 2026-Q1=300') {
    fail(`(f) the chart's points are ${drawn}`);
  }
  const lines = await chart.locator('path.line').count();
  const legend = (await chart.locator('.legend text').allTextContents()).join(' / ');
  if (lines !== 2 || legend !== 'DT-01 (điều hành) / TK-DT-01 (thống kê)') {
    fail(`(f) the chart has ${lines} line(s) and the legend "${legend}", not 2 and "DT-01 (điều hành) / TK-DT-01 (thống kê)"`);
  }
  log(`(f) chart "${await text(page.locator('#link-chart-title'))}": ${drawn}; legend ${legend}`);
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
    await checkIndicatorYearToDate(page);
    await checkLanguage(page, context);
    await checkYearToDateAndLastYear(page);
    await checkReconciliation(page);
    const stats = (await page.locator('#throughput .stat').allInnerTexts()).map((stat) => stat.split('\n').slice(0, 2).join(' '));
    log(`throughput panel (shown, not checked): ${stats.join('; ')}`);
    const violations = diagnostics.filter((message) => /Content.Security.Policy/i.test(message));
    if (violations.length) {
      fail(`the browser reports violations of the Content-Security-Policy:\n  ${violations.join('\n  ')}`);
    }
    log('Content-Security-Policy on every page, no violation reported');
    const errors = diagnostics.filter((message) => message.startsWith('page error'));
    if (errors.length) {
      fail(`the dashboard's script failed:\n  ${errors.join('\n  ')}`);
    }

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
