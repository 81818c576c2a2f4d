package io.flashback.marketplace;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain types stay free of the framework (STYLE.md): Spring, JPA and web types live in {@code internal} packages. */
@AnalyzeClasses(packages = "io.flashback.marketplace", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAnyPackage("io.flashback.marketplace.dataunit", "io.flashback.marketplace.quote")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
                    "org.hibernate..")
            .because("domain code is plain Java; adapters go in the feature's internal package");
}
