package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.checkKeyPart;
import static org.dmhub.hub.catalog.Checks.checkUnique;
import static org.dmhub.hub.catalog.Checks.missing;
import static org.dmhub.hub.catalog.Checks.required;
import static org.dmhub.hub.catalog.FrameworkIndex.AREAS;
import static org.dmhub.hub.catalog.Problems.element;
import static org.dmhub.hub.catalog.Problems.field;

import java.util.List;
import org.dmhub.hub.catalog.FrameworkFile.Area;

/** Each area's own fields: a unique code that can be part of a record key, a name and a level. */
final class AreaRules {

    private AreaRules() {
    }

    static void check(FrameworkIndex index, Problems problems) {
        List<Area> areas = index.file().areas();
        if (areas == null) {
            missing(problems, AREAS, "list the areas as a tree rooted at the province, e.g. - {code: \"74\", "
                    + "name: \"Bình Dương\", level: PROVINCE}");
            return;
        }
        for (int position = 0; position < areas.size(); position++) {
            Area area = areas.get(position);
            if (area == null) {
                continue;
            }
            String path = element(AREAS, position);
            String codePath = field(path, "code");
            if (required(problems, codePath, area.code(), "every area needs a code")) {
                checkKeyPart(problems, codePath, area.code());
                checkUnique(problems, codePath, area.code(), index.areaCodes().earlierUse(position), AREAS, "area codes");
            }
            required(problems, field(path, "name"), area.name(), "every area needs a name");
            required(problems, field(path, "level"), area.level(),
                    "every area needs a level, e.g. PROVINCE, DISTRICT or COMMUNE");
        }
    }
}
