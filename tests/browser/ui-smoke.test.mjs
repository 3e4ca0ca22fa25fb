// UI smoke test against tests/browser/mock-server.mjs (no ffsandbox needed):
// every page renders at 1280x800 and 375x812 with every control labelled and
// no CSP violation; sign-in, app creation (secret shown once), member and
// room creation, the StreamKey area, Start/End Live gating, live SSE updates,
// the state diagram, Korean, and Swagger UI. Run: node tests/browser/ui-smoke.test.mjs
import assert from 'node:assert/strict';
import { startMock } from './mock-server.mjs';
import { launch, capture, waitFor, collectPageProblems } from './lib.mjs';

const failures = [];
const problems = [];
const { server, port } = await startMock(0);
const base = `http://127.0.0.1:${port}`;
const browser = await launch();
const page = await browser.context.newPage();
collectPageProblems(page, problems);
const step = (s) => console.log(`ui-smoke: ${s}`);

try {
  await page.goto(`${base}/console/`);
  await page.waitForSelector('#signin-password');
  await capture(page, 'mock-signin', failures);
  await page.fill('#signin-password', 'wrong');
  await page.click('#signin-submit');
  await page.waitForSelector('.form-error:not([hidden])');
  await page.fill('#signin-password', 'pw');
  await page.click('#signin-submit');
  await page.waitForSelector('#app-create');
  step('signed in');

  await page.click('#app-create');
  await page.fill('#app-name', 'Smoke app');
  await capture(page, 'mock-app-create', failures);
  await page.click('#app-create-submit');
  await page.waitForSelector('#created-api-secret');
  assert.equal(await page.getAttribute('#created-api-secret', 'type'), 'password', 'secret hidden by default');
  assert.match(await page.inputValue('#created-api-secret'), /^secret-/);
  await capture(page, 'mock-app-created', failures);
  await page.click('#created-complete');
  await page.waitForSelector('#apps-list a');
  await capture(page, 'mock-apps', failures);
  assert.ok(!(await page.content()).includes('secret-'), 'the secret is gone once the dialog is closed');
  await page.click('#apps-list a');
  await page.waitForSelector('#room-create');
  step('app created');

  await page.goto(`${base}/console/#/apps/1/members`);
  await page.click('#member-create');
  await page.fill('#member-app-user-id', 'alice01');
  await page.fill('#member-name', 'Alice');
  await page.click('#member-create-submit');
  await page.waitForSelector('#members-list code');
  await capture(page, 'mock-members', failures);

  await page.goto(`${base}/console/#/apps/1/rooms`);
  await page.click('#room-create');
  await page.fill('#room-title', 'Smoke broadcast');
  await page.fill('#room-app-user-id', 'alice01');
  await capture(page, 'mock-room-create', failures);
  await page.click('#room-create-submit');
  await page.waitForSelector('#start-live');
  step('room created');
  assert.equal(await page.getAttribute('#stream-key', 'type'), 'password', 'stream key hidden by default');
  assert.ok(await page.isDisabled('#start-live'), 'Start Live disabled while the key is INACTIVE');
  assert.ok(await page.isDisabled('#end-live'));

  // The key goes ACTIVE through an SSE event, without a reload.
  await fetch(`${base}/_mock/key/alice01/ACTIVE_PREP`, { method: 'POST' });
  await fetch(`${base}/_mock/key/alice01/ACTIVE`, { method: 'POST' });
  await waitFor('Start Live enabled', async () => !(await page.isDisabled('#start-live')), 10000);
  await waitFor('diagram highlights ACTIVE', () => page.$('#key-diagram .node.current[data-state="ACTIVE"]'), 5000);
  await waitFor('transitions listed', async () => (await page.$$('#key-transitions li')).length >= 2, 5000);
  await page.click('#stream-key ~ button');  // Show
  assert.equal(await page.getAttribute('#stream-key', 'type'), 'text');
  await page.click('#start-live');
  await waitFor('room LIVE', async () => (await page.textContent('#room-state')).includes('LIVE'), 10000);
  assert.ok(await page.isDisabled('#start-live'));
  await capture(page, 'mock-room-live', failures);
  await fetch(`${base}/_mock/key/alice01/INACTIVE_LIVE`, { method: 'POST' });
  await waitFor('End Live enabled', async () => !(await page.isDisabled('#end-live')), 10000);
  await page.click('#end-live');
  await waitFor('VOD ARCHIVED', async () => (await page.textContent('#room-vod-state')).includes('ARCHIVED'), 10000);
  await page.waitForSelector('#video-post-link');
  await capture(page, 'mock-room-ended', failures);
  step('room lifecycle drawn');

  await page.click('#video-post-link');
  await page.waitForSelector('#post-state');
  await capture(page, 'mock-post', failures);
  await page.goto(`${base}/console/#/apps/1/posts`);
  await page.waitForSelector('#posts-list a');
  await capture(page, 'mock-posts', failures);
  await page.goto(`${base}/console/#/apps/1/profiles`);
  await page.waitForSelector('#profiles-list a');
  await capture(page, 'mock-profiles', failures);
  await page.click('#profiles-list a');
  await page.waitForSelector('pre.code');
  await capture(page, 'mock-profile', failures);
  await page.goto(`${base}/console/#/apps/1/settings`);
  await page.waitForSelector('#settings-save');
  await page.selectOption('#settings-mode', 'CMAF');
  await page.fill('#settings-callback-url', 'http://127.0.0.1:9/hook');
  await page.click('#settings-save');
  await page.waitForSelector('.form-ok:has-text("Saved")');
  await capture(page, 'mock-settings', failures);

  await page.selectOption('#lang-select', 'ko');
  await page.waitForSelector('h1:has-text("설정")');
  await page.goto(`${base}/console/#/apps/1/rooms/1`);
  await page.waitForSelector('#start-live:has-text("Start Live")');
  assert.ok((await page.textContent('#room-state')).includes('ARCHIVED'), 'enum values are not translated');
  await capture(page, 'mock-room-ko', failures);
  await page.reload();
  await page.waitForSelector('#room-title');
  assert.equal(await page.$eval('html', (e) => e.lang), 'ko', 'the language choice persists');
  await page.selectOption('#lang-select', 'en');

  await page.goto(`${base}/open-api/`);
  await page.waitForSelector('.swagger-ui .opblock', { timeout: 15000 });
  await capture(page, 'mock-openapi', failures);
  step('swagger ui');
} catch (e) {
  failures.push(`smoke flow failed: ${e.stack || e}`);
  await page.screenshot({ path: 'tests/artifacts/console/mock-failure.png', fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  server.closeAllConnections?.();
  server.close();
}

failures.push(...problems);
if (failures.length) {
  console.error(`ui-smoke: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('ui-smoke: OK (screenshots in tests/artifacts/console/)');
