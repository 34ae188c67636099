package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.checkKeyPart;
import static org.dmhub.hub.catalog.Checks.missing;
import static org.dmhub.hub.catalog.Checks.required;

import org.dmhub.hub.catalog.FrameworkFile.Province;

/** The province the framework is for: its code, which is also the root of the area tree, and its name. */
final class ProvinceRules {

    private ProvinceRules() {
    }

    static void check(FrameworkIndex index, Problems problems) {
        Province province = index.file().province();
        if (province == null) {
            missing(problems, "province", "give the province's code and name, e.g. {code: \"74\", name: \"Bình Dương\"}");
            return;
        }
        if (required(problems, "province.code", province.code(), "give the province's area code, e.g. \"74\"")) {
            checkKeyPart(problems, "province.code", province.code());
        }
        required(problems, "province.name", province.name(), "give the province's name");
    }
}
