package org.dmhub.hub.aggregation;

import java.util.List;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.schemas.AdminArea;

/** The area tree the roll-up tests share: province P; district D1 with communes A and B; district D2 with commune C. */
final class SmallAreaTree {

    static final AreaTree TREE = new AreaTree(List.of(
            new AdminArea("P", "Tỉnh", "PROVINCE", null),
            new AdminArea("D1", "Huyện 1", "DISTRICT", "P"),
            new AdminArea("D2", "Huyện 2", "DISTRICT", "P"),
            new AdminArea("A", "Xã A", "COMMUNE", "D1"),
            new AdminArea("B", "Xã B", "COMMUNE", "D1"),
            new AdminArea("C", "Xã C", "COMMUNE", "D2")));

    private SmallAreaTree() {
    }
}
