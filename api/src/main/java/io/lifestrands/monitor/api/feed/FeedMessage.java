package io.lifestrands.monitor.api.feed;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One message of the stream, encoded once and shared by every session that receives it.
 *
 * @param service the service it is about; null for multi-service messages ({@code metrics_update})
 * @param narrow  encodes the message for a subset of services; null when the message cannot be narrowed
 */
record FeedMessage(long seq, String type, String service, String json, Function<Set<String>, String> narrow,
                   Map<Set<String>, String> narrowed) {

    /** A filter set is rarely unique; most clients share one, so each narrowed encoding is made once. */
    private static final int MAX_NARROWED = 64;

    static FeedMessage of(long seq, String type, String service, String json, Function<Set<String>, String> narrow) {
        return new FeedMessage(seq, type, service, json, narrow, new ConcurrentHashMap<>());
    }

    boolean matches(Subscription subscription) {
        return subscription.wantsType(type) && subscription.wantsService(service);
    }

    /** The encoding for that subscriber: narrowed to its services when it filters and the message allows it. */
    String jsonFor(Subscription subscription) {
        if (narrow == null || !subscription.narrowsServices()) {
            return json;
        }
        String cached = narrowed.get(subscription.services());
        if (cached != null) {
            return cached;
        }
        String encoded = narrow.apply(subscription.services());
        if (narrowed.size() < MAX_NARROWED) {
            narrowed.put(subscription.services(), encoded);
        }
        return encoded;
    }

    /** Approximate heap held by the encoding, for the replay buffer's byte bound. */
    long bytes() {
        return 2L * json.length();
    }
}
