// Real players against a real ffsandbox: hls.js (CMAF HLS), dash.js (CMAF
// DASH) and mpegts.js (HTTP-FLV) in headless Debian chromium play the live
// stream of an ffmpeg publisher (mode RTMP_CMAF). The player page is served by
// this test from another origin, so the server's CORS is exercised as a web
// app would. Players join once 4 segments exist; each must then advance
// video.currentTime by >= 8 s in 10 s (at most one 1-s sample without
// progress: the transcoder runs on a shared, loaded 2-core machine) with no
// fatal player error and no <video> error. Note for page authors: dash.js
// must start playback itself (no autoplay attribute, no early video.play()),
// or it misses the 'play' event and never refreshes a live MPD.
// Run: node tests/browser/players.test.mjs  (env FFSB_FFSANDBOX = binary, else $FFSANDBOX_BUILD/bin/ffsandbox,
// default build/bin/ffsandbox; FFSB_PLAYERS=hls,dash,flv; FFSB_PLAYERS_DEBUG=1 logs buffers and dash.js)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, launch, videoAdvances, waitFor } from './lib.mjs';

const KEY = 'playersAppKey01';
const SECRET = 'playersAppSecret01secret';
const PLAY_SECONDS = 10;
const children = [];
const log = (s) => console.log(`players: ${s}`);
const failures = [];

function cleanup() {
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
}

async function startServer() {
  const bin = process.env.FFSB_FFSANDBOX || path.resolve(ROOT, process.env.FFSANDBOX_BUILD || 'build', 'bin/ffsandbox');
  if (!fs.existsSync(bin)) throw new Error(`${bin} does not exist: build the server first (or set FFSB_FFSANDBOX)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ffsb-players-'));
  const ready = path.join(dataDir, 'ready.json');
  const out = fs.openSync(path.join(dataDir, 'server.log'), 'w');
  const child = spawn(bin, ['serve', '--data-dir', dataDir, '--http-port', '0', '--rtmp-port', '0', '--bind', '127.0.0.1',
    '--public-host', '127.0.0.1', '--app-key', KEY, '--app-secret', SECRET, '--ready-file', ready],
  { stdio: ['ignore', out, out] });
  children.push(child);
  const ports = await waitFor('ffsandbox ready', () => (fs.existsSync(ready) ? JSON.parse(fs.readFileSync(ready, 'utf8')) : false), 20000, 50);
  return { base: `http://127.0.0.1:${ports.http}`, dataDir, child };
}

async function api(base, method, p, body) {
  const r = await fetch(`${base}/v2/apps/me${p}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return r.status === 204 ? null : r.json();
}

function publish(url) {
  const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '300', '-c:v', 'libx264', '-preset', 'veryfast',
    '-tune', 'zerolatency', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-f', 'flv', url],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => process.stderr.write(`ffmpeg: ${d}`));
  children.push(child);
  return child;
}

// The player page and the three libraries, on an origin of their own.
const LIBS = {
  '/hls.min.js': 'web/node_modules/hls.js/dist/hls.min.js',
  '/dash.all.min.js': 'web/node_modules/dashjs/dist/modern/umd/dash.all.min.js',
  '/mpegts.js': 'web/node_modules/mpegts.js/dist/mpegts.js',
};
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>players</title>
<script src="/hls.min.js"></script><script src="/dash.all.min.js"></script><script src="/mpegts.js"></script></head>
<body><video id="v" muted playsinline width="640" height="360"></video><script>
window.playerErrors = [];
const v = document.getElementById('v');
v.addEventListener('error', () => playerErrors.push('video element: ' + (v.error && v.error.message || v.error && v.error.code)));
window.startPlayer = (kind, url) => {
  if (kind === 'hls') {
    const h = new Hls({ lowLatencyMode: false });
    h.on(Hls.Events.ERROR, (e, d) => { if (d.fatal) playerErrors.push('hls.js fatal: ' + d.type + ' ' + d.details); });
    h.loadSource(url); h.attachMedia(v);
    v.play().catch(() => {});
  } else if (kind === 'dash') {
    const p = dashjs.MediaPlayer().create();
    p.on(dashjs.MediaPlayer.events.ERROR, (e) => playerErrors.push('dash.js: ' + JSON.stringify(e.error || e).slice(0, 300)));
    if (window.playersDebug) p.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_DEBUG } });
    p.initialize(v, url, true);  // dash.js starts playback itself: it must see the 'play' event
  } else {
    const p = mpegts.createPlayer({ type: 'flv', isLive: true, url });
    p.on(mpegts.Events.ERROR, (t, d, i) => playerErrors.push('mpegts.js: ' + t + ' ' + d + ' ' + JSON.stringify(i || {}).slice(0, 200)));
    p.attachMediaElement(v); p.load(); p.play();
  }
};
</script></body></html>`;

function startPageServer() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const lib = LIBS[req.url];
      if (lib) {
        res.writeHead(200, { 'Content-Type': 'text/javascript' });
        res.end(fs.readFileSync(path.join(ROOT, lib)));
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(PAGE);
      }
    });
    srv.listen(0, '127.0.0.1', () => resolve({ srv, base: `http://127.0.0.1:${srv.address().port}` }));
  });
}

