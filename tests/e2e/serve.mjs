// End-to-end test of the `newsdex serve` page in headless Chromium, run by tests/serve_e2e.rs.
//
//   node tests/e2e/serve.mjs BASE_URL SCREENSHOT.png [CHROMIUM]
//
// BASE_URL serves an index of corpus/. The script searches, pages, clicks an actor facet on and
// off, searches the planted <script> comment and checks that it shows as text and never runs.
// It exits non-zero with a message on the first failed check, and prints one JSON line with what
// the Rust side compares against the CLI: the query, the actor clicked and the filtered hits.

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, screenshot, executable = '/usr/bin/chromium'] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node serve.mjs BASE_URL SCREENSHOT.png [CHROMIUM]');
  process.exit(2);
}
const QUERY = 'aleppo';
// The whole run must stop by itself, even if Chromium hangs.
const watchdog = setTimeout(() => {
  console.error('e2e: timed out after 120 s');
  process.exit(3);
}, 120_000);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const profile = mkdtempSync(join(tmpdir(), 'newsdex-e2e-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20_000);
  const dialogs = [];
  const problems = [];
  const elsewhere = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) elsewhere.push(r.url()); });

  // Waits until a search started by `action` is drawn in full.
  async function settle(action) {
    const before = await page.evaluate(() => Number(document.body.dataset.drawn || 0));
    await action();
    await page.waitForFunction(
      (b) => Number(document.body.dataset.drawn || 0) > b && !document.body.dataset.busy, before);
  }
  const hits = () => page.$$eval('#hits > li', (items) => items.map((li) => ({
    title: li.querySelector('.title').textContent,
    passage: li.querySelector('.passage').textContent,
    marks: Array.from(li.querySelectorAll('.passage mark'), (m) => m.textContent),
  })));
  const status = () => page.textContent('#status');

  await page.goto(base);
  await page.waitForFunction(() => Number(document.body.dataset.drawn || 0) >= 1);

  // A query: ranked passages with the query word marked, facets, a timeline.
  await page.fill('#q', QUERY);
  await settle(() => page.press('#q', 'Enter'));
  const unfiltered = await status();
  const all = await hits();
  check(all.length === 20, `20 hits on the first page, got ${all.length}`);
  check(all.every((h) => h.marks.length > 0 || /aleppo/i.test(h.title)),
    'every hit has a marked word or the word in its title');
  check(all.some((h) => h.marks.some((m) => m.toLowerCase() === 'aleppo')), 'aleppo is marked');
  check(await page.$$eval('#timeline .column', (c) => c.length) > 0, 'a timeline is drawn');
  check(new URL(page.url()).searchParams.get('q') === QUERY, 'the query is in the address');

  // Paging.
  await settle(() => page.click('#next'));
  check((await status()).includes('21\u201340'), `page 2 shows 21-40: ${await status()}`);
  await settle(() => page.click('#prev'));

  // An actor facet: click to filter, the hits are narrowed, click again to remove.
  const facet = page.locator('#actors button.facet').first();
  const actor = await facet.getAttribute('data-name');
  check(actor, 'an actor facet is shown');
  await settle(() => facet.click());
  const pressed = page.locator(`#actors button.facet[aria-pressed="true"]`);
  check(await pressed.count() === 1, 'the clicked facet is shown as selected');
  check((await pressed.getAttribute('data-name')) === actor, 'the selected facet is the clicked one');
  check((await page.textContent('#active')).includes(actor), 'the filter is listed as active');
  check(new URL(page.url()).searchParams.getAll('actor').includes(actor), 'the actor is in the address');
  check((await page.getAttribute('#export-csv', 'href')).includes('actor='), 'exports keep the filter');
  const filtered = await hits();
  const filteredStatus = await status();
  check(filtered.length > 0, 'the filter leaves hits');
  check(filteredStatus !== unfiltered, `the filter changes the count: ${filteredStatus}`);
  await page.screenshot({ path: screenshot, fullPage: false });
  await settle(() => page.locator(`#actors button.facet[aria-pressed="true"]`).click());
  check(await page.locator('#actors button.facet[aria-pressed="true"]').count() === 0,
    'no facet selected after the second click');
  check((await status()) === unfiltered, 'removing the filter restores the hits');

  // The planted <script> in a reader comment is text, marked like any words, and never runs.
  await settle(async () => {
    await page.fill('#q', 'script alert');
    await page.press('#q', 'Enter');
  });
  const planted = (await hits()).filter((h) => h.passage.includes('<script>alert(1)</script>'));
  check(planted.length === 1, 'the comment with <script>alert(1)</script> shows as text');
  check(planted[0].marks.map((m) => m.toLowerCase()).includes('alert'), 'alert is marked');
  check(await page.$$eval('#hits script, #hits img, #hits iframe', (n) => n.length) === 0,
    'no element was made from indexed text');
  await page.waitForTimeout(300);
  check(dialogs.length === 0, `no dialog opened: ${dialogs.join(', ')}`);
  const scriptShot = screenshot.replace(/\.png$/, '') + '-script.png';
  await page.screenshot({ path: scriptShot, fullPage: false });
  check(problems.length === 0, `no page errors: ${problems.join('; ')}`);
  check(elsewhere.length === 0, `nothing fetched from elsewhere: ${elsewhere.join(', ')}`);

  console.log(JSON.stringify({ query: QUERY, actor, filtered, screenshots: [screenshot, scriptShot] }));
} catch (e) {
  console.error('e2e: ' + (e && e.message ? e.message : e));
  process.exitCode = 1;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
