package io.lifestrands.monitor.collector.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The collector's one error mapping: every error is {@code application/problem+json}. Spring MVC's own exceptions
 * (404, 405, 415 ...) come from {@link ResponseEntityExceptionHandler}; anything unexpected is a 500 whose detail
 * reveals nothing internal.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(IngestProblem.class)
    ResponseEntity<ProblemDetail> ingestProblem(IngestProblem problem) {
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            log.warn("Ingest failed: {}", problem.getMessage(), problem.getCause());
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).headers(problem.headers()).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Request failed", e);
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal error"));
    }
}
