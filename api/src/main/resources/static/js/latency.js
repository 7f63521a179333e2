/* Latency panel: p50/p95/p99 charts per service over the last hour, from /metrics/history and the live windows: the
 * service's traffic (latency_ms) when it has any, and its probes (probe_latency_ms), each chart titled with its source. */
import {$, HOUR, anomaliesOf, applyAnomaly, clearNote, fleetNames, getJson, h, needsToken, num, offerToken, state,
    time} from './core.js';
import {lines} from './charts.js';

const LATENCY_CLASSES = ['p50', 'p95', 'p99'];

export function renderLatencyCharts() {
    const charts = fleetNames().flatMap(name => {
        const traffic = state.latency[name]?.size || state.services[name]?.traffic;
        const probe = state.probeLatency[name]?.size || state.services[name]?.probe;
        const episodes = anomaliesOf(name);
        const ofProbes = e => e.metric === 'probe_latency_ms';
        return [
            ...(traffic ? [chart(name, 'traffic', state.latency[name], episodes.filter(e => !ofProbes(e)))] : []),
            // without a traffic chart every mark goes on the probe chart, so none is lost
            ...(probe ? [chart(name, 'probe', state.probeLatency[name],
                traffic ? episodes.filter(ofProbes) : episodes)] : [])];
    });
    $('latency-charts').replaceChildren(...charts);
}

function chart(name, source, points, episodes) {
    const series = [...(points || new Map()).entries()];
    const box = h('div', {class: 'chart'});
    lines(box, LATENCY_CLASSES.map(cls => ({cls, points: series.map(([t, w]) => [t, w[cls]])})), HOUR, ' ms',
        episodes.map(band));
    return h('div', {'data-service': name, 'data-source': source},
        h('div', {class: 'chart-title'}, name + ' · ', h('span', {class: 'source'}, source),
            source === 'probe' ? ' latency' : ' latency (requests)'), box);
}

/** The shaded span of an anomaly episode: from its start to its end, or to now while it is open. */
function band(e) {
    return {from: Date.parse(e.start), to: e.end ? Date.parse(e.end) : Date.now(), cls: 'anomaly ' + e.state,
        title: `anomaly ${e.metric} ${e.statistic} (${e.state}): observed ${num(e.observed)} vs baseline `
            + `${num(e.baseline)}, score ${num(e.score)}; ${time(e.start)} – ${e.end ? time(e.end) : 'now'}`};
}

/**
 * Adds the anomaly episodes of the last hour (GET /anomalies needs a viewer token; without one the marks come from
 * the live feed alone, so a refusal is only logged).
 */
export async function loadAnomalies() {
    try {
        const since = new Date(Date.now() - HOUR).toISOString();
        const body = await getJson('/anomalies?size=500&start=' + encodeURIComponent(since));
        body.anomalies.forEach(applyAnomaly);
        renderLatencyCharts();
    } catch (e) {
        console.info('no anomaly history:', e.message);
    }
}

/** Adds the closed 1 m windows of the last hour, traffic and probes (the probes' counts give the uptime). */
export async function loadLatencyHistory() {
    try {
        const [traffic, probes] = await Promise.all([getJson('/metrics/history?metric=latency_ms&resolution=1m'),
            getJson('/metrics/history?metric=probe_latency_ms&resolution=1m')]);
        addHistory(state.latency, traffic);
        addHistory(state.probeLatency, probes);
        renderLatencyCharts();
        clearNote('latency-note');
    } catch (e) {
        console.info('no history yet:', e.message);
        if (needsToken(e)) offerToken('latency-note', 'The latency history', e, loadLatencyHistory);
    }
}

/** Windows come in ms: the api converts those kept in seconds. */
function addHistory(bySeries, body) {
    body.series.forEach(s => {
        const series = bySeries[s.service] || (bySeries[s.service] = new Map());
        s.windows.forEach(w => series.set(Date.parse(w.window_end),
            {p50: w.p50, p95: w.p95, p99: w.p99, count: w.count, errors: w.errors}));
    });
}
