package io.flashback.orchestrator.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The payment domain and its use cases stay free of the framework (STYLE.md); Spring, JDBC, Kafka and HTTP live in {@code payment.internal}. */
@AnalyzeClasses(packages = "io.flashback.orchestrator.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentDomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAPackage("io.flashback.orchestrator.payment")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
                    "org.hibernate..", "org.apache.kafka..", "tools.jackson..", "java.sql..")
            .because("domain code is plain Java; adapters go in the feature's internal package");
}
