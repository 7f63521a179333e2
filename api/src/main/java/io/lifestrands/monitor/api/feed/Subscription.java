package io.lifestrands.monitor.api.feed;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one client wants: message types and services; an empty set means "all". A {@code metrics_update} is narrowed
 * to the subscribed services rather than dropped.
 */
record Subscription(Set<String> types, Set<String> services) {

    static final Subscription ALL = new Subscription(Set.of(), Set.of());
    static final int MAX_SERVICES = 256;
    private static final int MAX_NAME = 200;

    Subscription {
        types = Set.copyOf(types);
        services = Set.copyOf(services);
    }

    /**
     * @throws IllegalArgumentException naming the offending value: an unknown type, too many or too long names
     */
    static Subscription of(Collection<String> types, Collection<String> services) {
        Set<String> typeSet = clean(types, "types");
        for (String type : typeSet) {
            if (!SocketMessages.SUBSCRIBABLE.contains(type)) {
                throw new IllegalArgumentException("types: unknown message type '" + type + "', expected one of "
                        + new TreeSet<>(SocketMessages.SUBSCRIBABLE));
            }
        }
        return new Subscription(typeSet, clean(services, "services"));
    }

    private static Set<String> clean(Collection<String> names, String field) {
        Set<String> cleaned = new TreeSet<>();
        if (names == null) {
            return cleaned;
        }
        for (String name : names) {
            String trimmed = name == null ? "" : name.trim();
            if (trimmed.length() > MAX_NAME) {
                throw new IllegalArgumentException(field + ": name longer than " + MAX_NAME + " characters");
            }
            if (!trimmed.isEmpty()) {
                cleaned.add(trimmed);
            }
        }
        if (cleaned.size() > MAX_SERVICES) {
            throw new IllegalArgumentException(field + ": at most " + MAX_SERVICES + " names, was " + cleaned.size());
        }
        return cleaned;
    }

    boolean wantsType(String type) {
        return types.isEmpty() || types.contains(type);
    }

    /** Whether a message about {@code service} (null: about several services) passes the service filter. */
    boolean wantsService(String service) {
        return services.isEmpty() || service == null || services.contains(service);
    }

    boolean narrowsServices() {
        return !services.isEmpty();
    }
}
