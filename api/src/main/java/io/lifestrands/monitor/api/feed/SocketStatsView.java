package io.lifestrands.monitor.api.feed;

/**
 * Body of {@code GET /debug/websocket-stats}.
 *
 * @param sessions           clients connected now
 * @param connectedTotal     connections accepted since start
 * @param sent               messages written to clients
 * @param dropped            messages discarded because their client was closed as too slow or dead
 * @param slowCloses         clients closed because they could not keep up (queue bound or send time limit)
 * @param deadPeerCloses     clients closed because they stayed silent (no pong) past the heartbeat timeout
 * @param queued             messages waiting in all client queues now
 * @param stream             identity of this server's message stream
 * @param seq                the stream's latest sequence number
 * @param replayMessages     messages held for resuming clients
 * @param replayBytes        approximate heap those messages hold
 */
public record SocketStatsView(int sessions, long connectedTotal, long sent, long dropped, long slowCloses,
                              long deadPeerCloses, long sendFailures, long resumed, long replayed,
                              long resumeSnapshots, long rejectedHandshakes, int queued, String stream, long seq,
                              int replayMessages, long replayBytes) {
}
