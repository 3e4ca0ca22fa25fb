// Calls to the console API. Everything inside an app goes through
// /console/api/apps/{appId}/v2/apps/me/..., which the server re-dispatches to
// the server API's own handlers with the app pre-authenticated: the browser
// never holds an API secret. The session is an HttpOnly cookie.

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export async function request(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-FFSB-Console'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const resp = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (resp.status === 204) return null;
  const text = await resp.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!resp.ok) {
    const err = new ApiError(resp.status, json && json.errorCode, (json && json.errorMessage) || text,
      Number(resp.headers.get('Retry-After')) || 0);
    if (resp.status === 401 && err.code === 'CONSOLE_SIGN_IN_REQUIRED') onUnauthorized();
    throw err;
  }
  return json;
}

export const session = {
  get: () => request('GET', '/console/api/session'),
  signIn: (username, password) => request('POST', '/console/api/session', { username, password }),
  signOut: () => request('DELETE', '/console/api/session'),
};

export const apps = {
  list: () => request('GET', '/console/api/apps'),
  create: (name) => request('POST', '/console/api/apps', { name }),
  get: (id) => request('GET', `/console/api/apps/${id}`),
  update: (id, patch) => request('PATCH', `/console/api/apps/${id}`, patch),
  deliveries: (id) => request('GET', `/console/api/apps/${id}/webhook-deliveries`),
  recentEvents: (id) => request('GET', `/console/api/apps/${id}/events/recent`),
};

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

// The server API of one app (contract §3–§7), through the console.
export function appApi(appId) {
  const base = `/console/api/apps/${encodeURIComponent(appId)}/v2/apps/me`;
  const call = (method, path, body) => request(method, base + path, body);
  const enc = encodeURIComponent;
  return {
    members: (q) => call('GET', `/members${qs(q)}`),
    member: (appUserId) => call('GET', `/members/${enc(appUserId)}`),
    upsertMember: (body) => call('POST', '/members', body),
    memberStreamKey: (appUserId) => call('GET', `/members/${enc(appUserId)}/stream-key`),
    streamKey: (id) => call('GET', `/stream-keys/${enc(id)}`),
    forceTerminate: (keyId) => call('POST', `/stream-keys/${enc(keyId)}/force-terminate`),
    rooms: (q) => call('GET', `/video-rooms${qs(q)}`),
    room: (id) => call('GET', `/video-rooms/${enc(id)}`),
    createRoom: (body) => call('POST', '/video-rooms', body),
    goLive: (id) => call('POST', `/video-rooms/${enc(id)}/rtmp-broadcast/state/live`),
    endLive: (id) => call('POST', `/video-rooms/${enc(id)}/rtmp-broadcast/state/ended`),
    cancel: (id) => call('POST', `/video-rooms/${enc(id)}/rtmp-broadcast/state/cancelled`),
    posts: (q) => call('GET', `/video-posts${qs(q)}`),
    post: (id) => call('GET', `/video-posts/${enc(id)}`),
    profiles: (q) => call('GET', `/transcoding-profiles${qs(q)}`),
    profile: (id) => call('GET', `/transcoding-profiles/${enc(id)}`),
  };
}
