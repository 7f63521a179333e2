/* Model service panel: VRAM gauge, model type, tokens/s, active requests, queue depth and the tokens/s chart. */
import {$, HOUR, clearNote, getJson, needsToken, num, offerToken, state} from './core.js';
import {gauge, lines} from './charts.js';

export function renderModel() {
    const m = (state.services.model_service || {}).metrics || {};
    const labels = state.labels.model_service || {};
    gauge($('vram-gauge'), m.vram_used_pct);
    $('model-type').textContent = labels.model_type || '–';
    $('model-tps').textContent = num(m.tokens_per_second);
    $('model-active').textContent = num(m.active_requests ?? m.active_generation_count, 0);
    $('model-queue').textContent = num(m.queue_depth, 0);
}

export function renderTokensChart() {
    lines($('tps-chart'), [{cls: 'tps', points: [...state.tps.entries()]}], HOUR, '');
}

export async function loadTokensHistory() {
    try {
        const tps = await getJson('/metrics/history?service=model_service&metric=tokens_per_second&resolution=1m');
        (tps.series[0]?.windows || []).forEach(w => state.tps.set(Date.parse(w.window_end), w.last ?? w.mean));
        renderTokensChart();
        clearNote('model-note');
    } catch (e) {
        console.info('no tokens/s history yet:', e.message);
        if (needsToken(e)) offerToken('model-note', 'The tokens/s history', e, loadTokensHistory);
    }
}
