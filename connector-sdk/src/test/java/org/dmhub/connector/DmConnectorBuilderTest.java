package org.dmhub.connector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the builder refuses before any connection is made. */
class DmConnectorBuilderTest {

    @Test
    void aTopicPrefixTheHubCouldNotHaveIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DmConnector.builder().topicPrefix("tinh 74."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topicPrefix 'tinh 74.' is not a topic prefix: letters, digits, '.', '_' and '-' only, as the hub's"
                        + " dmhub.topic-prefix (by default dmhub.)");
        assertThatThrownBy(() -> DmConnector.builder().topicPrefix(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("topicPrefix 'null' is not a topic prefix");
    }
}
