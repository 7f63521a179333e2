/*
 * The Life Strands monitor dashboard: REST for history, /ws/monitor for everything live.
 * Every value from the server is put into the page as text (textContent / createTextNode), never as markup.
 */
'use strict';

const HOUR = 3600 * 1000;
const TOKEN_KEY = 'monitor.token';
const LATENCY_CLASSES = ['p50', 'p95', 'p99'];
const INFRA = ['kafka', 'postgres', 'redis'];
const DEFAULT_TOPOLOGY = {
    nodes: ['gateway', 'chat_service', 'npc_service', 'summary_service', 'model_service', 'postgres', 'redis'],
    edges: [['gateway', 'chat_service'], ['gateway', 'npc_service'], ['gateway', 'summary_service'],
        ['gateway', 'model_service'], ['chat_service', 'model_service'], ['chat_service', 'redis'],
        ['chat_service', 'postgres'], ['npc_service', 'postgres'], ['summary_service', 'model_service'],
        ['summary_service', 'redis'], ['summary_service', 'postgres']]
};

const state = {
    services: {}, statuses: {}, labels: {}, alerts: new Map(),
    latency: {},        // service -> Map(windowEndMs -> {p50, p95, p99, count, errors})
    tps: new Map(),     // windowEndMs -> tokens/s
    dependencies: {}, topology: null,
    stream: null, seq: null, lastHeard: 0, updatedAt: null
};

/* ---------- small DOM helpers: text only ---------- */

function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
        if (k === 'class') node.className = v;
        else if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
        else if (v !== undefined && v !== null) node.setAttribute(k, String(v));
    });
    children.flat().forEach(child => node.appendChild(
        child instanceof Node ? child : document.createTextNode(child === undefined || child === null ? '' : String(child))));
    return node;
}

function $(id) { return document.getElementById(id); }

function num(value, digits) {
    if (value === undefined || value === null || Number.isNaN(value)) return '–';
    return Number(value).toFixed(digits === undefined ? 1 : digits);
}

function ago(iso) {
    if (!iso) return '–';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
    return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
}

function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : '–'; }

function token() { return sessionStorage.getItem(TOKEN_KEY); }

function askToken(why) {
    const given = window.prompt(why + '\nAPI token (kept for this browser tab only):');
    if (given) sessionStorage.setItem(TOKEN_KEY, given.trim());
    return given ? given.trim() : null;
}

async function getJson(path) {
    const headers = token() ? {Authorization: 'Bearer ' + token()} : {};
    const response = await fetch(path, {headers});
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
}

/* ---------- live feed ---------- */

const feed = {socket: null, retry: 0, opened: false};

