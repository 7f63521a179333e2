package io.lifestrands.monitor.api.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** A config body with invalid fields; answered as 400 problem+json with an {@code errors} list, one per field. */
public class ConfigValidationException extends ErrorResponseException {

    public ConfigValidationException(List<FieldError> errors) {
        this("Invalid alert configuration", errors);
    }

    /** @param title what was invalid, e.g. {@code Invalid SLO} */
    public ConfigValidationException(String title, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(title, errors), null);
    }

    private static ProblemDetail problem(String title, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ": " + errors.get(0).field()
                        + " " + errors.get(0).reason() + (errors.size() > 1 ? " (and more, see errors)" : ""));
        problem.setTitle(title);
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
