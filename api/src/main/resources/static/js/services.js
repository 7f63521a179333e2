/* Services panel: one card per service with status, time in status, latency, traffic, errors, uptime and, when its
 * figures are unavailable, how long its data has been missing. */
import {$, ago, anomaliesOf, fleetNames, h, num, state} from './core.js';

export function renderServices() {
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
                h('dd', {class: 'latency'}, lat.p50 == null ? '–'
                    : `${num(lat.p50, 0)} / ${num(lat.p95, 0)} / ${num(lat.p99, 0)} ms`),
                h('dt', {}, 'requests/min'), h('dd', {}, num(m.requests_per_minute)),
                h('dt', {}, 'errors'), h('dd', {}, m.error_rate == null ? '–' : num(100 * m.error_rate) + ' %'),
                h('dt', {}, 'uptime 1h'), h('dd', {class: 'uptime'}, avail === null ? '–' : num(avail, 2) + ' %'),
                // figures without data are '–', never 0; this says for how long they have been missing
                ...(lat.p50 == null && m.last_data_at
                    ? [h('dt', {}, 'no data for'), h('dd', {class: 'no-data'}, ago(m.last_data_at))] : [])),
            ...openAnomalies(name));
    });
    $('services').replaceChildren(...(cards.length ? cards : [h('p', {class: 'muted'}, 'waiting for data…')]));
}

/** The service's open anomaly episodes: which series, which way, observed vs baseline; nothing when none. */
function openAnomalies(name) {
    const open = anomaliesOf(name, true);
    if (!open.length) return [];
    return [h('ul', {class: 'anomalies'}, ...open.map(e => h('li', {title: `score ${num(e.score)}, since `
        + `${ago(e.start)}`}, `anomaly ${e.metric} ${e.statistic} ${e.direction === 'down' ? '↓' : '↑'} `
        + `${num(e.observed, 0)} vs ${num(e.baseline, 0)}`)))];
}

/** Share of non-failed probes in the closed 1 m windows of the last hour, or null without any. */
function availability(name) {
    const series = state.latency[name];
    if (!series) return null;
    let count = 0, errors = 0;
    series.forEach(w => { if (!w.live) { count += w.count || 0; errors += w.errors || 0; } });
    return count ? 100 * (count - errors) / count : null;
}
