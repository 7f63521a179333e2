/*
 * The dashboard's shared core: the page state, DOM helpers, formatting, the API token and REST reads.
 * Every value from the server is put into the page as text (textContent / createTextNode), never as markup.
 */

export const HOUR = 3600 * 1000;
const TOKEN_KEY = 'monitor.token';

/** What the page knows; the feed and the REST loaders write it, the panels read it. */
export const state = {
    services: {}, statuses: {}, labels: {}, alerts: new Map(),
    latency: {},        // service -> Map(windowEndMs -> {p50, p95, p99, count, errors}) of its traffic, latency_ms
    probeLatency: {},   // the same of its probes, probe_latency_ms
    tps: new Map(),     // windowEndMs -> tokens/s
    anomalies: new Map(),   // service|metric|statistic|resolution|start -> episode: the open ones, the last hour's closed
    dependencies: {}, topology: null, updatedAt: null
};

/* ---------- DOM helpers: text only ---------- */

export function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
        if (k === 'class') node.className = v;
        else if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
        else if (v !== undefined && v !== null) node.setAttribute(k, String(v));
    });
    children.flat().forEach(child => node.appendChild(child instanceof Node ? child
        : document.createTextNode(child === undefined || child === null ? '' : String(child))));
    return node;
}

export function $(id) { return document.getElementById(id); }

/* ---------- formatting: an absent figure is '–', never 0 ---------- */

export function num(value, digits) {
    if (value === undefined || value === null || Number.isNaN(value)) return '–';
    return Number(value).toFixed(digits === undefined ? 1 : digits);
}

export function ago(iso) {
    if (!iso) return '–';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
    return Math.floor(s / 86400) + 'd ' + Math.floor((s % 86400) / 3600) + 'h';
}

export function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : '–'; }

/* ---------- token and REST ---------- */

export function token() { return sessionStorage.getItem(TOKEN_KEY); }

export function askToken(why) {
    const given = window.prompt(why + '\nAPI token (kept for this browser tab only):');
    if (given) sessionStorage.setItem(TOKEN_KEY, given.trim());
    return given ? given.trim() : null;
}

export function forgetToken() { sessionStorage.removeItem(TOKEN_KEY); }

/** A REST read that did not answer 2xx: status is the HTTP status, sentToken the token it carried (or null). */
export class HttpError extends Error {
    constructor(path, status, sentToken) {
        super(path + ' answered ' + status);
        this.status = status;
        this.sentToken = sentToken;
    }
}

export async function getJson(path) {
    const sent = token();
    const response = await fetch(path, {headers: sent ? {Authorization: 'Bearer ' + sent} : {}});
    if (!response.ok) throw new HttpError(path, response.status, sent);
    return response.json();
}

/**
 * A write with the operator token, asked for when none is kept; true when it succeeded. A refused token is forgotten
 * and a failure is told with the problem's detail.
 */
export async function sendJson(method, path, body, why) {
    const key = token() || askToken(why);
    if (!key) return false;
    const headers = {Authorization: 'Bearer ' + key};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    if (response.status === 401 || response.status === 403) {
        forgetToken();
        window.alert('The token was refused; you will be asked again.');
        return false;
    }
    if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        window.alert(`${method} ${path} failed: HTTP ${response.status} ${problem.detail || ''}`);
        return false;
    }
    return true;
}

/* ---------- panels whose endpoint wants a token ---------- */

const waitingForToken = new Map();   // note element id -> reload of its panel

/** Whether a REST read was refused for want of a (good enough) token. */
export function needsToken(error) {
    return error instanceof HttpError && (error.status === 401 || error.status === 403);
}

/**
 * Says in the panel's note that its endpoint needs the operator token, with a button that asks for the token and
 * then reloads this panel first and every other panel waiting for one. A token refused with 401 is forgotten.
 */
export function offerToken(noteId, what, error, reload) {
    let why = '';
    if (error.status === 403) {
        why = ' (the token given may not read it)';
    } else if (error.sentToken) {
        if (token() === error.sentToken) forgetToken();
        why = ' (the token given was refused)';
    }
    waitingForToken.set(noteId, reload);
    $(noteId).replaceChildren(h('span', {class: 'needs-token'}, what, ' needs the operator token', why), ' ',
        h('button', {class: 'give-token', onclick: () => giveToken(noteId, what)}, 'Enter token'));
}

