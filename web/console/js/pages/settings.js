// App settings: name, default output mode, callback (URL, accessId,
// accessPassword) and the recent webhook deliveries.
import { h, field, stateBadge, put } from '../dom.js';
import { t } from '../i18n.js';
import { apps as appsApi } from '../api.js';
import { errorBox, showError } from '../ui/dialog.js';
import { valueField } from '../ui/copy.js';
import { dataTable } from '../ui/table.js';
import { dateTime } from '../format.js';

export async function renderSettings(ctx) {
  const app = await appsApi.get(ctx.app.id);
  const name = h('input', { id: 'settings-name', value: app.name, maxlength: 100, required: true });
  const mode = h('select', { id: 'settings-mode' }, ['RTMP', 'CMAF', 'RTMP_CMAF'].map((m) =>
    h('option', { value: m, selected: m === app.defaultRtmpOutputMode }, m)));
  const url = h('input', { id: 'settings-callback-url', type: 'url', value: app.callback.url, placeholder: 'https://example.com/ffc-webhook' });
  const accessId = h('input', { id: 'settings-access-id', value: app.callback.accessId, autocomplete: 'off' });
  const password = h('input', { id: 'settings-access-password', type: 'password', autocomplete: 'new-password',
    placeholder: app.callback.accessPasswordSet ? '••••••••' : '' });
  const err = errorBox();
  const ok = h('p', { class: 'form-ok', role: 'status' });
  const save = h('button', { type: 'submit', class: 'btn primary', id: 'settings-save' }, t('common.save'));
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, t('settings.general')),
    valueField(t('settings.apiKey'), app.apiKey, { id: 'settings-api-key' }),
    h('p', { class: 'hint' }, t('settings.secretNote')),
    field(t('settings.appName'), name),
    field(t('settings.mode'), mode),
    h('h2', {}, t('settings.callback')),
    field(t('settings.url'), url),
    field(t('settings.accessId'), accessId),
    field(t('settings.password'), password, app.callback.accessPasswordSet ? t('settings.passwordKeep') : undefined),
    err, ok, save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(err, null);
    ok.textContent = '';
    const patch = { defaultRtmpOutputMode: mode.value, callback: { url: url.value.trim(), accessId: accessId.value } };
    if (name.value.trim() !== app.name) patch.name = name.value.trim();
    if (password.value) patch.callback.accessPassword = password.value;
    save.disabled = true;
    try {
      const updated = await appsApi.update(app.id, patch);
      ok.textContent = t('common.saved');
      password.value = '';
      password.placeholder = updated.callback.accessPasswordSet ? '••••••••' : '';
      const crumb = document.getElementById('current-app-name');
      if (crumb) crumb.textContent = updated.name;
    } catch (ex) { showError(err, ex); } finally { save.disabled = false; }
  });
  const deliveries = h('section', { class: 'card', 'aria-labelledby': 'dl-h' }, h('h2', { id: 'dl-h' }, t('settings.deliveries')));
  try {
    const res = await appsApi.deliveries(app.id);
    deliveries.appendChild(dataTable([
      { label: t('col.time'), cell: (d) => dateTime(d.createdAt) },
      { label: t('col.event'), cell: (d) => h('code', {}, d.type) },
      { label: t('col.state'), cell: (d) => stateBadge(d.state) },
      { label: t('col.httpStatus'), cell: (d) => d.lastHttpStatus || '—' },
      { label: t('col.attempts'), cell: (d) => d.attempts },
      { label: t('col.url'), cell: (d) => h('code', {}, d.url) },
    ], res.content, { caption: t('settings.deliveries'), empty: t('settings.noDeliveries') }));
  } catch (e) {
    deliveries.appendChild(h('p', { class: 'muted' }, e.message));
  }
  put(ctx.main, h('div', { class: 'page-head' }, h('h1', {}, t('settings.title'))), form, deliveries);
}
