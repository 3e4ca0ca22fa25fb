// Copy-to-clipboard buttons and read-only value fields with show/hide for
// secrets (stream keys, API secrets).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fallback for contexts without the async clipboard.
    const ta = h('textarea', { class: 'offscreen', 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    ta.remove();
    return ok;
  }
}

export function copyButton(getText, what) {
  const btn = h('button', { type: 'button', class: 'btn small', 'aria-label': `${t('common.copy')}: ${what}` },
    t('common.copy'));
  btn.addEventListener('click', async () => {
    const ok = await copyText(typeof getText === 'function' ? getText() : getText);
    btn.textContent = ok ? t('common.copied') : t('common.error');
    setTimeout(() => { btn.textContent = t('common.copy'); }, 1500);
  });
  return btn;
}

// A labelled read-only value with copy (and show/hide when secret).
export function valueField(label, value, { secret = false, id, mono = true } = {}) {
  const inputId = id || uid('val');
  const input = h('input', {
    id: inputId, type: secret ? 'password' : 'text', readonly: true, value: value || '',
    class: mono ? 'mono' : '', autocomplete: 'off', spellcheck: 'false',
  });
  const controls = [];
  if (secret) {
    const toggle = h('button', { type: 'button', class: 'btn small', 'aria-pressed': 'false',
      'aria-label': `${t('common.show')}: ${label}`, 'aria-controls': inputId }, t('common.show'));
    toggle.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      toggle.textContent = show ? t('common.hide') : t('common.show');
      toggle.setAttribute('aria-pressed', String(show));
      toggle.setAttribute('aria-label', `${show ? t('common.hide') : t('common.show')}: ${label}`);
    });
    controls.push(toggle);
  }
  if (value) controls.push(copyButton(() => input.value, label));
  return h('div', { class: 'field value-field' },
    h('label', { for: inputId }, label),
    h('div', { class: 'value-row' }, input, controls));
}
