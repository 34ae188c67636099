package org.dmhub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hub's packages follow the data's journey (catalog → validation → consolidation → derivation → publication
 * → query → api), each depending only on the steps before it and on the shared support, so that each step can be
 * read, tested and changed without the ones after it.
 */
class PackageDependenciesTest {

    private static final JavaClasses HUB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dmhub.hub");

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("org.dmhub.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }

    @Test
    void theStreamProcessingKnowsNothingOfTheApiOrItsQueries() {
        noClasses().that().resideInAnyPackage("..hub.catalog..", "..hub.validation..", "..hub.receipts..", "..hub.consolidation..",
                        "..hub.reporting..", "..hub.derivation..", "..hub.overtime..", "..hub.aggregation..", "..hub.publication..",
                        "..hub.reconciliation..", "..hub.support..")
                .should().dependOnClassesThat().resideInAnyPackage("..hub.api..", "..hub.query..")
                .check(HUB);
    }

    @Test
    void sharedSupportDependsOnNoStep() {
        noClasses().that().resideInAPackage("..hub.support..")
                .should().dependOnClassesThat().resideInAnyPackage("..hub.catalog..", "..hub.validation..", "..hub.receipts..",
                        "..hub.consolidation..", "..hub.reporting..", "..hub.derivation..", "..hub.overtime..", "..hub.aggregation..",
                        "..hub.publication..", "..hub.reconciliation..", "..hub.api..", "..hub.query..", "..hub.monitoring..", "..hub.supervision..")
                .check(HUB);
    }
}
