package org.dmhub.hub.support;

/** Where a record was read: its topic, partition and offset, which refusals and receipts name to the sender. */
public record RecordSource(String topic, int partition, long offset) {
}
