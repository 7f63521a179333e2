/* Active alerts panel: the feed's alerts (plus /alerts on load), their durations, and Acknowledge. */
import {$, ago, askToken, forgetToken, getJson, h, num, state, token} from './core.js';
import {silenceButton} from './maintenance.js';

export function renderAlerts() {
    const alerts = [...state.alerts.values()].sort((a, b) =>
        severityRank(a.severity) - severityRank(b.severity) || Date.parse(a.starts_at) - Date.parse(b.starts_at));
    $('alerts').tBodies[0].replaceChildren(...alerts.map(a => h('tr',
        {class: 'alert', 'data-alert': a.id, 'data-state': a.state},
        h('td', {}, h('span', {class: 'sev ' + a.severity}, a.severity)),
        h('td', {}, a.service), h('td', {}, a.rule), h('td', {class: 'message'}, a.message),
        h('td', {}, `${num(a.value, 2)} / ${num(a.threshold, 2)}`),
        h('td', {class: 'duration', 'data-since': a.starts_at}, ago(a.starts_at)),
        h('td', {}, a.state,
            a.acknowledged ? h('div', {class: 'muted acked'}, 'acknowledged by ', a.acknowledged_by) : ''),
        h('td', {}, h('button', {class: 'ack', disabled: a.acknowledged ? 'disabled' : undefined,
            onclick: () => acknowledge(a.id)}, a.acknowledged ? 'Acknowledged' : 'Acknowledge'), ' ', silenceButton(a)))));
    $('alerts-empty').style.display = alerts.length ? 'none' : '';
}

/** Redraws the durations without rebuilding the rows. */
export function tickDurations() {
    document.querySelectorAll('#alerts .duration').forEach(td => { td.textContent = ago(td.dataset.since); });
}

/** Whether an episode is over: resolved, or a pending one closed (ends_at set) before it fired. */
function ended(alert) { return alert.state === 'resolved' || !!alert.ends_at; }

export function onAlert(alert) {
    if (ended(alert)) state.alerts.delete(alert.id);
    else state.alerts.set(alert.id, Object.assign({}, state.alerts.get(alert.id), alert));
    renderAlerts();
}

export function onAcknowledged(msg) {
    const alert = state.alerts.get(msg.alert_id);
    if (alert) {
        Object.assign(alert, {acknowledged: true, acknowledged_by: msg.acknowledged_by,
            acknowledged_at: msg.acknowledged_at, comment: msg.comment});
        renderAlerts();
    }
}

export async function loadActiveAlerts() {
    try {
        const body = await getJson('/alerts');
        const items = Array.isArray(body) ? body : (body.alerts || []);
        items.forEach(a => { if (!ended(a) && !state.alerts.has(a.id)) state.alerts.set(a.id, a); });
        renderAlerts();
    } catch (e) { console.info(e.message); }
}

function severityRank(severity) { return {critical: 0, warning: 1}[severity] ?? 2; }

async function acknowledge(id) {
    const key = token() || askToken('Acknowledging needs the API token.');
    if (!key) return;
    const response = await fetch(`/alerts/${encodeURIComponent(id)}/acknowledge`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + key},
        body: JSON.stringify({by: 'dashboard', comment: 'acknowledged from the dashboard'})
    });
    if (response.status === 401 || response.status === 403) {
        forgetToken();
        window.alert('The token was refused; you will be asked again.');
        return;
    }
    if (response.ok) {
        const alert = state.alerts.get(id);
        if (alert) { alert.acknowledged = true; alert.acknowledged_by = alert.acknowledged_by || 'you'; }
        renderAlerts();
    } else {
        window.alert('Acknowledge failed: HTTP ' + response.status);
    }
}
