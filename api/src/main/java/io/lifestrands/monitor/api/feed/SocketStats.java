package io.lifestrands.monitor.api.feed;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the live feed since start, for {@code /debug/websocket-stats}. */
final class SocketStats {

    final LongAdder connected = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder slowCloses = new LongAdder();
    final LongAdder deadPeerCloses = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder resumed = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder resumeSnapshots = new LongAdder();
    final LongAdder rejectedHandshakes = new LongAdder();
}
