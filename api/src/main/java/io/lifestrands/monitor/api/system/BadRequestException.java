package io.lifestrands.monitor.api.system;

/** A request parameter is invalid; answered with 400 problem+json carrying the message as detail. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
