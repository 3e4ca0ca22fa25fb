// Shared helpers for the console's browser tests: launching Debian's
// chromium through playwright-core (never a downloaded browser), the
// accessible-label audit, screenshots and small waits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts/console');
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };

export function loadPlaywright() {
  const require = createRequire(path.join(ROOT, 'web/package.json'));
  try {
    return require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run scripts/setup-web.sh first');
  }
}

export async function launch() {
  const { chromium } = loadPlaywright();
  const exe = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(exe)) throw new Error(`${exe} not found: apt-get install chromium (scripts/setup.sh)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ffsb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: exe,
    headless: true,
    viewport: VIEWPORTS.desktop,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Every visible control (button, input, select, textarea, video, link) must
// have an accessible name: aria-label, aria-labelledby, a <label>, a title,
// or (buttons and links) text. Answers the offenders' descriptions.
export async function unlabelledControls(page) {
  return page.evaluate(() => {
    const bad = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    for (const el of document.querySelectorAll('button, input, select, textarea, video, a[href], [role=button]')) {
      if (el.type === 'hidden' || el.getAttribute('aria-hidden') === 'true' || !visible(el)) continue;
      let name = (el.getAttribute('aria-label') || '').trim();
      if (!name && el.getAttribute('aria-labelledby'))
        name = el.getAttribute('aria-labelledby').split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
      if (!name && el.labels && el.labels.length) name = [...el.labels].map((l) => l.textContent).join(' ').trim();
      if (!name) name = (el.getAttribute('title') || '').trim();
      if (!name && (el.tagName === 'BUTTON' || el.tagName === 'A' || el.getAttribute('role') === 'button'))
        name = (el.textContent || '').trim() || [...el.querySelectorAll('img[alt]')].map((i) => i.alt).join(' ').trim();
      if (!name) bad.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`);
    }
    return bad;
  });
}

// Screenshots of the current page at both viewports, and the label audit at both.
export async function capture(page, name, failures) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const [vp, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    const bad = await unlabelledControls(page);
    if (bad.length) failures.push(`${name} (${vp}): controls without a label: ${bad.join(', ')}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 2) failures.push(`${name} (${vp}): page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${vp}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

export async function waitFor(what, fn, timeoutMs = 30000, intervalMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ': ' + last.message : ''}`);
}

// Does the <video> in `selector` play (currentTime advances)?
export async function videoAdvances(page, selector, timeoutMs = 30000) {
  return waitFor(`${selector} to play`, async () => {
    const t1 = await page.$eval(selector, (v) => v.currentTime).catch(() => 0);
    await page.waitForTimeout(700);
    const t2 = await page.$eval(selector, (v) => v.currentTime).catch(() => 0);
    return t2 > t1 && t2 > 0.3 ? t2 : false;
  }, timeoutMs, 100);
}

export function collectPageProblems(page, problems) {
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
}
