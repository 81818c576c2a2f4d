package io.flashback.chain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The ports and values in io.flashback.chain stay free of web3j and JSON types (STYLE.md "Domain code"). */
class DomainIsPlainJavaTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.flashback.chain");

    @Test
    void thePortsDependOnNoTechnology() {
        noClasses().that().resideInAPackage("io.flashback.chain")
                .should().dependOnClassesThat().resideInAnyPackage("org.web3j..", "tools.jackson..", "com.fasterxml..",
                        "io.flashback.chain.web3j..", "io.flashback.chain.deploy..")
                .check(classes);
    }
}
