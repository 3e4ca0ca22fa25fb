// Transcoding profiles: list with a type filter (SYSTEM ones included).
import { h, field, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { dataTable, pager } from '../ui/table.js';
import { dateTime } from '../format.js';

const TYPES = ['VIDEO', 'THUMBNAIL', 'PREVIEW', 'BROADCAST_RTMP'];

export async function renderProfiles(ctx) {
  const state = { page: 0, pageSize: 20, type: '' };
  const filter = h('select', { id: 'profile-type-filter' }, h('option', { value: '' }, t('common.all')),
    TYPES.map((s) => h('option', { value: s }, s)));
  const list = h('div', { id: 'profiles-list' });
  const reload = async () => {
    const res = await ctx.api.profiles({ page: state.page, pageSize: state.pageSize, type: state.type || undefined });
    if (!ctx.isCurrent()) return;
    replace(list, 
      dataTable([
        { label: t('col.id'), cell: (p) => p.id },
        { label: t('col.name'), cell: (p) => h('a', { href: `#/apps/${ctx.app.id}/profiles/${p.id}` }, p.name) },
        { label: t('col.type'), cell: (p) => stateBadge(p.type) },
        { label: t('col.creatorType'), cell: (p) => stateBadge(p.creatorType) },
        { label: t('col.representative'), cell: (p) => stateBadge(p.representativeType) },
        { label: t('col.revision'), cell: (p) => p.revision },
        { label: t('col.created'), cell: (p) => dateTime(p.createdAt) },
      ], res.content, { caption: t('profiles.title') }),
      pager(res, (p) => { state.page = p; reload(); }));
  };
  filter.addEventListener('change', () => { state.type = filter.value; state.page = 0; reload(); });
  put(ctx.main, h('div', { class: 'page-head' }, h('h1', {}, t('profiles.title'))),
    h('div', { class: 'filters' }, field(t('profiles.typeFilter'), filter)), list);
  await reload();
}
