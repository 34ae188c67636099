package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.checkUnique;
import static org.dmhub.hub.catalog.Checks.missing;
import static org.dmhub.hub.catalog.Checks.required;
import static org.dmhub.hub.catalog.FrameworkIndex.DEPARTMENTS;
import static org.dmhub.hub.catalog.Problems.element;
import static org.dmhub.hub.catalog.Problems.field;

import java.util.List;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.FrameworkFile.Department;

/** The departments that own indicators: each needs a name and a unique code that can be part of a topic name. */
final class DepartmentRules {

    private DepartmentRules() {
    }

    static void check(FrameworkIndex index, Problems problems) {
        List<Department> departments = index.file().departments();
        if (departments == null) {
            missing(problems, DEPARTMENTS,
                    "list the departments that own indicators, e.g. - {code: STC, name: \"Sở Tài chính\"}");
            return;
        }
        for (int position = 0; position < departments.size(); position++) {
            Department department = departments.get(position);
            if (department == null) {
                continue;
            }
            String path = element(DEPARTMENTS, position);
            String codePath = field(path, "code");
            if (required(problems, codePath, department.code(), "every department needs a code")) {
                if (!Topics.isValidDepartmentCode(department.code())) {
                    problems.at(codePath, "'" + department.code() + "' cannot be part of a topic name; use letters, digits, "
                            + "'_' and '-' only, and not 'rejected'");
                }
                checkUnique(problems, codePath, department.code(), index.departmentCodes().earlierUse(position), DEPARTMENTS,
                        "department codes");
            }
            required(problems, field(path, "name"), department.name(), "every department needs a name");
        }
    }
}
