// Data tables (scroll horizontally on phones) and the pager for the
// contract's Spring-style pages ({content, totalPages, totalElements, number}).
import { h } from '../dom.js';
import { t } from '../i18n.js';

// columns: [{label, cell(row) -> Node|string, className}]
export function dataTable(columns, rows, { caption, empty, rowLink } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, empty || t('common.none'));
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption || '', tabindex: '0' },
    h('table', { class: 'table' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', { class: rowLink ? 'clickable' : '' },
        columns.map((c) => h('td', { class: c.className, 'data-label': c.label }, c.cell(r))))))));
}

export function pager(page, onGo) {
  if (!page || page.totalPages === undefined) return null;
  const n = page.number || 0;
  const m = Math.max(page.totalPages || 1, 1);
  return h('nav', { class: 'pager', 'aria-label': 'Pagination' },
    h('button', { type: 'button', class: 'btn small', disabled: n <= 0, onclick: () => onGo(n - 1),
      'aria-label': t('common.prev') }, '‹ ', t('common.prev')),
    h('span', { class: 'pager-text' }, t('common.page', { n: n + 1, m, t: page.totalElements ?? 0 })),
    h('button', { type: 'button', class: 'btn small', disabled: n >= m - 1, onclick: () => onGo(n + 1),
      'aria-label': t('common.next') }, t('common.next'), ' ›'));
}
