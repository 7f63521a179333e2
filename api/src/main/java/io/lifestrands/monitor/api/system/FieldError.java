package io.lifestrands.monitor.api.system;

/**
 * One rejected field of a request body.
 *
 * @param field  JSON path of the field, e.g. {@code rules[2].threshold}
 * @param reason why it was rejected; never contains a secret
 */
public record FieldError(String field, String reason) {
}
