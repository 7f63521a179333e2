/* Model service panel: VRAM gauge, model type and platform, tokens/s, active requests, queue depth, tokens/s chart. */
import {$, HOUR, clearNote, getJson, needsToken, num, offerToken, state} from './core.js';
import {gauge, lines} from './charts.js';

export function renderModel() {
    const m = (state.services.model_service || {}).metrics || {};
    const labels = state.labels.model_service || {};
    gauge($('vram-gauge'), m.vram_used_pct);
    // the last label received, even when the latest update lacks it; 'unavailable' only if none ever came
    $('model-type').textContent = labels.model_type || 'unavailable';
    $('model-platform').textContent = labels.platform || 'unavailable';
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
        (tps.series[0]?.windows || []).forEach(w => {
            const value = w.last ?? w.mean;
            if (value != null) state.tps.set(Date.parse(w.window_end), value);
        });
        renderTokensChart();
        clearNote('model-note');
    } catch (e) {
        console.info('no tokens/s history yet:', e.message);
        if (needsToken(e)) offerToken('model-note', 'The tokens/s history', e, loadTokensHistory);
    }
}
