/*
 * The live feed /ws/monitor: connects, resumes from the last seq of its stream, reconnects with back-off, on a gap
 * and when heartbeats stop; hands each message of the stream to the page in order.
 */
import {$, askToken, token} from './core.js';

const HEARTBEAT_SILENCE_MS = 40000;
const feed = {socket: null, retry: 0, opened: false, stream: null, seq: null, lastHeard: 0};
let handlers = null;

/**
 * Opens the feed. on: {snapshot(msg), metrics(data, labels), statusChange(msg), alert(alert), acknowledged(msg),
 * anomaly(episode), slo(view)}.
 */
export function startFeed(on) {
    handlers = on;
    connect();
    setInterval(watch, 1000);
}

function connect() {
    const params = new URLSearchParams();
    if (token()) params.set('token', token());
    if (feed.stream !== null && feed.seq !== null) {
        params.set('stream', feed.stream);
        params.set('last_seq', String(feed.seq));
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = params.toString();
    const socket = new WebSocket(`${scheme}://${location.host}/ws/monitor${query ? '?' + query : ''}`);
    feed.socket = socket;
    feed.opened = false;
    setConnection('reconnecting', 'connecting…');
    socket.onopen = () => { feed.opened = true; feed.retry = 0; feed.lastHeard = Date.now(); };
    socket.onmessage = event => {
        feed.lastHeard = Date.now();
        try { onMessage(JSON.parse(event.data)); } catch (e) { console.error('bad message', e); }
    };
    socket.onclose = event => {
        if (feed.socket !== socket) return;
        feed.socket = null;
        setConnection('offline', 'offline' + (event.reason ? ': ' + event.reason : ''));
        if (!feed.opened && feed.retry >= 2 && !token()) {
            // reads may be protected: the handshake failed before opening
            askToken('The live feed refused the connection.');
        }
        const delay = Math.min(15000, 1000 * Math.pow(2, feed.retry++));
        setTimeout(connect, delay);
    };
}

function reconnect(why) {
    console.info('reconnecting:', why);
    if (feed.socket) { const s = feed.socket; feed.socket = null; s.close(4000, why); setTimeout(connect, 200); }
}

/** A server that stopped talking (heartbeats come every 15 s) is as good as gone. */
function watch() {
    if (feed.socket && feed.opened && Date.now() - feed.lastHeard > HEARTBEAT_SILENCE_MS) reconnect('no heartbeat');
}

function setConnection(cls, text) {
    const pill = $('connection');
    pill.className = 'pill ' + cls;
    pill.textContent = text;
}

function onMessage(msg) {
    switch (msg.type) {
        case 'snapshot':
            feed.stream = msg.stream;
            feed.seq = msg.seq;
            setConnection('live', msg.reason && msg.reason !== 'connect' ? 'live (fresh snapshot)' : 'live');
            handlers.snapshot(msg);
            return;
        case 'resumed': setConnection('live', 'live (resumed)'); return;
        case 'heartbeat':
            if (msg.stream === feed.stream && feed.seq !== null && msg.seq > feed.seq) reconnect('missed messages');
            return;
        case 'pong': case 'subscribed': return;
        case 'error': console.warn('server:', msg.message); return;
    }
    if (typeof msg.seq === 'number') {
        if (feed.seq !== null && msg.seq !== feed.seq + 1) return reconnect('gap before seq ' + msg.seq);
        feed.seq = msg.seq;
        $('seq').textContent = 'seq ' + msg.seq;
    }
    switch (msg.type) {
        case 'metrics_update': handlers.metrics(msg.data, msg.labels); break;
        case 'status_change': handlers.statusChange(msg); break;
        case 'alert': handlers.alert(msg.alert); break;
        case 'alert_acknowledged': handlers.acknowledged(msg); break;
        case 'anomaly': handlers.anomaly(msg.data); break;
        case 'slo_status': handlers.slo(msg.data); break;
    }
}
