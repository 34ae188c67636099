package org.dmhub.hub.query;

import org.dmhub.hub.support.StoreDefinition;

/**
 * A key of one of the stores the API reads, which one hub instance holds ({@link ViewStores#remoteOwner}); made by
 * {@link ViewStores#valuesKey}, {@link ViewStores#statusKey} and {@link ViewStores#yearInputsKey}.
 *
 * @param partitionKey the key the store's records were partitioned by, which says which task holds it: the key
 *     itself, or for the roll-ups over time {@code indicator|year}
 */
public record StoreKey<V>(StoreDefinition<V> store, String key, String partitionKey) {

    public StoreKey(StoreDefinition<V> store, String key) {
        this(store, key, key);
    }
}
