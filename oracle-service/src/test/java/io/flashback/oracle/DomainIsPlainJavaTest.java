package io.flashback.oracle;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain types stay free of the framework (STYLE.md): Spring, JPA, Kafka and web3j's transport live in {@code internal} packages. */
@AnalyzeClasses(packages = "io.flashback.oracle", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAnyPackage("io.flashback.oracle.evaluation", "io.flashback.oracle.epoch", "io.flashback.oracle.ingest")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
                    "org.hibernate..", "org.apache.kafka..", "org.web3j.protocol..", "io.flashback.chain.web3j..")
            .because("domain code is plain Java; adapters go in the feature's internal package");
}
