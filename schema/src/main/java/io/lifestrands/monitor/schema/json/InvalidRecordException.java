package io.lifestrands.monitor.schema.json;

/** A record that cannot be decoded or violates its contract; the message names the field and the value. */
public class InvalidRecordException extends IllegalArgumentException {

    public InvalidRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
