/* Business panel: the counters of /analytics/business, else those the chat/npc/summary services report. */
import {$, clearNote, getJson, h, needsToken, num, offerToken, state} from './core.js';

export async function loadBusiness() {
    const list = $('business');
    try {
        const body = await getJson('/analytics/business');
        const rows = [];
        const walk = (prefix, value) => {
            if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
                Object.entries(value).forEach(([k, v]) => walk(prefix ? prefix + ' · ' + k : k, v));
            } else if (prefix !== 'timestamp') {
                rows.push(h('dt', {}, prefix.replaceAll('_', ' ')),
                    h('dd', {}, typeof value === 'number' || value == null ? num(value, 0) : value));
            }
        };
        walk('', body);
        list.replaceChildren(...rows);
        clearNote('business-note');
    } catch (e) {
        if (needsToken(e)) {
            list.replaceChildren();
            offerToken('business-note', 'The business panel', e, loadBusiness);
        } else {
            list.replaceChildren(...reportedCounters());
        }
    }
}

/** Before /analytics/business exists: the business-looking counters the services report. */
function reportedCounters() {
    const rows = [];
    ['chat_service', 'npc_service', 'summary_service'].forEach(service => {
        Object.entries((state.services[service] || {}).metrics || {}).forEach(([metric, v]) => {
            rows.push(h('dt', {}, service.replace('_service', '') + ' · ' + metric.replaceAll('_', ' ')),
                h('dd', {}, num(v, 0)));
        });
    });
    return rows.length ? rows : [h('dd', {class: 'muted'}, 'no business counters yet')];
}
