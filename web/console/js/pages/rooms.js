// VideoRooms: paged list with a state filter, and the create dialog (Type
// "Broadcast RTMP", Title, Description, Access Level "Public", AppUserId,
// ScheduledAt), as in the seed's walk-through.
import { h, field, stateBadge, replace, put } from '../dom.js';
import { t } from '../i18n.js';
import { openDialog, errorBox, showError } from '../ui/dialog.js';
import { dataTable, pager } from '../ui/table.js';
import { dateTime, localInputToIso, isoToLocalInput } from '../format.js';
import { onEvent } from '../events.js';

const ROOM_STATES = ['SCHEDULED', 'LIVE', 'LIVE_INACTIVE', 'ENDED', 'ARCHIVED', 'CANCELLED'];

async function createDialog(ctx, reload) {
  const type = h('select', { id: 'room-type' }, h('option', { value: 'BROADCAST_RTMP' }, t('rooms.typeRtmp')));
  const title = h('input', { id: 'room-title', required: true, maxlength: 200, autocomplete: 'off' });
  const desc = h('textarea', { id: 'room-description', rows: 3 });
  const access = h('select', { id: 'room-access' }, h('option', { value: 'PUBLIC' }, t('rooms.accessPublic')));
  const user = h('input', { id: 'room-app-user-id', required: true, list: 'room-members', autocomplete: 'off' });
  const datalist = h('datalist', { id: 'room-members' });
  const when = h('input', { id: 'room-scheduled-at', type: 'datetime-local', required: true, value: isoToLocalInput(new Date()) });
  const err = errorBox();
  ctx.api.members({ pageSize: 100 }).then((res) => {
    for (const m of res.content || []) datalist.appendChild(h('option', { value: m.appUserId }, m.appUserName || ''));
  }).catch(() => {});
  openDialog({
    title: t('rooms.createTitle'),
    body: h('div', {}, field(t('rooms.type'), type), field(t('rooms.titleField'), title), field(t('rooms.description'), desc),
      field(t('rooms.access'), access), field(t('rooms.appUserId'), user, t('rooms.appUserIdHint')), datalist,
      field(t('rooms.scheduledAt'), when), err),
    actions: [
      { label: t('common.cancel'), onClick: (close) => close() },
      { label: t('rooms.create'), primary: true, submit: true, id: 'room-create-submit', onClick: async (close) => {
        const body = { type: type.value, title: title.value.trim(), accessLevel: access.value,
          appUserId: user.value.trim(), scheduledAt: localInputToIso(when.value) };
        if (desc.value.trim()) body.description = desc.value.trim();
        try {
          const room = await ctx.api.createRoom(body);
          close();
          if (room && room.id) ctx.go(`/apps/${ctx.app.id}/rooms/${room.id}`);
          else reload();
        } catch (e) { showError(err, e); }
      } },
    ],
  });
}

export async function renderRooms(ctx) {
  const state = { page: 0, pageSize: 20, videoRoomState: '' };
  const filter = h('select', { id: 'room-state-filter' }, h('option', { value: '' }, t('common.all')),
    ROOM_STATES.map((s) => h('option', { value: s }, s)));
  const list = h('div', { id: 'rooms-list' });
  const reload = async () => {
    const res = await ctx.api.rooms({ page: state.page, pageSize: state.pageSize, videoRoomState: state.videoRoomState || undefined, sortBy: 'CREATED_AT_DESC' });
    if (!ctx.isCurrent()) return;
    replace(list, 
      dataTable([
        { label: t('col.id'), cell: (r) => r.id },
        { label: t('col.title'), cell: (r) => h('a', { href: `#/apps/${ctx.app.id}/rooms/${r.id}` }, r.title || `#${r.id}`) },
        { label: t('col.type'), cell: (r) => h('code', {}, r.type) },
        { label: t('col.roomState'), cell: (r) => stateBadge(r.videoRoomState) },
        { label: t('col.vodState'), cell: (r) => stateBadge(r.vodState) },
        { label: t('col.owner'), cell: (r) => (r.member ? h('code', {}, r.member.appUserId) : '—') },
        { label: t('col.scheduledAt'), cell: (r) => dateTime(r.scheduledAt) },
      ], res.content, { caption: t('rooms.title'), empty: t('rooms.empty') }),
      pager(res, (p) => { state.page = p; reload(); }));
  };
  filter.addEventListener('change', () => { state.videoRoomState = filter.value; state.page = 0; reload(); });
  put(ctx.main, 
    h('div', { class: 'page-head' }, h('h1', {}, t('rooms.title')),
      h('button', { type: 'button', class: 'btn primary', id: 'room-create', onclick: () => createDialog(ctx, reload) }, t('rooms.create'))),
    h('div', { class: 'filters' }, field(t('rooms.stateFilter'), filter)),
    list);
  ctx.onLeave(onEvent((ev) => { if (String(ev.type).startsWith('VIDEO_ROOM_')) reload(); }));
  await reload();
}
