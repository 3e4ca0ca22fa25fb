// Live updates: one EventSource per open app (GET /console/api/apps/{id}/events,
// session cookie). Every message is {type, data, sentAt}, the body the app's
// webhook gets (contract §8). Pages subscribe with onEvent() and unsubscribe
// when they are left; the status listeners drive the "live" indicator.

let source = null;
let sourceApp = null;
const listeners = new Set();
const statusListeners = new Set();
let connected = false;

function setConnected(v) {
  connected = v;
  for (const fn of statusListeners) fn(v);
}

export function connectApp(appId) {
  if (sourceApp === String(appId) && source) return;
  disconnect();
  sourceApp = String(appId);
  source = new EventSource(`/console/api/apps/${encodeURIComponent(appId)}/events`);
  source.addEventListener('open', () => setConnected(true));
  source.addEventListener('error', () => setConnected(false));
  source.addEventListener('change', (e) => {
    let ev;
    try { ev = JSON.parse(e.data); } catch { return; }
    for (const fn of [...listeners]) fn(ev);
  });
}

export function disconnect() {
  if (source) source.close();
  source = null;
  sourceApp = null;
  setConnected(false);
}

// Returns the unsubscribe function.
export function onEvent(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function onStatus(fn) {
  statusListeners.add(fn);
  fn(connected);
  return () => statusListeners.delete(fn);
}
