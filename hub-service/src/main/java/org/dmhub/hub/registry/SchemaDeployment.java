package org.dmhub.hub.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dmhub.contract.SchemaRelease;
import org.dmhub.hub.catalog.CatalogPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of "the focal point registers schemas when it deploys a release", in the secure mode: with the focal
 * point's login it deploys the shared subjects when the hub starts, and a department's two subjects (its observations,
 * its receipts) before the department's topics are used: a connector, which may not register, finds its schema there.
 */
public final class SchemaDeployment implements CatalogPublisher.DepartmentSchemas {

    private static final Logger log = LoggerFactory.getLogger(SchemaDeployment.class);

    private final SchemaRelease release;

    public SchemaDeployment(SchemaRelease release) {
        this.release = release;
    }

    /** The registry's default rule and the subjects of the topics every hub has. */
    public SchemaRelease.Deployment deployShared() {
        return logged("shared topics", release.deployShared());
    }

    /**
     * The subjects of these departments' topics; idempotent, so a framework that keeps a department may ask again.
     *
     * @throws SchemaRelease.ReleaseRefusedException when the registry refuses the login or a schema
     */
    public SchemaRelease.Deployment registerDepartments(Set<String> departmentCodes) {
        return logged("departments " + departmentCodes, release.deployDepartments(departmentCodes));
    }

    @Override
    public List<String> deploy(Set<String> departmentCodes) {
        List<String> changes = new ArrayList<>();
        for (SchemaRelease.SubjectChange subject : registerDepartments(departmentCodes).subjects()) {
            if (subject.changed()) {
                changes.add("schema " + subject.subject() + ": version " + subject.version() + ", compatibility "
                        + subject.compatibility());
            }
        }
        return changes;
    }

    private static SchemaRelease.Deployment logged(String what, SchemaRelease.Deployment deployment) {
        for (SchemaRelease.SubjectChange subject : deployment.subjects()) {
            if (subject.changed()) {
                log.info("schema registry: {} is at version {} (content id {}), compatibility {}", subject.subject(),
                        subject.version(), subject.contentId(), subject.compatibility());
            }
        }
        log.info("schema registry: the release's schemas of the {} are deployed ({} subjects{})", what,
                deployment.subjects().size(), deployment.changedAnything() ? "" : ", none changed");
        return deployment;
    }
}
