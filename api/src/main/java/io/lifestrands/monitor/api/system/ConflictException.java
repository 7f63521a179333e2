package io.lifestrands.monitor.api.system;

/** The request contradicts the current state (e.g. acknowledging a resolved alert); answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
