/* Services panel: one card per service with status, time in status, its traffic (requests it served: latency,
 * requests/min, errors) and, apart, its probes (probe latency, checks/min, uptime), each labelled with its source;
 * '–' where a figure is unavailable, and how long its data has been missing. */
import {$, ago, anomaliesOf, fleetNames, h, num, state} from './core.js';
import {maintenanceParts} from './maintenance.js';

export function renderServices() {
    const cards = fleetNames().map(name => {
        const m = state.services[name] || {};
        const s = state.statuses[name] || {};
        const status = m.status || s.status || 'unknown';
        const traffic = m.traffic || {};
        const probe = m.probe || {};
        const lat = traffic.latency_ms || {};
        const avail = availability(name);
        return h('div', {class: 'service ' + status, 'data-service': name},
            h('div', {class: 'name'}, name),
            h('div', {class: 'status'}, h('span', {class: 'pill ' + status}, status), ' ',
                h('span', {class: 'muted', title: s.reason || ''}, 'for ' + ago(s.since))),
            h('dl', {class: 'numbers traffic', 'data-source': 'traffic'},
                h('dt', {class: 'source'}, 'traffic'), h('dd', {class: 'accuracy'}, accuracy(traffic)),
                h('dt', {}, 'p50 / p95 / p99'), h('dd', {class: 'latency'}, percentiles(lat)),
                h('dt', {}, 'requests/min'), h('dd', {class: 'requests-per-minute'}, num(traffic.requests_per_minute)),
                h('dt', {}, 'errors'), h('dd', {class: 'errors'}, percent(traffic.error_rate)),
                // figures without data are '–', never 0; this says for how long they have been missing
                ...(lat.p50 == null && probe.latency_ms == null && m.last_data_at
                    ? [h('dt', {}, 'no data for'), h('dd', {class: 'no-data'}, ago(m.last_data_at))] : [])),
            h('dl', {class: 'numbers probe', 'data-source': 'probe'},
                h('dt', {class: 'source'}, 'probe'), h('dd', {class: 'accuracy'}, accuracy(probe)),
                h('dt', {}, 'probe latency'), h('dd', {class: 'latency'}, percentiles(probe.latency_ms || {})),
                h('dt', {}, 'checks/min'), h('dd', {class: 'checks-per-minute'}, num(probe.checks_per_minute)),
                h('dt', {}, 'failed checks'), h('dd', {class: 'errors'}, percent(probe.error_rate)),
                h('dt', {}, 'uptime 1h'), h('dd', {class: 'uptime'}, avail === null ? '–' : num(avail, 2) + ' %')),
            ...openAnomalies(name), ...maintenanceParts(name, m));
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

function percentiles(lat) {
    return lat.p50 == null ? '–' : `${num(lat.p50, 0)} / ${num(lat.p95, 0)} / ${num(lat.p99, 0)} ms`;
}

function percent(rate) {
    return rate == null ? '–' : num(100 * rate) + ' %';
}

/** The percentiles' accuracy when the window says it is coarser than the sketch's own (histogram buckets). */
function accuracy(block) {
    return block.accuracy == null ? '' : `±${num(100 * block.accuracy, 1)} %`;
}

/** Share of non-failed probes in the closed 1 m windows of the last hour, or null without any. */
function availability(name) {
    const series = state.probeLatency[name];
    if (!series) return null;
    let count = 0, errors = 0;
    series.forEach(w => { if (!w.live) { count += w.count || 0; errors += w.errors || 0; } });
    return count ? 100 * (count - errors) / count : null;
}
