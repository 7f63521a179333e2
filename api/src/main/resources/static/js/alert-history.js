/* Alert history panel: the last 50 episodes from /alerts/history. */
import {$, clearNote, getJson, h, needsToken, offerToken, time} from './core.js';

export async function loadAlertHistory() {
    try {
        const body = await getJson('/alerts/history');
        const items = Array.isArray(body) ? body : (body.alerts || body.items || []);
        $('alert-history').tBodies[0].replaceChildren(...items.slice(0, 50).map(a => h('tr', {},
            h('td', {}, time(a.starts_at)), h('td', {}, time(a.ends_at)),
            h('td', {}, h('span', {class: 'sev ' + a.severity}, a.severity)), h('td', {}, a.service),
            h('td', {}, a.rule), h('td', {}, a.message), h('td', {}, a.state), h('td', {}, a.acknowledged_by || ''))));
        clearNote('alert-history-note');
    } catch (e) {
        console.info(e.message);
        if (needsToken(e)) {
            $('alert-history').tBodies[0].replaceChildren();
            offerToken('alert-history-note', 'Alert history', e, loadAlertHistory);
        }
    }
}
