// A video post: its properties, files (source, processed MP4 / HLS / DASH,
// thumbnail, preview) and a VOD player (HLS through hls.js, else MP4).
import { h, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { dataTable } from '../ui/table.js';
import { mountPlayer } from '../ui/player.js';
import { dateTime, bytes, sameOrigin } from '../format.js';
import { onEvent } from '../events.js';

function pickVod(post) {
  const sums = (post.file && post.file.processedSummaries) || [];
  const by = (f) => sums.find((s) => s.format === f && s.url);
  const hls = by('CMAF_HLS');
  if (hls) return [hls.url, 'hls'];
  const mp4 = by('MP4');
  if (mp4) return [mp4.url, 'mp4'];
  const dash = by('CMAF_MPEG_DASH');
  if (dash) return [dash.url, 'dash'];
  const proc = ((post.file && post.file.processed) || []).find((f) => f.url);
  return proc ? [proc.url, undefined] : null;
}

export async function renderPostDetail(ctx) {
  const id = ctx.params.postId;
  const box = h('div', {});
  const playerBox = h('div', { class: 'player', id: 'post-player' });
  let player = null;
  let playerUrl = null;
  const load = async () => {
    const p = await ctx.api.post(id);
    if (!ctx.isCurrent()) return;
    const f = p.file || {};
    const files = [];
    if (f.src) files.push({ ...f.src, kind: 'SRC' });
    for (const x of f.processed || []) files.push({ ...x, kind: x.type });
    for (const s of f.processedSummaries || []) files.push({ kind: 'SUMMARY', type: s.format, size: s.size, url: s.url, contentType: '' });
    if (f.thumbnail) files.push({ ...f.thumbnail, kind: 'THUMBNAIL' });
    if (f.preview) files.push({ ...f.preview, kind: 'PREVIEW' });
    replace(box, 
      h('div', { class: 'grid two' },
        h('section', { class: 'card', 'aria-labelledby': 'pp-h' }, h('h2', { id: 'pp-h' }, t('post.player')), playerBox),
        h('section', { class: 'card', 'aria-labelledby': 'pi-h' }, h('h2', { id: 'pi-h' }, t('room.info')),
          h('dl', { class: 'props' },
            h('dt', {}, t('col.id')), h('dd', {}, String(p.id)),
            h('dt', {}, t('col.postState')), h('dd', { id: 'post-state' }, stateBadge(p.videoPostState)),
            h('dt', {}, t('col.type')), h('dd', {}, h('code', {}, p.type)),
            h('dt', {}, t('rooms.access')), h('dd', {}, stateBadge(p.accessLevel)),
            h('dt', {}, t('col.owner')), h('dd', {}, p.member ? h('code', {}, p.member.appUserId) : '—'),
            h('dt', {}, t('post.room')), h('dd', {}, p.videoRoom ? h('a', { href: `#/apps/${ctx.app.id}/rooms/${p.videoRoom.id}` }, `#${p.videoRoom.id} ${p.videoRoom.title || ''}`) : '—'),
            h('dt', {}, t('col.created')), h('dd', {}, dateTime(p.createdAt)),
            h('dt', {}, t('col.modified')), h('dd', {}, dateTime(p.lastModifiedAt))),
          f.thumbnail && f.thumbnail.url ? h('figure', { class: 'thumb' },
            h('img', { src: sameOrigin(f.thumbnail.url), alt: `${t('post.thumbnail')} #${p.id}` }),
            h('figcaption', {}, t('post.thumbnail'))) : null)),
      h('section', { class: 'card', 'aria-labelledby': 'pf-h' }, h('h2', { id: 'pf-h' }, t('post.files')),
        dataTable([
          { label: t('col.type'), cell: (x) => h('code', {}, x.kind === 'SUMMARY' ? x.type : (x.type || x.kind)) },
          { label: t('col.format'), cell: (x) => x.contentType || (x.kind === 'SUMMARY' ? 'summary' : '—') },
          { label: t('col.size'), cell: (x) => bytes(x.size) },
          { label: t('col.url'), cell: (x) => (x.url ? h('a', { href: sameOrigin(x.url), target: '_blank', rel: 'noopener' }, x.originalFileName || x.url.split('/').pop()) : '—') },
        ], files, { caption: t('post.files'), empty: t('post.noFiles') })));
    const vod = pickVod(p);
    if (!vod) {
      replace(playerBox, h('p', { class: 'muted' }, t('room.noPlayer')));
    } else if (playerUrl !== vod[0]) {
      if (player) player.destroy();
      player = mountPlayer(playerBox, sameOrigin(vod[0]), { kind: vod[1], live: false, label: `${t('post.player')} #${p.id}` });
      playerUrl = vod[0];
    }
  };
  put(ctx.main, h('div', { class: 'page-head' },
    h('a', { href: `#/apps/${ctx.app.id}/posts`, class: 'btn small ghost' }, '‹ ', t('nav.posts')),
    h('h1', {}, `${t('post.title')} #${id}`)), box);
  await load();
  ctx.onLeave(onEvent((ev) => { if (String(ev.type).startsWith('VIDEO_POST') || String(ev.type).startsWith('VIDEO_ROOM_')) load(); }));
  ctx.onLeave(() => { if (player) player.destroy(); });
}
