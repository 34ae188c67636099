package org.dmhub.hub.query;

/** The view cannot be read now (starting, rebalancing, or the stream processing is not running); try again shortly. */
public final class ViewNotReadyException extends RuntimeException {

    public ViewNotReadyException(String message) {
        super(message);
    }
}
