package org.dmhub.connector.receipt;

/** The broker has no receipts topic for the department: the hub is older than receipts, or not set up for it. */
public final class NoReceiptsTopicException extends RuntimeException {

    private final String topic;

    public NoReceiptsTopicException(String topic) {
        super("the topic " + topic + " does not exist: the hub does not publish receipts for this department");
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
