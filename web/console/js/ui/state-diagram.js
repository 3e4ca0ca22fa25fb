// The stream key state machine (contract §4) as an SVG, with the current
// state highlighted and the last transition's edge drawn in the accent colour.
import { h } from '../dom.js';

const W = 170;
const H = 44;
const NODES = {
  INACTIVE: [95, 80],
  ACTIVE_PREP: [345, 80],
  ACTIVE: [595, 80],
  ACTIVE_LIVE: [845, 80],
  INACTIVE_LIVE: [595, 260],
  ACTIVE_LIVE_PREP: [845, 260],
};
// [from, to, label, offset]: offset separates the two directions of a pair.
const EDGES = [
  ['INACTIVE', 'ACTIVE_PREP', 'ingest', -7],
  ['ACTIVE_PREP', 'INACTIVE', 'stop', -7],
  ['ACTIVE_PREP', 'ACTIVE', 'viewable', 0],
  ['ACTIVE', 'INACTIVE', 'stop', 'arc'],
  ['ACTIVE', 'ACTIVE_LIVE', 'go live', 0],
  ['ACTIVE_LIVE', 'INACTIVE_LIVE', 'stop', 0],
  ['INACTIVE_LIVE', 'ACTIVE_LIVE_PREP', 'ingest', -7],
  ['ACTIVE_LIVE_PREP', 'INACTIVE_LIVE', 'stop', -7],
  ['ACTIVE_LIVE_PREP', 'ACTIVE_LIVE', 'viewable', 0],
  ['INACTIVE_LIVE', 'INACTIVE', 'end', 0],
];

// Where the segment from the centre of `a` towards `b` leaves a's box.
function border([cx, cy], [tx, ty]) {
  const dx = tx - cx;
  const dy = ty - cy;
  const sx = dx === 0 ? Infinity : (W / 2) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (H / 2) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

export function stateDiagram(current, previous, { title = 'Stream key state machine' } = {}) {
  const svg = h('svg:svg', { viewBox: '0 0 940 320', class: 'state-diagram', role: 'img', 'aria-label': `${title}: ${current || '—'}` });
  svg.appendChild(h('svg:title', {}, `${title}: ${current || '—'}`));
  const defs = h('svg:defs', {},
    h('svg:marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      h('svg:path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' })),
    h('svg:marker', { id: 'arrow-hot', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      h('svg:path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head hot' })));
  svg.appendChild(defs);
  for (const [from, to, label, off] of EDGES) {
    const a = NODES[from];
    const b = NODES[to];
    if (off === 'arc') {
      // Over the top row, so it does not hide behind the straight edges.
      const hotArc = from === previous && to === current;
      const y = a[1] - H / 2;
      svg.appendChild(h('svg:path', {
        d: `M ${a[0]} ${y} C ${a[0]} ${y - 60}, ${b[0]} ${y - 60}, ${b[0]} ${y}`,
        fill: 'none', class: hotArc ? 'edge hot' : 'edge', 'marker-end': hotArc ? 'url(#arrow-hot)' : 'url(#arrow)',
      }));
      svg.appendChild(h('svg:text', { x: (a[0] + b[0]) / 2, y: y - 48, class: 'edge-label', 'text-anchor': 'middle' }, label));
      continue;
    }
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const nx = -(b[1] - a[1]) / len * off;
    const ny = (b[0] - a[0]) / len * off;
    const p1 = border(a, b);
    const p2 = border(b, a);
    const hot = from === previous && to === current;
    svg.appendChild(h('svg:line', {
      x1: p1[0] + nx, y1: p1[1] + ny, x2: p2[0] + nx, y2: p2[1] + ny,
      class: hot ? 'edge hot' : 'edge', 'marker-end': hot ? 'url(#arrow-hot)' : 'url(#arrow)',
    }));
    const mx = (p1[0] + p2[0]) / 2 + nx * 2;
    const my = (p1[1] + p2[1]) / 2 + ny * 2 + (off === 0 ? -5 : (ny < 0 ? -1 : 10));
    svg.appendChild(h('svg:text', { x: mx, y: my, class: 'edge-label', 'text-anchor': 'middle' }, label));
  }
  for (const [name, [cx, cy]] of Object.entries(NODES)) {
    const on = name === current;
    const g = h('svg:g', { class: on ? 'node current' : 'node', 'data-state': name });
    g.appendChild(h('svg:rect', { x: cx - W / 2, y: cy - H / 2, width: W, height: H, rx: 8 }));
    g.appendChild(h('svg:text', { x: cx, y: cy + 5, 'text-anchor': 'middle' }, name));
    svg.appendChild(g);
  }
  svg.appendChild(h('svg:text', { x: 20, y: 312, class: 'edge-label' }, 'any → INACTIVE: force-terminate (key reissued)'));
  return svg;
}
