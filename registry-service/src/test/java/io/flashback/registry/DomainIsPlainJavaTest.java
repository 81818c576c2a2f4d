package io.flashback.registry;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The protocol and domain types (EIP-4361, ERC-191, EIP-712 claims, node messages) stay free of the framework (STYLE.md). */
@AnalyzeClasses(packages = "io.flashback.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsPlainJavaTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkTypes = noClasses()
            .that().resideInAPackage("io.flashback.registry.identity")
            .or().haveFullyQualifiedName("io.flashback.registry.node.NodeAnnouncement")
            .or().haveFullyQualifiedName("io.flashback.registry.node.NodeHeartbeat")
            .or().haveFullyQualifiedName("io.flashback.registry.node.NodeClaimTypedData")
            .or().haveFullyQualifiedName("io.flashback.registry.node.BridgeNode")
            .or().haveFullyQualifiedName("io.flashback.registry.node.NodeState")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
                    "org.hibernate..")
            .because("protocol and domain code is plain Java; Spring, JDBC and web types stay in the use cases and adapters");
}
