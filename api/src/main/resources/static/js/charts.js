/* Small SVG charts for the dashboard: no dependencies, nothing fetched from the network. */

const NS = 'http://www.w3.org/2000/svg';
const W = 320, H = 120, LEFT = 54, BOTTOM = 16, TOP = 6, RIGHT = 6;

export function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;   // text, never markup
    return node;
}

export function format(value) {
    if (value >= 10000) return (value / 1000).toFixed(0) + 'k';
    if (value >= 100) return value.toFixed(0);
    if (value >= 10) return value.toFixed(1);
    return value.toFixed(2);
}

/** Points further apart than this are not joined: a stretch without data is drawn as a gap, never as a line. */
const MAX_JOIN_MS = 3 * 60_000;

/**
 * Draws lines over the last spanMs into container.
 * series: [{cls: 'p50', points: [[epochMs, value], ...]}]; a point without a value is left out, never drawn as 0,
 * and points more than MAX_JOIN_MS apart are not joined.
 * bands (optional): [{from: epochMs, to: epochMs, cls, title}], shaded behind the lines, clipped to the span; the
 * title (text) shows on hover.
 */
export function lines(container, series, spanMs, unit, bands) {
    const now = Date.now(), from = now - spanMs;
    let max = 0;
    const present = ([t, v]) => t >= from && v !== null && v !== undefined && !Number.isNaN(v);
    series.forEach(s => s.points.forEach(([t, v]) => { if (t >= from && v > max) max = v; }));
    max = max > 0 ? max * 1.1 : 1;
    const x = t => LEFT + (t - from) / spanMs * (W - LEFT - RIGHT);
    const y = v => TOP + (1 - v / max) * (H - TOP - BOTTOM);
    const svg = el('svg', {viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none'});
    svg.appendChild(el('line', {class: 'axis', x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM}));
    svg.appendChild(el('line', {class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM}));
    svg.appendChild(el('text', {x: LEFT - 4, y: TOP + 8, 'text-anchor': 'end'}, format(max) + (unit || '')));
    svg.appendChild(el('text', {x: LEFT - 4, y: H - BOTTOM, 'text-anchor': 'end'}, '0'));
    svg.appendChild(el('text', {x: LEFT, y: H - 3}, '-' + Math.round(spanMs / 60000) + 'm'));
    svg.appendChild(el('text', {x: W - RIGHT, y: H - 3, 'text-anchor': 'end'}, 'now'));
    (bands || []).filter(b => b.to >= from).forEach(b => {
        const x1 = x(Math.max(from, b.from)), x2 = Math.max(x1 + 2, x(Math.min(now, b.to)));
        const rect = el('rect', {class: b.cls, x: x1.toFixed(1), y: TOP, width: (x2 - x1).toFixed(1),
            height: H - TOP - BOTTOM});
        rect.appendChild(el('title', {}, b.title));
        svg.appendChild(rect);
    });
    series.forEach(s => runs(s.points.filter(present).sort((a, b) => a[0] - b[0])).forEach(run => {
        const pts = run.map(([t, v]) => x(t).toFixed(1) + ',' + y(v).toFixed(1));
        if (pts.length === 1) pts.push(pts[0].replace(/^[^,]+/, m => (parseFloat(m) + 2).toFixed(1)));
        svg.appendChild(el('polyline', {class: s.cls, points: pts.join(' ')}));
    }));
    container.replaceChildren(svg);
}

/** Sorted points cut where two neighbours are more than MAX_JOIN_MS apart. */
function runs(points) {
    const out = [];
    points.forEach((p, i) => {
        if (i === 0 || p[0] - points[i - 1][0] > MAX_JOIN_MS) out.push([]);
        out[out.length - 1].push(p);
    });
    return out;
}

/** A half-circle gauge for a percentage (0..100) into an existing <svg viewBox="0 0 120 70">. */
export function gauge(svg, pct) {
    const r = 50, cx = 60, cy = 60;
    const clamped = Math.max(0, Math.min(100, pct || 0));
    const angle = Math.PI * (1 - clamped / 100);
    const ex = cx + r * Math.cos(angle), ey = cy - r * Math.sin(angle);
    const track = el('path', {class: 'track', d: `M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r} ${cy}`,
        fill: 'none', 'stroke-width': 10});
    const fill = el('path', {class: 'fill', d: `M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${ex.toFixed(2)} ${ey.toFixed(2)}`,
        fill: 'none', 'stroke-width': 10});
    if (clamped >= 90) fill.setAttribute('style', 'stroke: var(--down)');
    const label = el('text', {x: cx, y: cy - 4}, pct === undefined || pct === null ? '–' : clamped.toFixed(1) + '%');
    svg.replaceChildren(track, fill, label);
}