function connect() {
    const params = new URLSearchParams();
    if (token()) params.set('token', token());
    if (state.stream !== null && state.seq !== null) {
        params.set('stream', state.stream);
        params.set('last_seq', String(state.seq));
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = params.toString();
    const socket = new WebSocket(`${scheme}://${location.host}/ws/monitor${query ? '?' + query : ''}`);
    feed.socket = socket;
    feed.opened = false;
    setConnection('reconnecting', 'connecting…');
    socket.onopen = () => { feed.opened = true; feed.retry = 0; state.lastHeard = Date.now(); };
    socket.onmessage = event => {
        state.lastHeard = Date.now();
        try { onMessage(JSON.parse(event.data)); } catch (e) { console.error('bad message', e); }
    };
    socket.onclose = event => {
        if (feed.socket !== socket) return;
        feed.socket = null;
        setConnection('offline', 'offline' + (event.reason ? ': ' + event.reason : ''));
        if (!feed.opened && feed.retry >= 2 && !token()) {
            // reads may be protected: the handshake failed before opening
            askToken('The live feed refused the connection.');
        }
        const delay = Math.min(15000, 1000 * Math.pow(2, feed.retry++));
        setTimeout(connect, delay);
    };
}

function reconnect(why) {
    console.info('reconnecting:', why);
    if (feed.socket) { const s = feed.socket; feed.socket = null; s.close(4000, why); setTimeout(connect, 200); }
}

function setConnection(cls, text) {
    const pill = $('connection');
    pill.className = 'pill ' + cls;
    pill.textContent = text;
}

function onMessage(msg) {
    switch (msg.type) {
        case 'snapshot': return onSnapshot(msg);
        case 'resumed': setConnection('live', 'live (resumed)'); return;
        case 'heartbeat':
            if (msg.stream === state.stream && state.seq !== null && msg.seq > state.seq) reconnect('missed messages');
            return;
        case 'pong': case 'subscribed': return;
        case 'error': console.warn('server:', msg.message); return;
    }
    if (typeof msg.seq === 'number') {
        if (state.seq !== null && msg.seq !== state.seq + 1) return reconnect('gap before seq ' + msg.seq);
        state.seq = msg.seq;
        $('seq').textContent = 'seq ' + msg.seq;
    }
    switch (msg.type) {
        case 'metrics_update': onMetrics(msg.data, msg.labels); break;
        case 'status_change': onStatusChange(msg); break;
        case 'alert': onAlert(msg.alert); break;
        case 'alert_acknowledged': onAcknowledged(msg); break;
    }
}

function onSnapshot(msg) {
    state.stream = msg.stream;
    state.seq = msg.seq;
    state.statuses = msg.data.statuses || {};
    state.alerts = new Map((msg.data.alerts || []).map(a => [a.id, a]));
    setConnection('live', msg.reason && msg.reason !== 'connect' ? 'live (fresh snapshot)' : 'live');
    onMetrics({timestamp: msg.data.timestamp, services: msg.data.services || {}}, msg.data.labels);
    renderAlerts();
    renderTopology();
}

function onMetrics(data, labels) {
    state.services = data.services || {};
    state.labels = labels || state.labels;
    state.updatedAt = data.timestamp;
    Object.entries(state.services).forEach(([name, m]) => {
        if (m.status) state.statuses[name] = Object.assign({}, state.statuses[name], {status: m.status});
        if (m.latency_ms && m.window_end) {
            const series = state.latency[name] || (state.latency[name] = new Map());
            series.set(Date.parse(m.window_end), Object.assign({}, m.latency_ms, {live: true}));
        }
    });
    const model = state.services.model_service;
    if (model && model.metrics && model.metrics.tokens_per_second !== undefined) {
        state.tps.set(Date.now(), model.metrics.tokens_per_second);
    }
    prune();
    renderLive();
}

function onStatusChange(msg) {
    state.statuses[msg.service] = Object.assign({}, state.statuses[msg.service],
        {service: msg.service, status: msg.new_status, since: msg.timestamp, reason: msg.reason});
    if (state.services[msg.service]) state.services[msg.service].status = msg.new_status;
    renderServices();
    renderTopology();
}

function onAlert(alert) {
    if (alert.state === 'resolved') state.alerts.delete(alert.id);
    else state.alerts.set(alert.id, Object.assign({}, state.alerts.get(alert.id), alert));
    renderAlerts();
    loadAlertHistory();
}

function onAcknowledged(msg) {
    const alert = state.alerts.get(msg.alert_id);
    if (alert) {
        Object.assign(alert, {acknowledged: true, acknowledged_by: msg.acknowledged_by,
            acknowledged_at: msg.acknowledged_at, comment: msg.comment});
        renderAlerts();
    }
}

function prune() {
    const from = Date.now() - HOUR;
    Object.values(state.latency).forEach(series => series.forEach((_, t) => { if (t < from) series.delete(t); }));
    state.tps.forEach((_, t) => { if (t < from) state.tps.delete(t); });
}

/* ---------- rendering ---------- */

let chartsDrawnAt = 0;

function renderLive() {
    $('updated').textContent = state.updatedAt ? 'updated ' + time(state.updatedAt) : '';
    renderServices();
    renderModel();
    renderHosts();
    renderInfra();
    if (Date.now() - chartsDrawnAt > 4000) { chartsDrawnAt = Date.now(); renderCharts(); }
}

function fleetNames() {
    const names = new Set([...Object.keys(state.services), ...Object.keys(state.statuses)]);
    return [...names].filter(n => !n.startsWith('host:')).sort();
}

function availability(name) {
    const series = state.latency[name];
    if (!series) return null;
    let count = 0, errors = 0;
    series.forEach(w => { if (!w.live) { count += w.count || 0; errors += w.errors || 0; } });
    return count ? 100 * (count - errors) / count : null;
}

function renderServices() {
    const cards = fleetNames().map(name => {
        const m = state.services[name] || {};
        const s = state.statuses[name] || {};
        const status = m.status || s.status || 'unknown';
        const lat = m.latency_ms || {};
        const avail = availability(name);
        return h('div', {class: 'service ' + status, 'data-service': name},
            h('div', {class: 'name'}, name),
            h('div', {class: 'status'}, h('span', {class: 'pill ' + status}, status), ' ',
                h('span', {class: 'muted', title: s.reason || ''}, 'for ' + ago(s.since))),
            h('dl', {class: 'numbers'},
                h('dt', {}, 'p50 / p95 / p99'),
                h('dd', {class: 'latency'}, lat.p50 === undefined ? '–'
                    : `${num(lat.p50, 0)} / ${num(lat.p95, 0)} / ${num(lat.p99, 0)} ms`),
                h('dt', {}, 'requests/min'), h('dd', {}, num(m.requests_per_minute)),
                h('dt', {}, 'errors'), h('dd', {}, m.error_rate === undefined ? '–' : num(100 * m.error_rate) + ' %'),
                h('dt', {}, 'uptime 1h'), h('dd', {class: 'uptime'}, avail === null ? '–' : num(avail, 2) + ' %')));
    });
    $('services').replaceChildren(...(cards.length ? cards : [h('p', {class: 'muted'}, 'waiting for data…')]));
}

function renderCharts() {
    const charts = fleetNames().filter(n => state.latency[n] || state.services[n]?.latency_ms).map(name => {
        const series = [...(state.latency[name] || new Map()).entries()];
        const box = h('div', {class: 'chart'});
        Charts.lines(box, LATENCY_CLASSES.map(cls => ({cls, points: series.map(([t, w]) => [t, w[cls]])})),
            HOUR, ' ms');
        return h('div', {'data-service': name}, h('div', {class: 'chart-title'}, name), box);
    });
    $('latency-charts').replaceChildren(...charts);
    Charts.lines($('tps-chart'), [{cls: 'tps', points: [...state.tps.entries()]}], HOUR, '');
}

function renderModel() {
    const m = (state.services.model_service || {}).metrics || {};
    const labels = state.labels.model_service || {};
    Charts.gauge($('vram-gauge'), m.vram_used_pct);
    $('model-type').textContent = labels.model_type || '–';
    $('model-tps').textContent = num(m.tokens_per_second);
    $('model-active').textContent = num(m.active_requests ?? m.active_generation_count, 0);
    $('model-queue').textContent = num(m.queue_depth, 0);
}

function bar(label, pct) {
    return [h('div', {class: 'muted'}, `${label} ${num(pct)} %`),
        h('div', {class: 'bar' + (pct >= 90 ? ' high' : '')}, h('div', {style: `width: ${Math.max(0, Math.min(100, pct || 0))}%`}))];
}

function renderHosts() {
    const hosts = Object.keys(state.services).filter(n => n.startsWith('host:')).sort();
    if (!hosts.length) return;
    $('hosts').replaceChildren(...hosts.map(name => {
        const m = state.services[name].metrics || {};
        return h('div', {class: 'host', 'data-service': name}, h('h3', {}, name.substring(5)),
            bar('CPU', m.cpu_pct), bar('Memory', m.mem_pct), bar('Disk', m.disk_pct));
    }));
}

function renderInfra() {
    const rows = INFRA.map(name => {
        const dep = state.dependencies[name] || {};
        const probed = state.statuses[name] || state.services[name];
        const status = probed ? (probed.status || 'unknown') : (dep.status || 'unknown');
        const detail = dep.latency_ms !== undefined ? dep.latency_ms + ' ms' : (dep.error || '');
        return h('tr', {'data-service': name}, h('td', {}, name),
            h('td', {}, h('span', {class: 'pill ' + ({healthy: 'up', unhealthy: 'down'}[status] || status)}, status)),
            h('td', {class: 'muted'}, detail));
    });
    $('infra').tBodies[0].replaceChildren(...rows);
    const queues = [];
    Object.entries(state.services).forEach(([service, m]) => Object.entries(m.metrics || {}).forEach(([metric, v]) => {
        if (metric.startsWith('queue_size') || metric === 'queue_depth') {
            queues.push(h('tr', {}, h('td', {}, service), h('td', {}, metric.replace(/^queue_size:?/, '') || 'queue'),
                h('td', {}, num(v, 0))));
        }
    }));
    $('queues').tBodies[0].replaceChildren(...(queues.length ? queues : [h('tr', {}, h('td', {class: 'muted'}, 'no queue metrics'))]));
}

function renderAlerts() {
    const alerts = [...state.alerts.values()].sort((a, b) =>
        severityRank(a.severity) - severityRank(b.severity) || Date.parse(a.starts_at) - Date.parse(b.starts_at));
    $('alerts').tBodies[0].replaceChildren(...alerts.map(a => h('tr', {class: 'alert', 'data-alert': a.id, 'data-state': a.state},
        h('td', {}, h('span', {class: 'sev ' + a.severity}, a.severity)),
        h('td', {}, a.service), h('td', {}, a.rule), h('td', {class: 'message'}, a.message),
        h('td', {}, `${num(a.value, 2)} / ${num(a.threshold, 2)}`),
        h('td', {class: 'duration', 'data-since': a.starts_at}, ago(a.starts_at)),
        h('td', {}, a.state, a.acknowledged ? h('div', {class: 'muted acked'}, 'acknowledged by ', a.acknowledged_by) : ''),
        h('td', {}, h('button', {class: 'ack', disabled: a.acknowledged ? 'disabled' : undefined,
            onclick: () => acknowledge(a.id)}, a.acknowledged ? 'Acknowledged' : 'Acknowledge')))));
    $('alerts-empty').style.display = alerts.length ? 'none' : '';
}

function severityRank(severity) { return {critical: 0, warning: 1}[severity] ?? 2; }

async function acknowledge(id) {
    const key = token() || askToken('Acknowledging needs the API token.');
    if (!key) return;
    const response = await fetch(`/alerts/${encodeURIComponent(id)}/acknowledge`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + key},
        body: JSON.stringify({acknowledged_by: 'dashboard', comment: 'acknowledged from the dashboard'})
    });
    if (response.status === 401 || response.status === 403) {
        sessionStorage.removeItem(TOKEN_KEY);
        window.alert('The token was refused; you will be asked again.');
        return;
    }
    if (response.ok) {
        const alert = state.alerts.get(id);
        if (alert) { alert.acknowledged = true; alert.acknowledged_by = alert.acknowledged_by || 'you'; }
        renderAlerts();
    } else {
        window.alert('Acknowledge failed: HTTP ' + response.status);
    }
}

