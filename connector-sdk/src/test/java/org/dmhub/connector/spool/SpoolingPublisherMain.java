package org.dmhub.connector.spool;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.UUID;
import org.dmhub.connector.DmConnector;

/**
 * A connector process for {@link ConnectorOutageIT}: publishes {@code count} observations with eventIds derived from
 * {@code prefix}, prints {@code SPOOLED <n>} and waits to be killed.
 *
 * <p>Arguments: bootstrap servers, registry URL, spool folder, department, count, prefix.
 */
public final class SpoolingPublisherMain {

    private SpoolingPublisherMain() {
    }

    public static void main(String[] args) throws Exception {
        DmConnector connector = DmConnector.builder().bootstrapServers(args[0]).registryUrl(args[1]).spool(Path.of(args[2]))
                .department(args[3]).build();
        int count = Integer.parseInt(args[4]);
        for (int i = 0; i < count; i++) {
            connector.publish(ConnectorOutageIT.observation(connector, eventId(args[5], i), i));
        }
        System.out.println("SPOOLED " + connector.spooled());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static String eventId(String prefix, int i) {
        return UUID.nameUUIDFromBytes((prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
