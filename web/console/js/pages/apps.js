// My apps: list and create. Creation shows the API key and secret once, in
// the "App creation complete" dialog (the seed's walk-through).
import { h, field, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { apps as appsApi } from '../api.js';
import { openDialog, errorBox, showError } from '../ui/dialog.js';
import { valueField } from '../ui/copy.js';
import { dataTable } from '../ui/table.js';
import { dateTime } from '../format.js';

async function showCreated(created) {
  await openDialog({
    title: t('apps.doneTitle'),
    className: 'created-app',
    dismissable: false,
    body: h('div', {},
      h('p', { class: 'warning', role: 'note' }, t('apps.doneWarn')),
      valueField(t('col.apiKey'), created.apiKey, { id: 'created-api-key' }),
      valueField(t('col.apiSecret'), created.apiSecret, { id: 'created-api-secret', secret: true })),
    actions: [{ label: t('apps.complete'), primary: true, id: 'created-complete', onClick: (close) => close() }],
  });
}

function createDialog(ctx, reload) {
  const name = h('input', { id: 'app-name', required: true, maxlength: 100, autocomplete: 'off' });
  const err = errorBox();
  openDialog({
    title: t('apps.createTitle'),
    body: h('div', {}, field(t('apps.name'), name), err),
    actions: [
      { label: t('common.cancel'), onClick: (close) => close() },
      { label: t('apps.createSubmit'), primary: true, submit: true, id: 'app-create-submit', onClick: async (close) => {
        if (!name.value.trim()) { showError(err, { message: `${t('apps.name')}?` }); name.focus(); return; }
        try {
          const created = await appsApi.create(name.value.trim());
          close();
          await showCreated(created);
          reload();
        } catch (e) { showError(err, e); }
      } },
    ],
  });
}

export async function renderApps(ctx) {
  const list = h('div', { id: 'apps-list' }, h('p', { class: 'muted' }, t('common.loading')));
  const reload = async () => {
    const res = await appsApi.list();
    if (!ctx.isCurrent()) return;
    replace(list, dataTable([
      { label: t('col.id'), cell: (a) => a.id },
      { label: t('col.name'), cell: (a) => h('a', { href: `#/apps/${a.id}/rooms` }, a.name) },
      { label: t('col.apiKey'), cell: (a) => h('code', {}, a.apiKey) },
      { label: t('col.mode'), cell: (a) => stateBadge(a.defaultRtmpOutputMode) },
      { label: t('col.state'), cell: (a) => stateBadge(a.state) },
      { label: t('col.created'), cell: (a) => dateTime(a.createdAt) },
    ], res.content, { caption: t('apps.title'), empty: t('apps.empty') }));
  };
  put(ctx.main, 
    h('div', { class: 'page-head' },
      h('h1', {}, t('apps.title')),
      h('button', { type: 'button', class: 'btn primary', id: 'app-create', onclick: () => createDialog(ctx, reload) }, t('apps.create'))),
    list);
  await reload();
}
