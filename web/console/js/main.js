// The console's entry point: a hash router over the pages in ./pages/, the
// page shell (header, app menu, language switch) and the sign-in gate.
import { h, replace } from './dom.js';
import { t, lang, setLang, LANGUAGES } from './i18n.js';
import { session, apps as appsApi, appApi, setUnauthorizedHandler } from './api.js';
import { connectApp, disconnect, onStatus } from './events.js';
import { renderSignIn } from './pages/signin.js';
import { renderApps } from './pages/apps.js';
import { renderMembers } from './pages/members.js';
import { renderRooms } from './pages/rooms.js';
import { renderRoomDetail } from './pages/room-detail.js';
import { renderPosts } from './pages/posts.js';
import { renderPostDetail } from './pages/post-detail.js';
import { renderProfiles } from './pages/profiles.js';
import { renderProfileDetail } from './pages/profile-detail.js';
import { renderSettings } from './pages/settings.js';

const ROUTES = [
  ['/signin', renderSignIn, { public: true }],
  ['/apps', renderApps, {}],
  ['/apps/:appId/members', renderMembers, { inApp: 'members' }],
  ['/apps/:appId/rooms', renderRooms, { inApp: 'rooms' }],
  ['/apps/:appId/rooms/:roomId', renderRoomDetail, { inApp: 'rooms' }],
  ['/apps/:appId/posts', renderPosts, { inApp: 'posts' }],
  ['/apps/:appId/posts/:postId', renderPostDetail, { inApp: 'posts' }],
  ['/apps/:appId/profiles', renderProfiles, { inApp: 'profiles' }],
  ['/apps/:appId/profiles/:profileId', renderProfileDetail, { inApp: 'profiles' }],
  ['/apps/:appId/settings', renderSettings, { inApp: 'settings' }],
];

const root = document.getElementById('app');
let user = null;
let cleanups = [];
let renderSeq = 0;

function match(path) {
  for (const [pattern, render, opts] of ROUTES) {
    const ps = pattern.split('/').filter(Boolean);
    const xs = path.split('/').filter(Boolean);
    if (ps.length !== xs.length) continue;
    const params = {};
    let ok = true;
    ps.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(xs[i]);
      else if (p !== xs[i]) ok = false;
    });
    if (ok) return { render, opts, params };
  }
  return null;
}

export function go(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = path;
}

function langSwitch() {
  const sel = h('select', { id: 'lang-select', 'aria-label': t('lang.label') },
    LANGUAGES.map(([code, name]) => h('option', { value: code, selected: code === lang() }, name)));
  sel.addEventListener('change', () => { setLang(sel.value); route(); });
  return h('div', { class: 'lang' }, h('label', { for: 'lang-select', class: 'visually-hidden' }, t('lang.label')), sel);
}

function header(app) {
  const live = h('span', { class: 'live-dot', role: 'status' });
  if (app) {
    cleanups.push(onStatus((on) => {
      live.className = on ? 'live-dot on' : 'live-dot';
      live.title = on ? t('common.live') : t('common.offline');
      live.setAttribute('aria-label', live.title);
    }));
  } else {
    live.hidden = true;
  }
  return h('header', { class: 'topbar' },
    h('a', { href: '#/apps', class: 'brand', 'aria-label': t('app.title') },
      h('img', { src: '/console/img/favicon.svg', alt: '', width: 24, height: 24 }), h('span', {}, 'ffsandbox')),
    app ? h('span', { class: 'crumb' }, h('a', { href: '#/apps' }, t('nav.apps')), ' / ',
      h('strong', { id: 'current-app-name' }, app.name), live) : null,
    h('div', { class: 'topbar-right' },
      h('a', { href: '/open-api/', class: 'btn small ghost', target: '_blank', rel: 'noopener' }, t('nav.openapi')),
      langSwitch(),
      user ? h('button', { type: 'button', class: 'btn small', id: 'sign-out', onclick: async () => {
        try { await session.signOut(); } catch { /* already out */ }
        user = null;
        disconnect();
        go('/signin');
      } }, t('signout')) : null));
}

function appNav(appId, active) {
  const item = (key, label) => h('li', {}, h('a', {
    href: `#/apps/${appId}/${key}`, class: active === key ? 'active' : '',
    'aria-current': active === key ? 'page' : undefined,
  }, t(label)));
  return h('nav', { class: 'appnav', 'aria-label': t('nav.section') }, h('ul', {},
    item('members', 'nav.members'), item('rooms', 'nav.rooms'), item('posts', 'nav.posts'),
    item('profiles', 'nav.profiles'), item('settings', 'nav.settings')));
}

async function route() {
  const seq = ++renderSeq;
  for (const fn of cleanups) { try { fn(); } catch { /* ignore */ } }
  cleanups = [];
  document.querySelectorAll('dialog').forEach((d) => d.remove());
  document.documentElement.lang = lang();
  const path = location.hash.replace(/^#/, '') || '/apps';
  const m = match(path);
  if (!m) { go('/apps'); return; }
  if (!m.opts.public && !user) {
    try { user = await session.get(); } catch { user = null; }
    if (seq !== renderSeq) return;
    if (!user) { go('/signin'); return; }
  }
  let app = null;
  if (m.opts.inApp) {
    try { app = await appsApi.get(m.params.appId); } catch (e) {
      if (seq !== renderSeq) return;
      replace(root, header(null), h('main', { id: 'main', class: 'page' }, h('p', { class: 'form-error', role: 'alert' }, e.message)));
      return;
    }
    if (seq !== renderSeq) return;
    connectApp(app.id);
  } else {
    disconnect();
  }
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  const body = app ? h('div', { class: 'with-nav' }, appNav(app.id, m.opts.inApp), main) : main;
  replace(root, header(app), body);
  const ctx = {
    main, params: m.params, app, api: app ? appApi(app.id) : null, go,
    onLeave: (fn) => cleanups.push(fn),
    isCurrent: () => seq === renderSeq,
    setUser: (u) => { user = u; },
    rerender: route,
  };
  try {
    await m.render(ctx);
  } catch (e) {
    if (seq === renderSeq) main.appendChild(h('p', { class: 'form-error', role: 'alert' }, `${e.code || t('common.error')}: ${e.message}`));
  }
  document.title = `${main.querySelector('h1')?.textContent || ''} · ${t('app.title')}`;
}

setUnauthorizedHandler(() => {
  user = null;
  if (!location.hash.startsWith('#/signin')) go('/signin');
});
setLang(lang());
window.addEventListener('hashchange', route);
route();
