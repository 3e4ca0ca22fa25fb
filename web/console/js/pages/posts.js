// VideoPosts: paged list with a state filter.
import { h, field, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { dataTable, pager } from '../ui/table.js';
import { dateTime } from '../format.js';
import { onEvent } from '../events.js';

const POST_STATES = ['CREATED', 'UPLOADED', 'QUEUED', 'PROCESSING', 'PROCESSED', 'FAILED_UPLOAD', 'FAILED_QUEUING', 'FAILED_PROCESSING'];

export async function renderPosts(ctx) {
  const state = { page: 0, pageSize: 20, videoPostState: '' };
  const filter = h('select', { id: 'post-state-filter' }, h('option', { value: '' }, t('common.all')),
    POST_STATES.map((s) => h('option', { value: s }, s)));
  const list = h('div', { id: 'posts-list' });
  const reload = async () => {
    const res = await ctx.api.posts({ page: state.page, pageSize: state.pageSize, videoPostState: state.videoPostState || undefined, sortBy: 'CREATED_AT_DESC' });
    if (!ctx.isCurrent()) return;
    replace(list, 
      dataTable([
        { label: t('col.id'), cell: (p) => p.id },
        { label: t('col.title'), cell: (p) => h('a', { href: `#/apps/${ctx.app.id}/posts/${p.id}` }, p.title || `#${p.id}`) },
        { label: t('col.type'), cell: (p) => h('code', {}, p.type) },
        { label: t('col.postState'), cell: (p) => stateBadge(p.videoPostState) },
        { label: t('col.owner'), cell: (p) => (p.member ? h('code', {}, p.member.appUserId) : '—') },
        { label: t('col.created'), cell: (p) => dateTime(p.createdAt) },
      ], res.content, { caption: t('posts.title'), empty: t('posts.empty') }),
      pager(res, (p) => { state.page = p; reload(); }));
  };
  filter.addEventListener('change', () => { state.videoPostState = filter.value; state.page = 0; reload(); });
  put(ctx.main, h('div', { class: 'page-head' }, h('h1', {}, t('posts.title'))),
    h('div', { class: 'filters' }, field(t('posts.stateFilter'), filter)), list);
  ctx.onLeave(onEvent((ev) => { if (String(ev.type).startsWith('VIDEO_POST')) reload(); }));
  await reload();
}