/** Empties the panel's note: its endpoint answered. */
export function clearNote(noteId) {
    waitingForToken.delete(noteId);
    $(noteId).replaceChildren();
}

function giveToken(noteId, what) {
    if (!askToken(what + ' needs the operator token.')) return;
    const first = waitingForToken.get(noteId);
    const others = [...waitingForToken].filter(([id]) => id !== noteId).map(([, reload]) => reload);
    [first, ...others].forEach(reload => reload && reload());
}

/* ---------- state from the live feed ---------- */

/** The services the panels list, without the hosts. */
export function fleetNames() {
    const names = new Set([...Object.keys(state.services), ...Object.keys(state.statuses)]);
    return [...names].filter(n => !n.startsWith('host:')).sort();
}

export function applySnapshot(data) {
    state.statuses = data.statuses || {};
    state.alerts = new Map((data.alerts || []).map(a => [a.id, a]));
    // the snapshot holds the open episodes; the closed ones known stay (marks of the last hour)
    [...state.anomalies].forEach(([id, e]) => { if (e.state === 'open') state.anomalies.delete(id); });
    (data.anomalies || []).forEach(applyAnomaly);
    applyMetrics({timestamp: data.timestamp, services: data.services || {}}, data.labels);
}

export function applyMetrics(data, labels) {
    state.services = data.services || {};
    keepLabels(labels);
    state.updatedAt = data.timestamp;
    Object.entries(state.services).forEach(([name, m]) => {
        if (m.status) state.statuses[name] = Object.assign({}, state.statuses[name], {status: m.status});
        // traffic and probes are two series: a probe's latency is never plotted as the service's requests
        if (m.traffic && m.traffic.window_end) addPoint(state.latency, name, m.traffic);
        if (m.probe && m.probe.window_end) addPoint(state.probeLatency, name, m.probe);
    });
    const model = state.services.model_service;
    if (model && model.metrics && model.metrics.tokens_per_second != null) {
        state.tps.set(Date.now(), model.metrics.tokens_per_second);
    }
    prune();
}

function addPoint(bySeries, name, block) {
    const series = bySeries[name] || (bySeries[name] = new Map());
    series.set(Date.parse(block.window_end), Object.assign({}, block.latency_ms, {live: true}));
}

/**
 * Adds the labels of a snapshot or metrics_update to the known ones. A label an update lacks (e.g. model_type while
 * the model service is down) keeps its last known value instead of being blanked.
 */
function keepLabels(labels) {
    Object.entries(labels || {}).forEach(([service, given]) => {
        const known = Object.assign({}, state.labels[service]);
        Object.entries(given || {}).forEach(([key, value]) => {
            if (value !== undefined && value !== null && value !== '') known[key] = value;
        });
        state.labels[service] = known;
    });
}

/** Takes an anomaly episode (open or closed) from the feed or GET /anomalies; a closed one is never reopened. */
export function applyAnomaly(episode) {
    const id = [episode.service, episode.metric, episode.statistic, episode.resolution, episode.start].join('|');
    if (episode.state === 'open' && state.anomalies.get(id)?.state === 'closed') return;
    state.anomalies.set(id, episode);
}

/** The anomaly episodes of one service, oldest start first; open only when asked. */
export function anomaliesOf(service, openOnly) {
    return [...state.anomalies.values()].filter(e => e.service === service && (!openOnly || e.state === 'open'))
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export function applyStatusChange(msg) {
    state.statuses[msg.service] = Object.assign({}, state.statuses[msg.service],
        {service: msg.service, status: msg.new_status, since: msg.timestamp, reason: msg.reason});
    if (state.services[msg.service]) state.services[msg.service].status = msg.new_status;
}

function prune() {
    const from = Date.now() - HOUR;
    [...Object.values(state.latency), ...Object.values(state.probeLatency)]
        .forEach(series => series.forEach((_, t) => { if (t < from) series.delete(t); }));
    state.tps.forEach((_, t) => { if (t < from) state.tps.delete(t); });
    state.anomalies.forEach((e, id) => { if (e.end && Date.parse(e.end) < from) state.anomalies.delete(id); });
}