async function play(context, pageBase, kind, url) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  const httpErrors = [];
  if (process.env.FFSB_PLAYERS_DEBUG) {
    await page.addInitScript(() => { window.playersDebug = true; });
    page.on('console', (m) => log(`${kind} console: ${m.text().slice(0, 300)}`));
  }
  page.on('response', (r) => { if (r.status() >= 400) httpErrors.push(`${r.status()} ${r.url()}`); });
  try {
    await page.goto(`${pageBase}/`);
    await page.evaluate(([k, u]) => window.startPlayer(k, u), [kind, url]);
    const cur = () => page.evaluate(() => document.getElementById('v').currentTime);
    await videoAdvances(page, '#v', 30000);
    const t0 = Date.now();
    const c0 = await cur();
    let prev = c0;
    let stalls = 0;
    while (Date.now() - t0 < PLAY_SECONDS * 1000) {
      await page.waitForTimeout(1000);
      const c = await cur();
      if (c <= prev) stalls++;
      if (process.env.FFSB_PLAYERS_DEBUG) {
        const b = await page.evaluate(() => { const v = document.getElementById('v'); const r = v.buffered; return r.length ? `${r.start(0).toFixed(2)}-${r.end(r.length - 1).toFixed(2)} (${r.length})` : 'none'; });
        log(`${kind}: t=${((Date.now() - t0) / 1000).toFixed(1)} currentTime=${c.toFixed(2)} buffered=${b} http-errors=${httpErrors.length}`);
      }
      prev = c;
    }
    const advanced = prev - c0;
    const errors = [...pageErrors, ...(await page.evaluate(() => window.playerErrors))];
    const size = await page.evaluate(() => { const v = document.getElementById('v'); return `${v.videoWidth}x${v.videoHeight}`; });
    log(`${kind}: currentTime advanced ${advanced.toFixed(2)} s in ${PLAY_SECONDS} s (${stalls} stalled seconds), ${size}, errors: ${errors.length}`);
    if (advanced < PLAY_SECONDS * 0.8) failures.push(`${kind}: currentTime advanced only ${advanced.toFixed(2)} s in ${PLAY_SECONDS} s`);
    if (stalls > 1) failures.push(`${kind}: stalled ${stalls} times`);
    if (errors.length) failures.push(`${kind}: ${errors.join('; ')}`);
    if (httpErrors.length) log(`${kind}: HTTP errors seen: ${httpErrors.slice(0, 5).join(', ')}`);
  } catch (e) {
    failures.push(`${kind}: ${e.message}`);
  } finally {
    await page.close();
  }
}

let browser = null;
let pageSrv = null;
try {
  const server = await startServer();
  log(`ffsandbox at ${server.base}`);
  await api(server.base, 'POST', '/members', { appUserId: 'playerstest' });
  const key = await api(server.base, 'GET', '/members/playerstest/stream-key');
  publish(`${key.ingestUrl}/${key.streamKey}?mode=RTMP_CMAF`);
  const k = await waitFor('stream key ACTIVE', async () => {
    const s = await api(server.base, 'GET', '/members/playerstest/stream-key');
    return s.streamKeyState === 'ACTIVE' ? s : false;
  }, 60000, 200);
  log('stream key ACTIVE');
  // A viewer joining a running broadcast: give the players a window of 4 segments to start in.
  const media = new URL('360p/playlist.m3u8', k.cmafHlsPlayUrl).href;
  await waitFor('4 segments', async () => ((await (await fetch(media)).text()).match(/^#EXTINF/gm) || []).length >= 4, 30000, 250);
  pageSrv = await startPageServer();
  browser = await launch();
  const only = (process.env.FFSB_PLAYERS || 'hls,dash,flv').split(',');
  for (const [kind, url] of [['hls', k.cmafHlsPlayUrl], ['dash', k.cmafDashPlayUrl], ['flv', k.httpFlvPlayUrl]]) {
    if (!only.includes(kind)) continue;
    await play(browser.context, pageSrv.base, kind, url);
  }
  if (server.child.exitCode !== null) failures.push(`ffsandbox exited (${server.child.exitCode})`);
} catch (e) {
  failures.push(e.stack || String(e));
} finally {
  if (browser) await browser.close();
  if (pageSrv) pageSrv.srv.close();
  cleanup();
}
if (failures.length) {
  for (const f of failures) console.error(`players: FAILED: ${f}`);
  process.exit(1);
}
log('all players played');
process.exit(0);
