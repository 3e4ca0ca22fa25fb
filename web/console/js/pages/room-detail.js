// A video room's detail page: the StreamKey area (ingest URL, hidden stream
// key, state, play URLs), Start Live / End Live enabled exactly when the
// contract allows them, force end, room info with VOD state and the video
// post link, a player (hls.js for CMAF, mpegts.js for HTTP-FLV), the stream
// key state machine with recent transitions (live over SSE), ingest stats,
// and the VOD once archived.
import { h, stateBadge, replace, clear, put } from '../dom.js';
import { t } from '../i18n.js';
import { apps as appsApi } from '../api.js';
import { onEvent } from '../events.js';
import { confirmDialog, errorBox, showError } from '../ui/dialog.js';
import { valueField } from '../ui/copy.js';
import { stateDiagram } from '../ui/state-diagram.js';
import { mountPlayer } from '../ui/player.js';
import { dateTime, time, bitrate, sameOrigin } from '../format.js';

export function canStartLive(room, key) {
  return !!room && !!key && room.videoRoomState === 'SCHEDULED' && key.streamKeyState === 'ACTIVE';
}
export function canEndLive(room, key) {
  return !!room && !!key && room.videoRoomState === 'LIVE_INACTIVE' && key.streamKeyState === 'INACTIVE_LIVE';
}

function dl(rows) {
  return h('dl', { class: 'props' }, rows.filter(Boolean).map(([k, v, id]) => [h('dt', {}, k), h('dd', { id }, v ?? '—')]));
}

function sources(room, key) {
  let from = null;
  let preview = false;
  if (room.videoRoomState === 'LIVE') from = room;
  else if (key && ['ACTIVE', 'ACTIVE_LIVE'].includes(key.streamKeyState) && !['ENDED', 'ARCHIVED', 'CANCELLED'].includes(room.videoRoomState)
    && (!key.videoRoom || key.videoRoom.id === room.id)) { from = key; preview = room.videoRoomState !== 'LIVE'; }
  if (!from) return { list: [], preview };
  const list = [];
  if (from.cmafHlsPlayUrl) list.push(['hls', 'HLS (hls.js)', sameOrigin(from.cmafHlsPlayUrl)]);
  if (from.httpFlvPlayUrl) list.push(['flv', 'HTTP-FLV (mpegts.js)', sameOrigin(from.httpFlvPlayUrl)]);
  if (from.cmafDashPlayUrl) list.push(['dash', 'DASH (dash.js)', sameOrigin(from.cmafDashPlayUrl)]);
  return { list, preview };
}

