// One transcoding profile with its recipe.
import { h, stateBadge, put } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';

export async function renderProfileDetail(ctx) {
  const p = await ctx.api.profile(ctx.params.profileId);
  let recipe = p.profile;
  if (typeof recipe === 'string') { try { recipe = JSON.parse(recipe); } catch { /* shown as is */ } }
  put(ctx.main, 
    h('div', { class: 'page-head' },
      h('a', { href: `#/apps/${ctx.app.id}/profiles`, class: 'btn small ghost' }, '‹ ', t('nav.profiles')),
      h('h1', {}, `${t('profile.title')}: ${p.name}`)),
    h('section', { class: 'card' },
      h('dl', { class: 'props' },
        h('dt', {}, t('col.id')), h('dd', {}, String(p.id)),
        h('dt', {}, t('col.type')), h('dd', {}, stateBadge(p.type)),
        h('dt', {}, t('col.creatorType')), h('dd', {}, stateBadge(p.creatorType)),
        h('dt', {}, t('col.representative')), h('dd', {}, stateBadge(p.representativeType)),
        h('dt', {}, t('col.revision')), h('dd', {}, String(p.revision)),
        h('dt', {}, t('col.state')), h('dd', {}, stateBadge(p.state)),
        h('dt', {}, t('col.created')), h('dd', {}, dateTime(p.createdAt)),
        p.description ? [h('dt', {}, 'description'), h('dd', {}, p.description)] : null),
      h('h2', {}, t('profiles.recipe')),
      h('pre', { class: 'code', tabindex: '0', 'aria-label': t('profiles.recipe') },
        typeof recipe === 'string' ? recipe : JSON.stringify(recipe, null, 2))));
}
