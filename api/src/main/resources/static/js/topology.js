/* Topology panel: the service graph of GET /topology in layers, callers above what they call; borders show status. */
import {$, clearNote, getJson, needsToken, offerToken, state} from './core.js';
import {el} from './charts.js';

const WIDTH = 460, HEIGHT = 260;

let failed = false;   // the last /topology read failed

/** Draws the graph of the last /topology answer, or says why there is none. */
export function renderTopology() {
    const svg = $('topology');
    const topo = state.topology;
    if (!topo || !topo.nodes.length) {
        const why = topo ? 'no services in the topology yet' : failed ? 'topology unavailable' : 'loading topology…';
        svg.replaceChildren(el('text', {class: 'unavailable', x: WIDTH / 2, y: HEIGHT / 2}, why));
        return;
    }
    const layers = layout(topo);
    const pos = {};
    layers.forEach((layer, i) => layer.forEach((name, j) => {
        pos[name] = {x: (j + 1) * WIDTH / (layer.length + 1), y: 30 + i * 200 / Math.max(1, layers.length - 1),
            width: Math.min(96, WIDTH / (layer.length + 1) - 6)};
    }));
    const nodes = [];
    topo.edges.forEach(([a, b]) => {
        if (pos[a] && pos[b]) nodes.push(el('line', {x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y}));
    });
    Object.entries(pos).forEach(([name, p]) => {
        const status = (state.statuses[name] || {}).status || topo.statuses[name] || 'unknown';
        const chars = Math.max(4, Math.floor(p.width / 6.2));
        const g = el('g', {class: status, 'data-service': name});
        g.appendChild(el('rect', {x: p.x - p.width / 2, y: p.y - 11, width: p.width, height: 22, rx: 4}));
        const label = name.length > chars ? name.substring(0, chars - 1) + '…' : name;
        g.appendChild(el('text', {x: p.x, y: p.y + 4}, label));
        g.appendChild(el('title', {}, name + ': ' + status));
        nodes.push(g);
    });
    svg.replaceChildren(...nodes);
}

/** Layers by longest path from the roots, so callers sit above what they call. */
function layout(topo) {
    const depth = {};
    const visit = (n, d, seen) => {
        if (seen.has(n)) return;
        depth[n] = Math.max(depth[n] || 0, d);
        topo.edges.filter(([a]) => a === n).forEach(([, b]) => visit(b, d + 1, new Set([...seen, n])));
    };
    const targets = new Set(topo.edges.map(([, b]) => b));
    topo.nodes.filter(n => !targets.has(n)).forEach(n => visit(n, 0, new Set()));
    topo.nodes.forEach(n => { if (depth[n] === undefined) depth[n] = 0; });
    const layers = [];
    Object.entries(depth).forEach(([n, d]) => (layers[d] = layers[d] || []).push(n));
    return layers.filter(Boolean).map(l => l.sort());
}

/**
 * Fetches the graph from GET /topology, its only source. A failed refresh keeps the last graph and says so; with no
 * graph yet the panel says "topology unavailable".
 */
export async function loadTopology() {
    const note = $('topology-note');
    try {
        const body = await getJson('/topology');
        const services = body.services || [];
        state.topology = {
            nodes: services.map(n => n.id),
            edges: (body.edges || []).map(e => [e.from, e.to]).filter(([a, b]) => a && b),
            statuses: Object.fromEntries(services.map(n => [n.id, n.status]))
        };
        failed = false;
        clearNote('topology-note');
    } catch (e) {
        console.info('topology:', e.message);
        failed = true;
        if (needsToken(e)) offerToken('topology-note', 'The topology', e, loadTopology);
        else note.replaceChildren(state.topology
            ? `refresh failed at ${new Date().toLocaleTimeString()} (${e.message}); showing the last graph`
            : e.message);
    }
    renderTopology();
}