export async function renderRoomDetail(ctx) {
  const roomId = ctx.params.roomId;
  const st = { room: null, key: null, transitions: [], player: null, playerUrl: null, kind: null, vod: null, vodUrl: null };
  const err = errorBox();
  const title = h('h1', { id: 'room-title' }, `${t('room.title')} #${roomId}`);
  const btnStart = h('button', { type: 'button', class: 'btn primary', id: 'start-live' }, t('room.startLive'));
  const btnEnd = h('button', { type: 'button', class: 'btn primary', id: 'end-live' }, t('room.endLive'));
  const btnCancel = h('button', { type: 'button', class: 'btn', id: 'cancel-room' }, t('room.cancel'));
  const btnForce = h('button', { type: 'button', class: 'btn danger', id: 'force-end' }, t('room.forceEnd'));
  const hint = h('p', { class: 'hint', id: 'control-hint' });
  const keyBox = h('div', { id: 'stream-key-area' });
  const infoBox = h('div', { id: 'room-info' });
  const playerBox = h('div', { class: 'player', id: 'live-player' });
  const playerHead = h('div', { class: 'player-head' });
  const diagramBox = h('div', { id: 'key-diagram', class: 'diagram-wrap', tabindex: '0', role: 'region', 'aria-label': t('room.diagram') });
  const transitionsBox = h('div', { id: 'key-transitions' });
  const statsBox = h('div', { id: 'ingest-stats' });
  const vodCard = h('section', { class: 'card', id: 'vod-card', hidden: true, 'aria-labelledby': 'vod-h' },
    h('h2', { id: 'vod-h' }, t('room.vod')), h('div', { class: 'player', id: 'vod-player' }));

  const act = async (btn, fn) => {
    btn.disabled = true;
    showError(err, null);
    try { await fn(); } catch (e) { showError(err, e); }
    await refresh();
  };
  btnStart.addEventListener('click', () => act(btnStart, () => ctx.api.goLive(roomId)));
  btnEnd.addEventListener('click', () => act(btnEnd, () => ctx.api.endLive(roomId)));
  btnCancel.addEventListener('click', () => act(btnCancel, () => ctx.api.cancel(roomId)));
  btnForce.addEventListener('click', async () => {
    if (!st.key) return;
    if (await confirmDialog(t('room.forceConfirm'), t('room.forceEnd'), { danger: true }))
      act(btnForce, () => ctx.api.forceTerminate(st.key.id));
  });

  function renderControls() {
    const { room, key } = st;
    const start = canStartLive(room, key);
    const end = canEndLive(room, key);
    btnStart.disabled = !start;
    btnEnd.disabled = !end;
    btnCancel.hidden = !room || room.videoRoomState !== 'SCHEDULED';
    btnCancel.disabled = btnCancel.hidden;
    const keyBusy = key && key.streamKeyState !== 'INACTIVE';
    const roomLive = room && ['LIVE', 'LIVE_INACTIVE'].includes(room.videoRoomState);
    btnForce.disabled = !(keyBusy || roomLive);
    hint.textContent = start || end ? '' : (room && room.videoRoomState === 'SCHEDULED' ? t('room.startHint')
      : (room && ['LIVE', 'LIVE_INACTIVE'].includes(room.videoRoomState) ? t('room.endHint') : ''));
  }

  function renderKey() {
    const { room, key } = st;
    if (!key) { replace(keyBox, h('p', { class: 'muted' }, '—')); return; }
    const urls = room && room.videoRoomState === 'LIVE' ? room : key;
    const publish = key.ingestUrl && key.streamKey ? `${key.ingestUrl}/${key.streamKey}` : '';
    replace(keyBox, 
      h('p', { class: 'key-state' }, h('span', {}, t('room.keyState'), ': '), stateBadge(key.streamKeyState, 'big'),
        key.mode ? [' ', h('span', { class: 'muted' }, t('room.mode'), ': '), stateBadge(key.mode)] : null,
        key.forciblyTerminated ? [' ', stateBadge('forciblyTerminated')] : null),
      key.videoRoom && room && key.videoRoom.id !== room.id
        ? h('p', { class: 'warning' }, t('room.otherRoom', { id: key.videoRoom.id })) : null,
      valueField(t('room.ingestUrl'), key.ingestUrl, { id: 'ingest-url' }),
      valueField(t('room.streamKeyValue'), key.streamKey, { secret: true, id: 'stream-key' }),
      valueField(t('room.publishUrl'), publish, { secret: true, id: 'publish-url' }),
      h('p', { class: 'hint' }, t('room.obsHint')),
      valueField(t('room.rtmpPlay'), urls.rtmpPlayUrl, { id: 'rtmp-play-url' }),
      valueField(t('room.flvPlay'), urls.httpFlvPlayUrl, { id: 'flv-play-url' }),
      valueField(t('room.hlsPlay'), urls.cmafHlsPlayUrl, { id: 'hls-play-url' }),
      valueField(t('room.dashPlay'), urls.cmafDashPlayUrl, { id: 'dash-play-url' }));
  }

  function renderInfo() {
    const r = st.room;
    title.textContent = r.title || `${t('room.title')} #${r.id}`;
    const post = r.videoPost
      ? h('a', { href: `#/apps/${ctx.app.id}/posts/${r.videoPost.id}`, id: 'video-post-link' }, String(r.videoPost.id), ' ', stateBadge(r.videoPost.videoPostState))
      : '—';
    replace(infoBox, dl([
      [t('col.id'), String(r.id)],
      [t('room.state'), stateBadge(r.videoRoomState), 'room-state'],
      [t('room.vodState'), stateBadge(r.vodState), 'room-vod-state'],
      [t('room.videoPost'), post],
      [t('col.type'), h('code', {}, r.type)],
      [t('room.format'), stateBadge(r.format)],
      [t('rooms.access'), stateBadge(r.accessLevel)],
      [t('col.owner'), r.member ? h('code', {}, r.member.appUserId) : '—'],
      [t('col.scheduledAt'), dateTime(r.scheduledAt)],
      [t('room.liveStartedAt'), dateTime(r.liveStartedAt)],
      [t('room.liveEndedAt'), dateTime(r.liveEndedAt)],
      [t('room.forcibly'), String(!!r.forciblyTerminated)],
      ['uuid', h('code', {}, r.uuid || '—')],
      r.description ? [t('rooms.description'), r.description] : null,
    ]));
  }

  function renderPlayer() {
    const { list, preview } = sources(st.room, st.key);
    if (!list.length) {
      if (st.player) { st.player.destroy(); st.player = null; st.playerUrl = null; }
      clear(playerHead);
      replace(playerBox, h('p', { class: 'muted player-empty' }, t('room.noPlayer')));
      return;
    }
    if (!list.some(([k]) => k === st.kind)) st.kind = list[0][0];
    const chosen = list.find(([k]) => k === st.kind);
    const sel = h('select', { id: 'player-source' }, list.map(([k, label]) => h('option', { value: k, selected: k === st.kind }, label)));
    sel.addEventListener('change', () => { st.kind = sel.value; renderPlayer(); });
    replace(playerHead, 
      h('label', { for: 'player-source' }, t('room.source')), sel,
      preview ? h('span', { class: 'badge' }, t('room.preview')) : stateBadge('LIVE'));
    if (st.playerUrl !== chosen[2]) {
      if (st.player) st.player.destroy();
      st.player = mountPlayer(playerBox, chosen[2], { kind: chosen[0], live: true, label: `${t('room.player')}: ${chosen[1]}` });
      st.playerUrl = chosen[2];
    }
  }

  function renderVod() {
    const url = st.room.vodUrl;
    vodCard.hidden = !url;
    if (url && st.vodUrl !== url) {
      if (st.vod) st.vod.destroy();
      st.vod = mountPlayer(vodCard.querySelector('#vod-player'), sameOrigin(url), { live: false, label: `${t('room.vod')} ${t('room.player')}` });
      st.vodUrl = url;
    }
  }

  function keyTransitions() {
    return st.transitions.filter((e) => st.key && e.type.startsWith('STREAM_KEY_') && e.data && String(e.data.streamKeyId) === String(st.key.id));
  }

  function renderDiagram() {
    const ks = keyTransitions();
    const cur = st.key ? st.key.streamKeyState : null;
    const prevState = ks.length >= 2 && ks[ks.length - 1].data.streamKeyStreamKeyState === cur ? ks[ks.length - 2].data.streamKeyStreamKeyState : null;
    replace(diagramBox, stateDiagram(cur, prevState, { title: t('room.diagram') }));
    const mine = st.transitions.filter((e) => (e.type.startsWith('STREAM_KEY_') && st.key && String(e.data?.streamKeyId) === String(st.key.id))
      || (e.type.startsWith('VIDEO_ROOM_') && String(e.data?.videoRoomId) === String(roomId))).slice(-20).reverse();
    replace(transitionsBox, mine.length === 0 ? h('p', { class: 'muted' }, t('room.noTransitions'))
      : h('ol', { class: 'transitions', 'aria-label': t('room.transitions') }, mine.map((e) => h('li', {},
        h('time', { datetime: e.sentAt }, time(e.sentAt)), ' ', h('code', {}, e.type.startsWith('STREAM_KEY_') ? 'StreamKey' : 'VideoRoom'), ' → ',
        stateBadge(e.data.streamKeyStreamKeyState || e.data.videoRoomVideoRoomState)))));
  }

  function renderStats() {
    const k = st.key;
    const s = k && (k.ingestStats || k.stats);
    if (!s || !k || k.streamKeyState === 'INACTIVE' || k.streamKeyState === 'INACTIVE_LIVE') {
      replace(statsBox, h('p', { class: 'muted' }, t('room.noStats')));
      return;
    }
    replace(statsBox, dl([
      [t('room.codec'), [s.videoCodec, s.audioCodec].filter(Boolean).join(' / ') || '—', 'stat-codec'],
      [t('room.resolution'), s.width && s.height ? `${s.width}×${s.height}` : '—', 'stat-resolution'],
      [t('room.fps'), s.fps ? Number(s.fps).toFixed(1) : '—', 'stat-fps'],
      [t('room.bitrate'), bitrate(s.bitrateBps ?? s.bitrate), 'stat-bitrate'],
    ]));
  }

  let inflight = null;
  async function refresh() {
    if (inflight) return inflight;
    inflight = (async () => {
      try {
        const room = await ctx.api.room(roomId);
        let key = null;
        if (room.member && room.member.appUserId) {
          try { key = await ctx.api.memberStreamKey(room.member.appUserId); } catch { key = null; }
        }
        if (!ctx.isCurrent()) return;
        st.room = room;
        st.key = key;
        renderInfo(); renderKey(); renderControls(); renderPlayer(); renderVod(); renderDiagram(); renderStats();
      } catch (e) {
        if (ctx.isCurrent()) showError(err, e);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  put(ctx.main, 
    h('div', { class: 'page-head' },
      h('a', { href: `#/apps/${ctx.app.id}/rooms`, class: 'btn small ghost' }, '‹ ', t('nav.rooms')),
      title,
      h('div', { class: 'actions' }, btnStart, btnEnd, btnCancel, btnForce)),
    hint, err,
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'player-h' }, h('h2', { id: 'player-h' }, t('room.player')), playerHead, playerBox),
      h('section', { class: 'card', 'aria-labelledby': 'info-h' }, h('h2', { id: 'info-h' }, t('room.info')), infoBox)),
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'sk-h' }, h('h2', { id: 'sk-h' }, t('room.streamKey')), keyBox),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'stats-h' }, h('h2', { id: 'stats-h' }, t('room.stats')), statsBox),
        h('section', { class: 'card', 'aria-labelledby': 'tr-h' }, h('h2', { id: 'tr-h' }, t('room.transitions')), transitionsBox))),
    h('section', { class: 'card', 'aria-labelledby': 'diag-h' }, h('h2', { id: 'diag-h' }, t('room.diagram')), diagramBox),
    vodCard);

  try {
    const recent = await appsApi.recentEvents(ctx.app.id);
    st.transitions = recent.content || [];
  } catch { st.transitions = []; }
  await refresh();
  let timer = null;
  ctx.onLeave(onEvent((ev) => {
    st.transitions.push(ev);
    if (st.transitions.length > 200) st.transitions.shift();
    renderDiagram();
    clearTimeout(timer);
    timer = setTimeout(refresh, 100);
  }));
  const poll = setInterval(refresh, 3000);
  ctx.onLeave(() => {
    clearInterval(poll);
    clearTimeout(timer);
    if (st.player) st.player.destroy();
    if (st.vod) st.vod.destroy();
  });
}
