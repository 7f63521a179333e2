package io.lifestrands.monitor.schema.json;

import java.util.List;
import java.util.stream.Collectors;

/** A record value that breaks its contract in one or more fields; the message names each with its reason. */
public class InvalidFieldsException extends InvalidRecordException {

    private final transient List<FieldViolation> violations;

    /** @param violations at least one */
    public InvalidFieldsException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")), null);
        this.violations = List.copyOf(violations);
    }

    /** Every broken field, in the record's field order. */
    public List<FieldViolation> violations() {
        return violations;
    }
}
