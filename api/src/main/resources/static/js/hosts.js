/* Hosts panel: CPU, memory and disk of the services named host:<hostname>. */
import {$, h, num, state} from './core.js';

export function renderHosts() {
    const hosts = Object.keys(state.services).filter(n => n.startsWith('host:')).sort();
    if (!hosts.length) return;
    $('hosts').replaceChildren(...hosts.map(name => {
        const m = state.services[name].metrics || {};
        return h('div', {class: 'host', 'data-service': name}, h('h3', {}, name.substring(5)),
            bar('CPU', m.cpu_pct), bar('Memory', m.mem_pct), bar('Disk', m.disk_pct));
    }));
}

function bar(label, pct) {
    return [h('div', {class: 'muted'}, `${label} ${num(pct)} %`),
        h('div', {class: 'bar' + (pct >= 90 ? ' high' : '')},
            h('div', {style: `width: ${Math.max(0, Math.min(100, pct || 0))}%`}))];
}
