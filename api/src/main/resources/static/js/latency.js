/* Latency panel: p50/p95/p99 charts per service over the last hour, from /metrics/history and the live windows. */
import {$, HOUR, anomaliesOf, applyAnomaly, clearNote, fleetNames, getJson, h, needsToken, num, offerToken, state,
    time} from './core.js';
import {lines} from './charts.js';

const LATENCY_CLASSES = ['p50', 'p95', 'p99'];

export function renderLatencyCharts() {
    const charts = fleetNames().filter(n => state.latency[n] || state.services[n]?.latency_ms).map(name => {
        const series = [...(state.latency[name] || new Map()).entries()];
        const box = h('div', {class: 'chart'});
        lines(box, LATENCY_CLASSES.map(cls => ({cls, points: series.map(([t, w]) => [t, w[cls]])})), HOUR, ' ms',
            anomaliesOf(name).map(band));
        return h('div', {'data-service': name}, h('div', {class: 'chart-title'}, name), box);
    });
    $('latency-charts').replaceChildren(...charts);
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

/** Adds the closed 1 m windows of the last hour (their counts give the services' uptime). */
export async function loadLatencyHistory() {
    try {
        const body = await getJson('/metrics/history?metric=latency_ms&resolution=1m');
        body.series.forEach(s => {
            const series = state.latency[s.service] || (state.latency[s.service] = new Map());
            s.windows.forEach(w => series.set(Date.parse(w.window_end),
                {p50: w.p50, p95: w.p95, p99: w.p99, count: w.count, errors: w.errors}));
        });
        renderLatencyCharts();
        clearNote('latency-note');
    } catch (e) {
        console.info('no history yet:', e.message);
        if (needsToken(e)) offerToken('latency-note', 'The latency history', e, loadLatencyHistory);
    }
}
