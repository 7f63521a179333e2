/*
 * SLO panel: every SLO with its error budget left and burn rates, from GET /slo on load and every minute, and
 * each slo_status message of the feed in between. A figure the server sends as null shows '–', never 0.
 */
import {$, clearNote, getJson, h, needsToken, num, offerToken} from './core.js';

const slos = new Map();
/** Burn rates at or above these colour the cell: the page and ticket thresholds of the default rules. */
const PAGE = 14.4;
const TICKET = 1;

export async function loadSlos() {
    try {
        const body = await getJson('/slo');
        slos.clear();
        body.forEach(slo => slos.set(slo.id, slo));
        clearNote('slo-note');
        renderSlos();
    } catch (e) {
        if (needsToken(e)) {
            offerToken('slo-note', 'The SLO panel', e, loadSlos);
        } else {
            console.warn('GET /slo failed', e);
        }
    }
}

export function onSloStatus(slo) {
    slos.set(slo.id, slo);
    renderSlos();
}

function percent(value, digits) {
    return value === undefined || value === null ? '–' : num(value * 100, digits) + ' %';
}

function burn(value) {
    const level = value === null || value === undefined ? '' : value >= PAGE ? 'bad' : value >= TICKET ? 'warn' : '';
    return h('td', {class: level, title: 'burn rate: 1 spends the budget exactly over the window'},
        value === null || value === undefined ? '–' : num(value, 2) + 'x');
}

function renderSlos() {
    const body = $('slos').tBodies[0];
    const rows = [...slos.values()].sort((a, b) => a.id.localeCompare(b.id)).map(slo => h('tr', {},
        h('td', {}, slo.id),
        h('td', {}, slo.service),
        h('td', {}, slo.kind === 'latency' ? 'under ' + num(slo.threshold_ms, 0) + ' ms' : 'availability'),
        h('td', {}, percent(slo.objective, 2) + ' / ' + slo.window),
        h('td', {class: slo.budget_remaining !== null && slo.budget_remaining < 0 ? 'bad' : ''},
            percent(slo.budget_remaining, 1)),
        burn(slo.burn_5m), burn(slo.burn_1h), burn(slo.burn_6h), burn(slo.burn_3d),
        h('td', {}, slo.source)));
    body.replaceChildren(...(rows.length ? rows
        : [h('tr', {}, h('td', {colspan: 10, class: 'muted'}, 'no SLOs defined (POST /slo)'))]));
}
