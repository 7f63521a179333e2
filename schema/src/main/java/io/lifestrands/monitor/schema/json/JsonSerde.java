package io.lifestrands.monitor.schema.json;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for one record type through {@link Json}; {@code null} stays {@code null} (tombstones). */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.serializer = (topic, data) -> data == null ? null : Json.encode(data);
        // throws InvalidRecordException naming the field when the bytes are not a valid record of this type
        this.deserializer = (topic, data) -> data == null ? null : Json.decode(data, type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
