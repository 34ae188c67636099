package org.dmhub.hub.query;

import org.dmhub.hub.support.StoreDefinition;

/**
 * A key of one of the stores the API reads, which one hub instance holds ({@link ViewStores#remoteOwner}); made by
 * {@link ViewStores#valuesKey} and {@link ViewStores#statusKey}.
 */
public record StoreKey<V>(StoreDefinition<V> store, String key) {
}
