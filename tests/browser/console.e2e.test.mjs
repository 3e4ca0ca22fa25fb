// End-to-end test of the user console against a real ffsandbox: sign in,
// create an app, a member and a room, publish RTMP to the member's key
// (build/bin/ffemu, else ffmpeg), watch the key reach ACTIVE live (SSE), Start
// Live, see the player play, stop the publisher, see INACTIVE_LIVE, End Live,
// wait for the VOD (ARCHIVED) and play it. Screenshots of every page at
// 1280x800 and 375x812 go to tests/artifacts/console/; every control must
// carry an accessible label and no page may violate the CSP.
// Run: node tests/browser/console.e2e.test.mjs   (env FFSB_E2E_MODE=RTMP|CMAF|RTMP_CMAF)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, launch, capture, waitFor, videoAdvances, collectPageProblems } from './lib.mjs';

const MODE = process.env.FFSB_E2E_MODE || 'RTMP_CMAF';
const PASSWORD = 'console-e2e-Pw1';
const failures = [];
const problems = [];
const children = [];
const log = (s) => console.log(`console-e2e: ${s}`);

function fail(msg) {
  console.error(`console-e2e: FAILED: ${msg}`);
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function findBinary(name) {
  const candidates = [process.env[`FFSB_${name.toUpperCase()}`], path.join(ROOT, 'build/bin', name)].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

async function startServer() {
  const bin = findBinary('ffsandbox');
  if (!bin) fail('build/bin/ffsandbox does not exist: build the server first (scripts/build.sh), or set FFSB_FFSANDBOX');
  const [httpPort, rtmpPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ffsb-console-e2e-'));
  const logFile = path.join(ROOT, 'tests/artifacts/console/ffsandbox.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--http-port', String(httpPort), '--rtmp-port', String(rtmpPort),
    '--public-host', '127.0.0.1', '--operator-password', PASSWORD], { stdio: ['ignore', out, out] });
  children.push(child);
  let exited = null;
  child.on('exit', (code, sig) => { exited = `exit ${code ?? sig}`; });
  const base = `http://127.0.0.1:${httpPort}`;
  await waitFor('ffsandbox to listen', async () => {
    if (exited) fail(`ffsandbox stopped at start (${exited}); see ${logFile}`);
    const r = await fetch(`${base}/console`).catch(() => null);
    return r !== null;
  }, 30000);
  const r = await fetch(`${base}/console`);
  if (r.status !== 200) fail(`GET /console answered ${r.status}: the console is not wired into this build (RegisterConsole not called?)`);
  const csp = r.headers.get('content-security-policy') || '';
  if (!csp.includes("default-src 'self'") || csp.includes('unsafe-inline')) failures.push(`weak or missing CSP on /console: "${csp}"`);
  const pass = await fetch(`${base}/console/api/apps/1/v2/apps/me/members`);
  if (pass.status === 404 && (await pass.text()).includes('API_NOT_FOUND')) fail('the console pass-through route is missing');
  return { base, rtmpPort, dataDir, logFile, child };
}

function startPublisher(url) {
  const emu = findBinary('ffemu');
  let child;
  if (emu) {
    child = spawn(emu, ['publish', url, '--duration', '300'], { stdio: ['ignore', 'pipe', 'pipe'] });
    log(`publishing with ffemu to ${url.replace(/\/[^/?]+(\?|$)/, '/<key>$1')}`);
  } else if (spawnSync('ffmpeg', ['-version']).status === 0) {
    child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '300', '-c:v', 'libx264', '-preset', 'veryfast',
      '-tune', 'zerolatency', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-f', 'flv', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    log('publishing with ffmpeg (build/bin/ffemu not found)');
  } else {
    fail('neither build/bin/ffemu nor ffmpeg is available to publish');
  }
  children.push(child);
  child.stderr.on('data', () => {});
  child.stdout.on('data', () => {});
  return child;
}

const badgeText = (page, sel) => page.$eval(sel, (e) => e.textContent.trim()).catch(() => '');

const server = await startServer();
const { base } = server;
const browser = await launch();
const page = await browser.context.newPage();
collectPageProblems(page, problems);
let publisher = null;

try {
  await page.goto(`${base}/console/`);
  await page.waitForSelector('#signin-password');
  await capture(page, 'signin', failures);
  await page.fill('#signin-password', PASSWORD);
  await page.click('#signin-submit');
  await page.waitForSelector('#app-create');
  log('signed in');

  await page.click('#app-create');
  await page.fill('#app-name', 'E2E app');
  await capture(page, 'app-create', failures);
  await page.click('#app-create-submit');
  await page.waitForSelector('#created-api-secret');
  const apiKey = await page.inputValue('#created-api-key');
  const apiSecret = await page.inputValue('#created-api-secret');
  assert.ok(apiKey && apiSecret, 'key and secret shown');
  await capture(page, 'app-created', failures);
  await page.click('#created-complete');
  await page.waitForSelector('#apps-list a');
  await capture(page, 'apps', failures);
  const appHref = await page.getAttribute('#apps-list a', 'href');
  const appId = appHref.split('/')[2];
  // The secret works against the server API (and the console never shows it again).
  const auth = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  const me = await fetch(`${base}/v2/apps/me/members`, { headers: { Authorization: auth } });
  assert.equal(me.status, 200, 'the shown key/secret authenticate the server API');
  log(`app ${appId} created`);

  await page.goto(`${base}/console/#/apps/${appId}/members`);
  await page.click('#member-create');
  await page.fill('#member-app-user-id', 'alice01');
  await page.fill('#member-name', 'Alice');
  await page.click('#member-create-submit');
  await page.waitForSelector('#members-list code');
  await capture(page, 'members', failures);

  await page.goto(`${base}/console/#/apps/${appId}/rooms`);
  await page.click('#room-create');
  await page.fill('#room-title', 'E2E broadcast');
  await page.fill('#room-description', 'Console end-to-end test');
  await page.fill('#room-app-user-id', 'alice01');
  await capture(page, 'room-create', failures);
  await page.click('#room-create-submit');
  await page.waitForSelector('#start-live');
  const roomUrl = page.url();
  assert.equal(await page.getAttribute('#stream-key', 'type'), 'password', 'the stream key is hidden by default');
  assert.ok(await page.isDisabled('#start-live'), 'Start Live disabled before the key is ACTIVE');
  assert.ok(await page.isDisabled('#end-live'));
  await capture(page, 'room-scheduled', failures);
  const ingest = await page.inputValue('#ingest-url');
  const key = await page.inputValue('#stream-key');
  const ingestUrl = `${ingest.replace(/:\/\/[^/:]+/, '://127.0.0.1')}/${key}?mode=${MODE}`;

  publisher = startPublisher(ingestUrl);
  await waitFor('the stream key to reach ACTIVE', async () => (await badgeText(page, '#stream-key-area .key-state .badge')) === 'ACTIVE', 90000);
  await page.waitForSelector('#key-diagram .node.current[data-state="ACTIVE"]');
  await waitFor('Start Live enabled', async () => !(await page.isDisabled('#start-live')), 10000);
  log('key ACTIVE');
  await capture(page, 'room-key-active', failures);

  await page.click('#start-live');
  await waitFor('room LIVE', async () => (await badgeText(page, '#room-state .badge')) === 'LIVE', 20000);
  assert.ok(await page.isDisabled('#start-live'), 'Start Live disabled once LIVE');
  await videoAdvances(page, '#live-player video', 60000);
  log(`live player plays (${await page.$eval('#live-player video', (v) => v.dataset.kind)})`);
  await capture(page, 'room-live', failures);

  publisher.kill('SIGINT');
  await waitFor('key INACTIVE_LIVE', async () => (await badgeText(page, '#stream-key-area .key-state .badge')) === 'INACTIVE_LIVE', 60000);
  await waitFor('End Live enabled', async () => !(await page.isDisabled('#end-live')), 10000);
  await capture(page, 'room-live-inactive', failures);
  await page.click('#end-live');
  await waitFor('room ENDED', async () => ['ENDED', 'ARCHIVED'].includes(await badgeText(page, '#room-state .badge')), 20000);
  log('ended; waiting for the VOD');
  await waitFor('VOD ARCHIVED', async () => (await badgeText(page, '#room-vod-state .badge')) === 'ARCHIVED', 240000, 1000);
  await page.waitForSelector('#vod-player video');
  await videoAdvances(page, '#vod-player video', 60000);
  log('VOD plays');
  await capture(page, 'room-archived', failures);

  await page.click('#video-post-link');
  await page.waitForSelector('#post-state');
  await videoAdvances(page, '#post-player video', 60000);
  await capture(page, 'post', failures);
  for (const [name, hash, sel] of [['posts', 'posts', '#posts-list a'], ['profiles', 'profiles', '#profiles-list a'],
    ['settings', 'settings', '#settings-save'], ['rooms', 'rooms', '#rooms-list a']]) {
    await page.goto(`${base}/console/#/apps/${appId}/${hash}`);
    await page.waitForSelector(sel);
    await capture(page, name, failures);
  }
  await page.click('#profiles-list a').catch(() => {});
  await page.goto(`${base}/console/#/apps/${appId}/profiles`);
  await page.click('#profiles-list a');
  await page.waitForSelector('pre.code');
  await capture(page, 'profile', failures);
  await page.selectOption('#lang-select', 'ko');
  await page.goto(roomUrl);
  await page.waitForSelector('#room-state .badge');
  await capture(page, 'room-ko', failures);
  await page.selectOption('#lang-select', 'en');
  await page.goto(`${base}/open-api/`);
  await page.waitForSelector('.swagger-ui .opblock', { timeout: 20000 });
  await capture(page, 'openapi', failures);
} catch (e) {
  failures.push(`flow failed: ${e.stack || e}`);
  await page.screenshot({ path: path.join(ROOT, 'tests/artifacts/console/e2e-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } }
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

failures.push(...problems);
if (failures.length) {
  console.error(`console-e2e: FAILED (server log: ${server.logFile})\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('console-e2e: OK (screenshots in tests/artifacts/console/)');
