/* Infrastructure panel: Kafka, PostgreSQL and Redis (probed, else /health) and the queue sizes services report. */
import {$, clearNote, getJson, h, needsToken, num, offerToken, state} from './core.js';

const INFRA = ['kafka', 'postgres', 'redis'];

export function renderInfra() {
    const rows = INFRA.map(name => {
        const dep = state.dependencies[name] || {};
        const probed = state.statuses[name] || state.services[name];
        const status = probed ? (probed.status || 'unknown') : (dep.status || 'unknown');
        const detail = dep.latency_ms != null ? dep.latency_ms + ' ms' : (dep.error || '');
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
    $('queues').tBodies[0].replaceChildren(
        ...(queues.length ? queues : [h('tr', {}, h('td', {class: 'muted'}, 'no queue metrics'))]));
}

export async function loadHealth() {
    try {
        const body = await getJson('/health');
        state.dependencies = body.dependencies || {};
        renderInfra();
        clearNote('infra-note');
    } catch (e) {
        console.info(e.message);
        if (needsToken(e)) offerToken('infra-note', 'Dependency health', e, loadHealth);
    }
}
