/* Latency panel: p50/p95/p99 charts per service over the last hour, from /metrics/history and the live windows. */
import {$, HOUR, clearNote, fleetNames, getJson, h, needsToken, offerToken, state} from './core.js';
import {lines} from './charts.js';

const LATENCY_CLASSES = ['p50', 'p95', 'p99'];

export function renderLatencyCharts() {
    const charts = fleetNames().filter(n => state.latency[n] || state.services[n]?.latency_ms).map(name => {
        const series = [...(state.latency[name] || new Map()).entries()];
        const box = h('div', {class: 'chart'});
        lines(box, LATENCY_CLASSES.map(cls => ({cls, points: series.map(([t, w]) => [t, w[cls]])})), HOUR, ' ms');
        return h('div', {'data-service': name}, h('div', {class: 'chart-title'}, name), box);
    });
    $('latency-charts').replaceChildren(...charts);
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
