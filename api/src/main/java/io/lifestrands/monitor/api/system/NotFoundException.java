package io.lifestrands.monitor.api.system;

/** A requested thing (e.g. a service) is unknown; answered with 404 problem+json. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
