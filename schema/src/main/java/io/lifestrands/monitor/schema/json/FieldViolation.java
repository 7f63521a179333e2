package io.lifestrands.monitor.schema.json;

/**
 * One field of a record that breaks the record's contract.
 *
 * @param field  the field's JSON name, or a path below it such as {@code labels.team}; empty for the record as a whole
 * @param reason why, e.g. {@code must match [A-Za-z0-9_.:\-]{1,128}, was 'a b'}; quotes at most a clipped value
 */
public record FieldViolation(String field, String reason) {

    /** {@code field reason}, the form every record check throws with. */
    public String message() {
        return field.isEmpty() ? reason : field + " " + reason;
    }

    /** The JSON field this violation is about: {@code labels} for {@code labels.team}. */
    String topField() {
        int dot = field.indexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }
}