function renderTopology() {
    const topo = state.topology || DEFAULT_TOPOLOGY;
    const svg = $('topology');
    const layers = layout(topo);
    const pos = {};
    layers.forEach((layer, i) => layer.forEach((name, j) => {
        pos[name] = {x: (j + 1) * 460 / (layer.length + 1), y: 30 + i * 200 / Math.max(1, layers.length - 1)};
    }));
    const nodes = [];
    topo.edges.forEach(([a, b]) => {
        if (pos[a] && pos[b]) nodes.push(Charts.el('line', {x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y}));
    });
    Object.entries(pos).forEach(([name, p]) => {
        const status = (state.statuses[name] || {}).status || 'unknown';
        const g = Charts.el('g', {class: status, 'data-service': name});
        g.appendChild(Charts.el('rect', {x: p.x - 48, y: p.y - 11, width: 96, height: 22, rx: 4}));
        g.appendChild(Charts.el('text', {x: p.x, y: p.y + 4}, name.length > 16 ? name.substring(0, 15) + '…' : name));
        g.appendChild(Charts.el('title', {}, name + ': ' + status));
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

/* ---------- REST: history, health, business, topology, alert history ---------- */

async function loadLatencyHistory() {
    try {
        const body = await getJson('/metrics/history?metric=latency_ms&resolution=1m');
        body.series.forEach(s => {
            const series = state.latency[s.service] || (state.latency[s.service] = new Map());
            s.windows.forEach(w => series.set(Date.parse(w.window_end),
                {p50: w.p50, p95: w.p95, p99: w.p99, count: w.count, errors: w.errors}));
        });
        const tps = await getJson('/metrics/history?service=model_service&metric=tokens_per_second&resolution=1m');
        (tps.series[0]?.windows || []).forEach(w => state.tps.set(Date.parse(w.window_end), w.last ?? w.mean));
        renderCharts();
        renderServices();
    } catch (e) { console.info('no history yet:', e.message); }
}

async function loadHealth() {
    try {
        const body = await getJson('/health');
        state.dependencies = body.dependencies || {};
        renderInfra();
    } catch (e) { console.info(e.message); }
}

async function loadBusiness() {
    const list = $('business');
    try {
        const body = await getJson('/analytics/business');
        const rows = [];
        const walk = (prefix, value) => {
            if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
                Object.entries(value).forEach(([k, v]) => walk(prefix ? prefix + ' · ' + k : k, v));
            } else if (prefix !== 'timestamp') {
                rows.push(h('dt', {}, prefix.replaceAll('_', ' ')), h('dd', {}, typeof value === 'number' ? num(value, 0) : value));
            }
        };
        walk('', body);
        list.replaceChildren(...rows);
    } catch (e) {
        // before /analytics/business exists: the business-looking counters the services report
        const rows = [];
        ['chat_service', 'npc_service', 'summary_service'].forEach(service => {
            Object.entries((state.services[service] || {}).metrics || {}).forEach(([metric, v]) => {
                rows.push(h('dt', {}, service.replace('_service', '') + ' · ' + metric.replaceAll('_', ' ')),
                    h('dd', {}, num(v, 0)));
            });
        });
        list.replaceChildren(...(rows.length ? rows : [h('dd', {class: 'muted'}, 'no business counters yet')]));
    }
}

async function loadTopology() {
    try {
        const body = await getJson('/topology');
        const nodes = (body.nodes || body.services || []).map(n => typeof n === 'string' ? n : (n.id || n.service || n.name));
        const edges = (body.edges || body.dependencies || []).map(e => Array.isArray(e) ? e : [e.from || e.source, e.to || e.target]);
        if (nodes.length) state.topology = {nodes, edges: edges.filter(([a, b]) => a && b)};
    } catch (e) { console.info('topology: default layout (' + e.message + ')'); }
    renderTopology();
}

async function loadAlertHistory() {
    try {
        const body = await getJson('/alerts/history');
        const items = Array.isArray(body) ? body : (body.alerts || body.items || []);
        $('alert-history').tBodies[0].replaceChildren(...items.slice(0, 50).map(a => h('tr', {},
            h('td', {}, time(a.starts_at)), h('td', {}, time(a.ends_at)),
            h('td', {}, h('span', {class: 'sev ' + a.severity}, a.severity)), h('td', {}, a.service),
            h('td', {}, a.rule), h('td', {}, a.message), h('td', {}, a.state), h('td', {}, a.acknowledged_by || ''))));
    } catch (e) { console.info(e.message); }
}

async function loadActiveAlerts() {
    try {
        const body = await getJson('/alerts');
        const items = Array.isArray(body) ? body : (body.alerts || []);
        items.forEach(a => { if (a.state !== 'resolved' && !state.alerts.has(a.id)) state.alerts.set(a.id, a); });
        renderAlerts();
    } catch (e) { console.info(e.message); }
}

/* ---------- start ---------- */

function tick() {
    document.querySelectorAll('#alerts .duration').forEach(td => { td.textContent = ago(td.dataset.since); });
    // a server that stopped talking (heartbeats come every 15 s) is as good as gone
    if (feed.socket && feed.opened && Date.now() - state.lastHeard > 40000) reconnect('no heartbeat');
}

connect();
loadLatencyHistory();
loadHealth();
loadBusiness();
loadTopology();
loadAlertHistory();
loadActiveAlerts();
setInterval(tick, 1000);
setInterval(loadHealth, 15000);
setInterval(loadBusiness, 30000);
setInterval(loadAlertHistory, 60000);
setInterval(loadLatencyHistory, 5 * 60000);
