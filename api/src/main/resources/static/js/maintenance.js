/* Planned work from the dashboard: "Maintenance…" on a service card (from now, for a number of minutes, with a
 * comment), "Silence…" on an alert row (matchers service= and alertname=), the maintenance badge on a card, and the
 * list of maintenance windows with Delete. Writes need the operator token. */
import {$, clearNote, getJson, h, needsToken, offerToken, sendJson, time} from './core.js';

const WHY = 'Maintenance windows and silences need the operator token.';

/** What a card shows for maintenance: the badge while a window is active, and the button that starts one. */
export function maintenanceParts(name, metrics) {
    const active = metrics.maintenance || [];
    const badge = active.length ? [h('div', {class: 'maintenance-badge', title: 'windows: ' + active.join(', ')},
        'maintenance', metrics.probed_status ? ' · probed ' + metrics.probed_status : '')] : [];
    return [...badge, h('button', {class: 'maintain', onclick: () => startMaintenance(name)}, 'Maintenance…')];
}

/** The alert row's button that silences this rule on this service. */
export function silenceButton(alert) {
    return h('button', {class: 'silence', onclick: () => silence(alert)}, 'Silence…');
}

async function startMaintenance(service) {
    const minutes = Number(window.prompt(`Maintenance of ${service} from now: for how many minutes?`, '60'));
    if (!(minutes > 0)) return;
    const comment = window.prompt('Comment: why?', 'planned work') ?? '';
    const start = new Date();
    // one-off, so UTC local times are exact; recurring windows in a named zone are made through the API
    const written = await sendJson('POST', '/maintenance', {services: [service], zone: 'UTC', start: utcLocal(start),
        end: utcLocal(new Date(start.getTime() + minutes * 60000)), repeat: 'none', comment, created_by: 'dashboard'},
        WHY);
    if (written) loadMaintenance();
}

async function silence(alert) {
    const hours = Number(window.prompt(`Silence ${alert.rule} on ${alert.service}: for how many hours?`, '2'));
    if (!(hours > 0)) return;
    const comment = window.prompt('Comment: why?', 'silenced from the dashboard') ?? '';
    const matcher = (name, value) => ({name, value, isRegex: false, isEqual: true});
    const now = new Date();
    await sendJson('POST', '/api/v2/silences', {matchers: [matcher('service', alert.service),
        matcher('alertname', alert.rule)], startsAt: now.toISOString(),
        endsAt: new Date(now.getTime() + hours * 3600000).toISOString(), createdBy: 'dashboard', comment}, WHY);
}

/** Loads the windows into the maintenance panel; without a token the panel says it needs one. */
export async function loadMaintenance() {
    try {
        const windows = await getJson('/maintenance');
        clearNote('maintenance-note');
        $('maintenance').tBodies[0].replaceChildren(...windows.map(w => h('tr', {'data-window': w.id},
            h('td', {}, w.services.join(', ')),
            h('td', {}, `${w.start} – ${w.end} ${w.zone}`, w.repeat === 'none' ? '' : ` (${w.repeat}`
                + (w.days && w.days.length ? ' ' + w.days.join(', ').toLowerCase() : '') + ')'),
            h('td', {}, w.active ? h('span', {class: 'maintenance-badge'}, 'active') : '',
                w.next ? ' next ' + time(w.next.start) : ''),
            h('td', {}, w.comment, h('div', {class: 'muted'}, 'by ', w.created_by)),
            h('td', {}, h('button', {class: 'delete-window', onclick: () => remove(w.id)}, 'Delete')))));
        $('maintenance-empty').style.display = windows.length ? 'none' : '';
    } catch (e) {
        // unread is not empty: "No maintenance windows" only after a list came back
        $('maintenance-empty').style.display = 'none';
        if (needsToken(e)) offerToken('maintenance-note', 'Maintenance windows', e, loadMaintenance);
        else console.info(e.message);
    }
}

async function remove(id) {
    if (!window.confirm('Delete maintenance window ' + id + '?')) return;
    if (await sendJson('DELETE', '/maintenance/' + encodeURIComponent(id), undefined, WHY)) loadMaintenance();
}

/** The UTC date-time without offset, to the second: what a window in zone UTC takes as local time. */
function utcLocal(date) {
    return date.toISOString().slice(0, 19);
}
