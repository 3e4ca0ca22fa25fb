// A stand-in for ffsandbox's console backend, for the UI smoke test
// (ui-smoke.test.mjs) while the real server is not fully wired: serves
// web/console with the same CSP and vendor whitelist, and an in-memory model
// of the console API and the server API behind /console/api/apps/{id}/v2/apps/me.
// POST /_mock/key/{appUserId}/{STATE} moves a stream key and emits the event.
// Not a second implementation of the contract: just enough to render pages.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const VENDOR = new Set(['hls.js/dist/hls.min.js', 'dashjs/dist/modern/umd/dash.all.min.js', 'mpegts.js/dist/mpegts.js',
  'swagger-ui-dist/swagger-ui-bundle.js', 'swagger-ui-dist/swagger-ui-standalone-preset.js', 'swagger-ui-dist/swagger-ui.css',
  'swagger-ui-dist/favicon-16x16.png', 'swagger-ui-dist/favicon-32x32.png']);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

const now = () => new Date().toISOString();
const db = { apps: [], members: [], keys: [], rooms: [], posts: [], events: {}, sse: new Set(), seq: 0 };
const profiles = [
  { id: 1, state: 'ACTIVE', type: 'BROADCAST_RTMP', creatorType: 'SYSTEM', representativeType: 'DEFAULT', name: 'broadcast-landscape', description: 'Landscape 16:9', revision: 1, profile: { segmentDuration: 2, videoStreams: [{ name: '360p', width: 640, height: 360, bitrate: 800000 }, { name: '720p', width: 1280, height: 720, bitrate: 3000000 }], audioStream: { name: 'audio', bitrate: 128000 }, drm: false }, createdAt: now(), lastModifiedAt: now() },
  { id: 2, state: 'ACTIVE', type: 'VIDEO', creatorType: 'SYSTEM', representativeType: 'DEFAULT', name: 'vod-default', description: 'VOD', revision: 1, profile: {}, createdAt: now(), lastModifiedAt: now() },
];
const page = (items, q) => {
  const size = Number(q.get('pageSize') || 20);
  const number = Number(q.get('page') || 0);
  const content = items.slice(number * size, number * size + size);
  return { content, totalElements: items.length, totalPages: Math.max(1, Math.ceil(items.length / size)), number, size, first: number === 0, last: (number + 1) * size >= items.length, empty: content.length === 0, numberOfElements: content.length };
};
function emit(appId, type, data) {
  const ev = { type, data, sentAt: now() };
  (db.events[appId] ||= []).push(ev);
  for (const s of db.sse) if (s.appId === appId) s.res.write(`id: ${++db.seq}\nevent: change\ndata: ${JSON.stringify(ev)}\n\n`);
}
const keyJson = (k, base) => {
  const viewable = ['ACTIVE', 'ACTIVE_LIVE'].includes(k.streamKeyState);
  return { ...k, ingestUrl: 'rtmp://localhost:1935/live', playUrl: null, rtmpPlayUrl: viewable ? `rtmp://localhost:1935/live/p${k.id}` : null,
    httpFlvPlayUrl: viewable ? `${base}/live/p${k.id}.flv` : null, cmafHlsPlayUrl: null, cmafDashPlayUrl: null,
    ingestStats: viewable ? { videoCodec: 'H264', audioCodec: 'AAC', width: 1280, height: 720, fps: 30, bitrateBps: 2500000 } : null };
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Security-Policy': CSP, ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
function file(res, p) {
  if (!p || !fs.existsSync(p) || !fs.statSync(p).isFile()) return send(res, 404, { errorCode: 'API_NOT_FOUND' });
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(p)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
  fs.createReadStream(p).pipe(res);
}
const safe = (root, rel) => (rel.split('/').some((s) => s.startsWith('.')) ? null : path.join(root, rel));

function serverApi(app, method, p, q, body, res, base) {
  const m = (re) => p.match(re);
  let r;
  if (p === '/members' && method === 'GET') {
    const list = db.members.filter((x) => x.appId === app.id && (!q.get('appUserId') || x.appUserId === q.get('appUserId')));
    return send(res, 200, page(list.slice().reverse(), q));
  }
  if (p === '/members' && method === 'POST') {
    if (!/^[A-Za-z0-9]+$/.test(body.appUserId || '')) return send(res, 400, { errorCode: 'INVALID_APP_USER_ID_FORMAT', errorMessage: 'letters and digits only' });
    const mem = { id: db.members.length + 1, appId: app.id, state: 'ACTIVE', appUserId: body.appUserId, appUserName: body.appUserName || null, appUserProfileImgUrl: body.appUserProfileImgUrl || null, createdAt: now(), lastModifiedAt: now() };
    db.members.push(mem);
    db.keys.push({ id: db.keys.length + 1, appId: app.id, memberId: mem.id, state: 'ACTIVE', streamKeyState: 'INACTIVE', forciblyTerminated: false, streamKey: `sk${Math.random().toString(36).slice(2, 14)}`, mode: null, videoRoom: null });
    return send(res, 201, mem);
  }
  if ((r = m(/^\/members\/([^/]+)\/stream-key$/))) {
    const mem = db.members.find((x) => x.appId === app.id && x.appUserId === decodeURIComponent(r[1]));
    if (!mem) return send(res, 404, { errorCode: 'MEMBER_NOT_FOUND' });
    return send(res, 200, keyJson(db.keys.find((k) => k.memberId === mem.id), base));
  }
  if (p === '/video-rooms' && method === 'GET') {
    const list = db.rooms.filter((x) => x.appId === app.id && (!q.get('videoRoomState') || x.videoRoomState === q.get('videoRoomState')));
    return send(res, 200, page(list.slice().reverse(), q));
  }
  if (p === '/video-rooms' && method === 'POST') {
    const mem = db.members.find((x) => x.appId === app.id && x.appUserId === body.appUserId);
    if (!mem) return send(res, 404, { errorCode: 'MEMBER_NOT_FOUND', errorMessage: 'no such member' });
    const room = { id: db.rooms.length + 1, appId: app.id, state: 'ACTIVE', uuid: 'u-' + (db.rooms.length + 1), type: body.type, protocol: 'RTMP', videoRoomState: 'SCHEDULED', vodState: 'NOT_ARCHIVED', format: 'UNDEFINED', accessLevel: body.accessLevel, title: body.title, description: body.description, scheduledAt: body.scheduledAt, member: { id: mem.id, appUserId: mem.appUserId }, forciblyTerminated: false, createdAt: now(), lastModifiedAt: now() };
    db.rooms.push(room);
    emit(app.id, 'VIDEO_ROOM_SCHEDULED', { videoRoomId: room.id, videoRoomVideoRoomState: 'SCHEDULED' });
    return send(res, 201, room);
  }
  if ((r = m(/^\/video-rooms\/(\d+)(\/rtmp-broadcast\/state\/(live|ended|cancelled))?$/))) {
    const room = db.rooms.find((x) => x.appId === app.id && x.id === Number(r[1]));
    if (!room) return send(res, 404, { errorCode: 'VIDEO_ROOM_NOT_FOUND' });
    const key = db.keys.find((k) => k.memberId === room.member.id);
    if (r[3] === 'live') {
      if (room.videoRoomState !== 'SCHEDULED') return send(res, 400, { errorCode: 'VIDEO_ROOM_STATE_NOT_SCHEDULED' });
      if (key.streamKeyState !== 'ACTIVE') return send(res, 400, { errorCode: 'STREAM_KEY_STATE_NOT_ACTIVE' });
      room.videoRoomState = 'LIVE'; key.streamKeyState = 'ACTIVE_LIVE'; key.videoRoom = { id: room.id }; room.liveStartedAt = now();
      emit(app.id, 'STREAM_KEY_ACTIVE_LIVE', { streamKeyId: key.id, streamKeyStreamKeyState: 'ACTIVE_LIVE' });
      emit(app.id, 'VIDEO_ROOM_LIVE', { videoRoomId: room.id, videoRoomVideoRoomState: 'LIVE' });
    } else if (r[3] === 'ended') {
      if (room.videoRoomState !== 'LIVE_INACTIVE') return send(res, 400, { errorCode: 'VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE' });
      room.videoRoomState = 'ARCHIVED'; room.vodState = 'ARCHIVED'; key.streamKeyState = 'INACTIVE'; key.videoRoom = null; room.liveEndedAt = now();
      const post = { id: db.posts.length + 1, appId: app.id, state: 'ACTIVE', videoPostState: 'PROCESSED', type: 'LIVE_RECORDED', accessLevel: 'PUBLIC', title: room.title, member: room.member, videoRoom: { id: room.id, title: room.title }, file: { src: null, processed: [], processedSummaries: [{ format: 'MP4', size: 1234567, url: `${base}/vod/${room.id}/video.mp4` }], thumbnail: null }, createdAt: now(), lastModifiedAt: now() };
      db.posts.push(post);
      room.videoPost = { id: post.id, videoPostState: 'PROCESSED' };
      emit(app.id, 'STREAM_KEY_INACTIVE', { streamKeyId: key.id, streamKeyStreamKeyState: 'INACTIVE' });
      emit(app.id, 'VIDEO_ROOM_ENDED', { videoRoomId: room.id, videoRoomVideoRoomState: 'ENDED' });
    } else if (r[3] === 'cancelled') {
      room.videoRoomState = 'CANCELLED';
    }
    const live = room.videoRoomState === 'LIVE';
    return send(res, 200, { ...room, httpFlvPlayUrl: live ? `${base}/live/p${key.id}.flv` : null, rtmpPlayUrl: live ? `rtmp://localhost:1935/live/p${key.id}` : null });
  }
  if ((r = m(/^\/stream-keys\/(\d+)\/force-terminate$/))) {
    const key = db.keys.find((k) => k.id === Number(r[1]));
    key.streamKeyState = 'INACTIVE'; key.forciblyTerminated = true;
    return send(res, 204);
  }
  if (p === '/video-posts') return send(res, 200, page(db.posts.filter((x) => x.appId === app.id).reverse(), q));
  if ((r = m(/^\/video-posts\/(\d+)$/))) return send(res, 200, db.posts.find((x) => x.id === Number(r[1])));
  if (p === '/transcoding-profiles') return send(res, 200, page(profiles.filter((x) => !q.get('type') || x.type === q.get('type')), q));
  if ((r = m(/^\/transcoding-profiles\/(\d+)$/))) return send(res, 200, profiles.find((x) => x.id === Number(r[1])));
  return send(res, 404, { errorCode: 'API_NOT_FOUND' });
}

export function startMock(port = 0) {
  const sessions = new Set();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const p = decodeURIComponent(url.pathname);
      const base = `http://${req.headers.host}`;
      let body = {};
      try { body = raw ? JSON.parse(raw) : {}; } catch { return send(res, 400, { errorCode: 'INVALID_HTTP_MESSAGE_BODY' }); }
      const cookie = (req.headers.cookie || '').match(/ffsb_console=([^;]+)/);
      const signedIn = cookie && sessions.has(cookie[1]);
      let r;
      if (p === '/console' || p === '/console/') return file(res, path.join(WEB, 'console/index.html'));
      if (p.startsWith('/console/vendor/')) { const rel = p.slice(16); return file(res, VENDOR.has(rel) ? path.join(WEB, 'node_modules', rel) : null); }
      if (p.startsWith('/console/') && !p.startsWith('/console/api/')) return file(res, safe(path.join(WEB, 'console'), p.slice(9)));
      if (p === '/open-api' || p === '/open-api/') return file(res, path.join(WEB, 'open-api/index.html'));
      if (p === '/open-api/ffc-app-server.json') return send(res, 200, { openapi: '3.0.3', info: { title: 'ffsandbox mock', version: '0' }, paths: { '/v2/apps/me/members': { get: { summary: 'List members', responses: { 200: { description: 'ok' } } } } } });
      if (p.startsWith('/open-api/')) return file(res, safe(path.join(WEB, 'open-api'), p.slice(10)));
      if (p.startsWith('/_mock/key/')) {
        const [, , , appUserId, state] = p.split('/');
        const mem = db.members.find((x) => x.appUserId === appUserId);
        const key = db.keys.find((k) => k.memberId === mem.id);
        key.streamKeyState = state;
        emit(mem.appId, `STREAM_KEY_${state}`, { streamKeyId: key.id, streamKeyStreamKeyState: state });
        const room = db.rooms.find((x) => x.member.id === mem.id && ['LIVE', 'LIVE_INACTIVE'].includes(x.videoRoomState));
        if (room && state === 'INACTIVE_LIVE') { room.videoRoomState = 'LIVE_INACTIVE'; emit(mem.appId, 'VIDEO_ROOM_LIVE_INACTIVE', { videoRoomId: room.id, videoRoomVideoRoomState: 'LIVE_INACTIVE' }); }
        return send(res, 204);
      }
      if (p === '/console/api/session') {
        if (req.method === 'POST') {
          if (body.password !== 'pw') return send(res, 401, { errorCode: 'INVALID_CONSOLE_CREDENTIALS' });
          const tok = Math.random().toString(36).slice(2);
          sessions.add(tok);
          return send(res, 200, { username: 'operator' }, { 'Set-Cookie': `ffsb_console=${tok}; Path=/console; HttpOnly; SameSite=Strict` });
        }
        if (req.method === 'DELETE') return send(res, 204);
        return signedIn ? send(res, 200, { username: 'operator' }) : send(res, 401, { errorCode: 'CONSOLE_SIGN_IN_REQUIRED' });
      }
      if (p.startsWith('/console/api/')) {
        if (!signedIn) return send(res, 401, { errorCode: 'CONSOLE_SIGN_IN_REQUIRED' });
        if (req.method !== 'GET' && req.headers['x-ffsb-console'] !== '1') return send(res, 403, { errorCode: 'CONSOLE_CSRF_HEADER_MISSING' });
        if (p === '/console/api/apps' && req.method === 'GET') return send(res, 200, { content: db.apps });
        if (p === '/console/api/apps' && req.method === 'POST') {
          const app = { id: db.apps.length + 1, state: 'ACTIVE', name: body.name, apiKey: `key${db.apps.length + 1}`, defaultRtmpOutputMode: 'RTMP', callback: { url: '', accessId: '', accessPasswordSet: false }, createdAt: now(), lastModifiedAt: now() };
          db.apps.push(app);
          return send(res, 201, { app, apiKey: app.apiKey, apiSecret: 'secret-' + Math.random().toString(36).slice(2) });
        }
        if ((r = p.match(/^\/console\/api\/apps\/(\d+)(.*)$/))) {
          const app = db.apps.find((a) => a.id === Number(r[1]));
          if (!app) return send(res, 404, { errorCode: 'APP_NOT_FOUND' });
          const rest = r[2];
          if (rest === '' && req.method === 'GET') return send(res, 200, app);
          if (rest === '' && req.method === 'PATCH') {
            if (body.name) app.name = body.name;
            if (body.defaultRtmpOutputMode) app.defaultRtmpOutputMode = body.defaultRtmpOutputMode;
            if (body.callback) Object.assign(app.callback, { url: body.callback.url ?? app.callback.url, accessId: body.callback.accessId ?? app.callback.accessId, accessPasswordSet: app.callback.accessPasswordSet || !!body.callback.accessPassword });
            return send(res, 200, app);
          }
          if (rest === '/webhook-deliveries') return send(res, 200, { content: [{ id: 1, type: 'STREAM_KEY_ACTIVE', url: 'http://127.0.0.1:9/hook', state: 'FAILED', attempts: 1, lastHttpStatus: 500, lastError: 'HTTP 500', createdAt: now(), lastModifiedAt: now() }] });
          if (rest === '/events/recent') return send(res, 200, { content: db.events[app.id] || [], live: true });
          if (rest === '/events') {
            res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
            res.write('retry: 3000\n\n');
            const s = { appId: app.id, res };
            db.sse.add(s);
            res.on('close', () => db.sse.delete(s));
            return undefined;
          }
          if (rest.startsWith('/v2/apps/me')) return serverApi(app, req.method, rest.slice(11), url.searchParams, body, res, base);
        }
      }
      return send(res, 404, { errorCode: 'API_NOT_FOUND' });
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startMock(Number(process.argv[2] || 0)).then(({ port }) => console.log(`mock console on http://127.0.0.1:${port}/console/`));
}
