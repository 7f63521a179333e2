/*
 * The Life Strands monitor dashboard: REST for history, /ws/monitor for everything live. This module wires the
 * feed and the REST loaders to the panels; each panel is its own module, js/core.js holds what they share.
 */
import {$, applyAnomaly, applyMetrics, applySnapshot, applyStatusChange, state, time} from './core.js';
import {startFeed} from './feed.js';
import {renderServices} from './services.js';
import {loadAnomalies, loadLatencyHistory, renderLatencyCharts} from './latency.js';
import {loadTokensHistory, renderModel, renderTokensChart} from './model.js';
import {renderHosts} from './hosts.js';
import {loadHealth, renderInfra} from './infra.js';
import {loadActiveAlerts, onAcknowledged, onAlert, renderAlerts, tickDurations} from './alerts.js';
import {loadAlertHistory} from './alert-history.js';
import {loadMaintenance} from './maintenance.js';
import {loadBusiness} from './business.js';
import {loadTopology, renderTopology} from './topology.js';
import {loadSlos, onSloStatus} from './slo.js';

const CHART_INTERVAL_MS = 4000;
let chartsDrawnAt = 0;

function renderLive() {
    $('updated').textContent = state.updatedAt ? 'updated ' + time(state.updatedAt) : '';
    renderServices();
    renderModel();
    renderHosts();
    renderInfra();
    if (Date.now() - chartsDrawnAt > CHART_INTERVAL_MS) {
        chartsDrawnAt = Date.now();
        renderLatencyCharts();
        renderTokensChart();
    }
}

async function loadHistory() {
    await loadLatencyHistory();
    await loadAnomalies();
    await loadTokensHistory();
    renderServices();
}

startFeed({
    snapshot(msg) {
        applySnapshot(msg.data);
        renderLive();
        renderAlerts();
        renderTopology();
    },
    metrics(data, labels) {
        applyMetrics(data, labels);
        renderLive();
    },
    statusChange(msg) {
        applyStatusChange(msg);
        renderServices();
        renderTopology();
    },
    alert(alert) {
        onAlert(alert);
        loadAlertHistory();
    },
    acknowledged: onAcknowledged,
    anomaly(episode) {
        applyAnomaly(episode);
        renderServices();
        renderLatencyCharts();
    },
    slo: onSloStatus
});
loadHistory();
loadHealth();
loadBusiness();
loadTopology();
loadAlertHistory();
loadActiveAlerts();
loadMaintenance();
loadSlos();
setInterval(tickDurations, 1000);
setInterval(loadSlos, 60000);
setInterval(loadHealth, 15000);
setInterval(loadTopology, 60000);
setInterval(loadBusiness, 30000);
setInterval(loadAlertHistory, 60000);
setInterval(loadMaintenance, 30000);
setInterval(loadHistory, 5 * 60000);
