// App Users (members): paged list with search, create (upsert) dialog, and a
// stream key dialog per member.
import { h, field, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { openDialog, errorBox, showError } from '../ui/dialog.js';
import { valueField } from '../ui/copy.js';
import { dataTable, pager } from '../ui/table.js';
import { dateTime } from '../format.js';

function createDialog(ctx, reload) {
  const id = h('input', { id: 'member-app-user-id', required: true, pattern: '[A-Za-z0-9]+', autocomplete: 'off' });
  const name = h('input', { id: 'member-name', autocomplete: 'off' });
  const pic = h('input', { id: 'member-picture', type: 'url', autocomplete: 'off', placeholder: 'https://…' });
  const err = errorBox();
  openDialog({
    title: t('members.createTitle'),
    body: h('div', {}, field(t('members.appUserId'), id, t('members.appUserIdHint')),
      field(t('members.name'), name), field(t('members.picture'), pic), err),
    actions: [
      { label: t('common.cancel'), onClick: (close) => close() },
      { label: t('members.create'), primary: true, submit: true, id: 'member-create-submit', onClick: async (close) => {
        const body = { appUserId: id.value.trim() };
        if (name.value.trim()) body.appUserName = name.value.trim();
        if (pic.value.trim()) body.appUserProfileImgUrl = pic.value.trim();
        try {
          await ctx.api.upsertMember(body);
          close();
          reload();
        } catch (e) { showError(err, e); }
      } },
    ],
  });
}

async function streamKeyDialog(ctx, member) {
  let sk;
  try { sk = await ctx.api.memberStreamKey(member.appUserId); } catch (e) { sk = { error: e }; }
  await openDialog({
    title: `${t('members.streamKey')} · ${member.appUserId}`,
    body: sk.error ? h('p', { class: 'form-error', role: 'alert' }, sk.error.message) : h('div', {},
      h('p', {}, t('room.keyState'), ': ', stateBadge(sk.streamKeyState)),
      valueField(t('room.ingestUrl'), sk.ingestUrl),
      valueField(t('room.streamKeyValue'), sk.streamKey, { secret: true })),
    actions: [{ label: t('common.close'), primary: true, onClick: (close) => close() }],
  });
}

export async function renderMembers(ctx) {
  const state = { page: 0, pageSize: 20, appUserId: '' };
  const search = h('input', { id: 'member-search', type: 'search', autocomplete: 'off' });
  const list = h('div', { id: 'members-list' });
  const reload = async () => {
    const res = await ctx.api.members({ page: state.page, pageSize: state.pageSize, appUserId: state.appUserId || undefined, sortBy: 'CREATED_AT_DESC' });
    if (!ctx.isCurrent()) return;
    replace(list, 
      dataTable([
        { label: t('col.id'), cell: (m) => m.id },
        { label: t('col.appUserId'), cell: (m) => h('code', {}, m.appUserId) },
        { label: t('col.appUserName'), cell: (m) => m.appUserName || '—' },
        { label: t('col.picture'), cell: (m) => (m.appUserProfileImgUrl ? h('a', { href: m.appUserProfileImgUrl, target: '_blank', rel: 'noopener noreferrer' }, 'URL') : '—') },
        { label: t('col.state'), cell: (m) => stateBadge(m.state) },
        { label: t('col.created'), cell: (m) => dateTime(m.createdAt) },
        { label: t('col.actions'), cell: (m) => h('button', { type: 'button', class: 'btn small',
          'aria-label': `${t('members.streamKey')}: ${m.appUserId}`, onclick: () => streamKeyDialog(ctx, m) }, t('members.streamKey')) },
      ], res.content, { caption: t('members.title'), empty: t('members.empty') }),
      pager(res, (p) => { state.page = p; reload(); }));
  };
  const form = h('form', { class: 'filters', role: 'search' },
    field(t('members.search'), search),
    h('button', { type: 'submit', class: 'btn' }, t('common.search')));
  form.addEventListener('submit', (e) => { e.preventDefault(); state.appUserId = search.value.trim(); state.page = 0; reload(); });
  put(ctx.main, 
    h('div', { class: 'page-head' }, h('h1', {}, t('members.title')),
      h('button', { type: 'button', class: 'btn primary', id: 'member-create', onclick: () => createDialog(ctx, reload) }, t('members.create'))),
    form, list);
  await reload();
}
