// Sign in with the operator account (POST /console/api/session).
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../api.js';
import { errorBox, showError } from '../ui/dialog.js';

export async function renderSignIn(ctx) {
  const username = h('input', { id: 'signin-username', name: 'username', autocomplete: 'username', value: 'operator', required: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const err = errorBox();
  const submit = h('button', { type: 'submit', class: 'btn primary', id: 'signin-submit' }, t('signin.submit'));
  const form = h('form', { class: 'card signin', novalidate: true },
    h('h1', {}, t('signin.title')),
    h('p', { class: 'muted' }, t('signin.lead')),
    field(t('signin.username'), username),
    field(t('signin.password'), password),
    err, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const u = await session.signIn(username.value.trim(), password.value);
      ctx.setUser(u);
      ctx.go('/apps');
    } catch (ex) {
      if (ex.status === 429) showError(err, { message: t('signin.limited', { s: ex.retryAfter || 60 }) });
      else if (ex.status === 401) showError(err, { message: t('signin.failed') });
      else showError(err, ex);
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  ctx.main.classList.add('center');
  ctx.main.appendChild(form);
  password.focus();
}
