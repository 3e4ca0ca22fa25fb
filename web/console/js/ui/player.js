// A <video> driven by the right library for the URL: hls.js (CMAF HLS),
// dash.js (CMAF DASH), mpegts.js (HTTP-FLV, so RTMP-only broadcasts play in
// the browser too) or the browser itself (MP4). Libraries are loaded on first
// use from /console/vendor/ (same origin, offline).
import { h, replace, clear } from '../dom.js';

const VENDOR = {
  hls: ['/console/vendor/hls.js/dist/hls.min.js', 'Hls'],
  dash: ['/console/vendor/dashjs/dist/modern/umd/dash.all.min.js', 'dashjs'],
  flv: ['/console/vendor/mpegts.js/dist/mpegts.js', 'mpegts'],
};
const loading = {};

function loadVendor(kind) {
  const [src, global] = VENDOR[kind];
  if (window[global]) return Promise.resolve(window[global]);
  if (!loading[kind]) {
    loading[kind] = new Promise((resolve, reject) => {
      const s = h('script', { src, async: true });
      s.addEventListener('load', () => resolve(window[global]));
      s.addEventListener('error', () => { delete loading[kind]; reject(new Error(`cannot load ${src}`)); });
      document.head.appendChild(s);
    });
  }
  return loading[kind];
}

export function kindOfUrl(url) {
  const path = (url || '').split('?')[0].toLowerCase();
  if (path.endsWith('.m3u8')) return 'hls';
  if (path.endsWith('.mpd')) return 'dash';
  if (path.endsWith('.flv')) return 'flv';
  return 'mp4';
}

// Mounts a player into `container`; returns {video, destroy()}.
export function mountPlayer(container, url, { kind = kindOfUrl(url), live = true, label = 'Video player' } = {}) {
  const video = h('video', {
    class: 'player-video', controls: true, muted: true, autoplay: true, playsinline: true,
    'aria-label': label, 'data-kind': kind, 'data-src': url,
  });
  video.muted = true;  // autoplay without a gesture needs muted
  const status = h('p', { class: 'player-status', role: 'status' });
  replace(container, video, status);
  let destroyed = false;
  let impl = null;
  let retry = null;

  const fail = (msg) => {
    if (destroyed) return;
    status.textContent = msg;
  };

  const start = async () => {
    if (destroyed) return;
    try {
      if (kind === 'hls') {
        const Hls = await loadVendor('hls');
        if (destroyed) return;
        if (Hls && Hls.isSupported()) {
          const hls = new Hls({ manifestLoadingMaxRetry: 30, manifestLoadingRetryDelay: 1000,
            levelLoadingMaxRetry: 30, fragLoadingMaxRetry: 10, liveDurationInfinity: live });
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (data.fatal) {
              fail(`HLS: ${data.details}`);
              hls.destroy();
              if (!destroyed) retry = setTimeout(start, 2000);
            }
          });
          hls.loadSource(url);
          hls.attachMedia(video);
          impl = { destroy: () => hls.destroy() };
        } else {
          video.src = url;
        }
      } else if (kind === 'dash') {
        const dashjs = await loadVendor('dash');
        if (destroyed) return;
        const p = dashjs.MediaPlayer().create();
        p.initialize(video, url, true);
        impl = { destroy: () => p.reset() };
      } else if (kind === 'flv') {
        const mpegts = await loadVendor('flv');
        if (destroyed) return;
        const p = mpegts.createPlayer({ type: 'flv', isLive: live, url },
          { enableWorker: false, lazyLoad: false, liveBufferLatencyChasing: live });
        p.on(mpegts.Events.ERROR, (type, detail) => {
          fail(`HTTP-FLV: ${type} ${detail}`);
          try { p.destroy(); } catch { /* already gone */ }
          impl = null;
          if (!destroyed) retry = setTimeout(start, 2000);
        });
        p.attachMediaElement(video);
        p.load();
        impl = { destroy: () => { try { p.destroy(); } catch { /* already gone */ } } };
      } else {
        video.src = url;
      }
      status.textContent = '';
      const playPromise = video.play();
      if (playPromise) playPromise.catch(() => { /* autoplay refused: the controls remain */ });
    } catch (e) {
      fail(String(e.message || e));
    }
  };
  start();

  return {
    video,
    url,
    kind,
    destroy() {
      destroyed = true;
      clearTimeout(retry);
      if (impl) impl.destroy();
      video.removeAttribute('src');
      video.load();
      clear(container);
    },
  };
}
