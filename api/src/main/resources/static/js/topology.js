/* Topology panel: the service graph in layers, callers above what they call; node borders show status. */
import {$, getJson, state} from './core.js';
import {el} from './charts.js';

const DEFAULT_TOPOLOGY = {
    nodes: ['gateway', 'chat_service', 'npc_service', 'summary_service', 'model_service', 'postgres', 'redis'],
    edges: [['gateway', 'chat_service'], ['gateway', 'npc_service'], ['gateway', 'summary_service'],
        ['gateway', 'model_service'], ['chat_service', 'model_service'], ['chat_service', 'redis'],
        ['chat_service', 'postgres'], ['npc_service', 'postgres'], ['summary_service', 'model_service'],
        ['summary_service', 'redis'], ['summary_service', 'postgres']]
};

export function renderTopology() {
    const topo = state.topology || DEFAULT_TOPOLOGY;
    const svg = $('topology');
    const layers = layout(topo);
    const pos = {};
    layers.forEach((layer, i) => layer.forEach((name, j) => {
        pos[name] = {x: (j + 1) * 460 / (layer.length + 1), y: 30 + i * 200 / Math.max(1, layers.length - 1)};
    }));
    const nodes = [];
    topo.edges.forEach(([a, b]) => {
        if (pos[a] && pos[b]) nodes.push(el('line', {x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y}));
    });
    Object.entries(pos).forEach(([name, p]) => {
        const status = (state.statuses[name] || {}).status || 'unknown';
        const g = el('g', {class: status, 'data-service': name});
        g.appendChild(el('rect', {x: p.x - 48, y: p.y - 11, width: 96, height: 22, rx: 4}));
        g.appendChild(el('text', {x: p.x, y: p.y + 4}, name.length > 16 ? name.substring(0, 15) + '…' : name));
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

export async function loadTopology() {
    try {
        const body = await getJson('/topology');
        const nodes = (body.nodes || body.services || []).map(n => typeof n === 'string' ? n : (n.id || n.service || n.name));
        const edges = (body.edges || body.dependencies || [])
            .map(e => Array.isArray(e) ? e : [e.from || e.source, e.to || e.target]);
        if (nodes.length) state.topology = {nodes, edges: edges.filter(([a, b]) => a && b)};
    } catch (e) { console.info('topology: default layout (' + e.message + ')'); }
    renderTopology();
}
