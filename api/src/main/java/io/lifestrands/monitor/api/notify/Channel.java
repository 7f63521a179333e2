package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;

/** A way of telling people about alerts: email, Slack or the generic webhook. */
interface Channel {

    /** The channel's name in the delivery log and the API: {@code email}, {@code slack}, {@code webhook}. */
    String name();

    /** Whether the channel is set up at all. */
    boolean configured(NotificationSettings settings);

    /** Whether this alert goes to this channel (e.g. email takes critical alerts only). */
    default boolean wants(AlertEvent alert, NotificationSettings settings) {
        return configured(settings);
    }

    /** One attempt to deliver {@code notice}; never throws. */
    Outcome send(Notice notice, NotificationSettings settings);
}
