// Modal dialogs on the native <dialog> element (focus trap, Esc, backdrop).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

// openDialog({title, body: Node, actions: [{label, primary, onClick(close) -> bool|Promise}], dismissable})
// Resolves with whatever close(value) is given.
export function openDialog({ title, body, actions = [], dismissable = true, className = '' }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg-title');
    const dlg = h('dialog', { class: `dialog ${className}`.trim(), 'aria-labelledby': titleId });
    const close = (value) => {
      if (dlg.open) dlg.close();
      dlg.remove();
      resolve(value);
    };
    const buttons = actions.map((a) => h('button', {
      type: a.submit ? 'submit' : 'button',
      class: a.primary ? 'btn primary' : (a.danger ? 'btn danger' : 'btn'),
      id: a.id,
      onclick: a.submit ? undefined : async () => { await a.onClick?.(close); },
    }, a.label));
    const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
      h('h2', { id: titleId }, title),
      h('div', { class: 'dialog-body' }, body),
      h('div', { class: 'dialog-actions' }, buttons));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const submit = actions.find((a) => a.submit);
      if (submit) await submit.onClick?.(close);
    });
    dlg.addEventListener('cancel', (e) => {
      if (!dismissable) e.preventDefault();
      else close(undefined);
    });
    dlg.appendChild(form);
    document.body.appendChild(dlg);
    dlg.showModal();
    const first = dlg.querySelector('input, select, textarea');
    (first || dlg.querySelector('button')).focus();
  });
}

export function confirmDialog(message, confirmLabel, { danger = false } = {}) {
  return openDialog({
    title: confirmLabel,
    body: h('p', {}, message),
    actions: [
      { label: t('common.cancel'), onClick: (close) => close(false) },
      { label: confirmLabel, danger, primary: !danger, id: 'confirm-ok', onClick: (close) => close(true) },
    ],
  });
}

// A message area for form errors (role=alert so screen readers hear it).
export function errorBox() {
  return h('p', { class: 'form-error', role: 'alert', hidden: true });
}

export function showError(box, err) {
  box.hidden = !err;
  box.textContent = err ? (err.code ? `${err.code}: ${err.message}` : String(err.message || err)) : '';
}
