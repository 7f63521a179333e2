package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.FieldViolation;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;

import java.util.ArrayList;
import java.util.List;

/** The broken fields of one record under construction, kept so that all of them are named, not only the first. */
final class Violations {

    private final List<FieldViolation> found = new ArrayList<>(0);

    /** @param problem why {@code field} is broken, or null when it is not */
    Violations add(String field, String problem) {
        if (problem != null) {
            found.add(new FieldViolation(field, problem));
        }
        return this;
    }

    /** @param violation a broken field, or null for none */
    Violations add(FieldViolation violation) {
        if (violation != null) {
            found.add(violation);
        }
        return this;
    }

    /** @throws InvalidFieldsException naming every broken field, when there is one */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidFieldsException(found);
        }
    }
}
