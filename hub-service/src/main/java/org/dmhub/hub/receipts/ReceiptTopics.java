package org.dmhub.hub.receipts;

/** Which departments' receipts topics exist, so that a receipt is only ever sent where it can be written. */
@FunctionalInterface
public interface ReceiptTopics {

    boolean ready(String department);
}
