package io.flashback.monitor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain types stay free of the framework (STYLE.md): Spring, JDBC, Kafka, Micrometer, HTTP and S3 clients live in {@code internal} packages. */
@AnalyzeClasses(packages = "io.flashback.monitor", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAnyPackage("io.flashback.monitor.node", "io.flashback.monitor.probe", "io.flashback.monitor.audit",
                    "io.flashback.monitor.qos", "io.flashback.monitor.reputation")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
                    "org.hibernate..", "org.apache.kafka..", "io.micrometer..", "software.amazon..", "java.net.http..", "java.sql..")
            .because("domain code is plain Java; adapters go in the feature's internal package");
}
