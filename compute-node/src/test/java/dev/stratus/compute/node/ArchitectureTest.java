package dev.stratus.compute.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The node's layering as rules on its compiled classes (tests excluded). libvirt (the binding and JNA under
 * it) is reached only through the seams in {@code libvirt.host}; the rest of the node sees the hypervisor
 * only as a {@code VirtDriver}; and a compute node has no database.
 */
@AnalyzeClasses(packages = "dev.stratus.compute.node", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule libvirtStaysInTheDriverPackage = noClasses()
            .that().resideOutsideOfPackage("dev.stratus.compute.node.libvirt..")
            .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "com.sun.jna..")
            .because("only the libvirt driver talks to libvirt");

    @ArchTest
    static final ArchRule insideTheDriverOnlyTheHostSeamTouchesTheBinding = noClasses()
            .that().resideInAPackage("dev.stratus.compute.node.libvirt..")
            .and().resideOutsideOfPackage("dev.stratus.compute.node.libvirt.host..")
            .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "com.sun.jna..")
            .because("the driver logic is tested on a fake LibvirtHost, which it could not be if it held libvirt"
                    + " handles itself");

    @ArchTest
    static final ArchRule theNodeKnowsTheDriverOnlyAsAVirtDriver = noClasses()
            .that().resideOutsideOfPackage("dev.stratus.compute.node.libvirt..")
            .should().dependOnClassesThat().resideInAPackage("dev.stratus.compute.node.libvirt..")
            .because("handlers, sync and reports work the same on every driver (the libvirt backend finds the"
                    + " driver bean by name)");

    @ArchTest
    static final ArchRule theHostPlumbingIsSeenOnlyThroughHostNetworkingAndItsPlan = noClasses()
            .that().resideOutsideOfPackages("dev.stratus.compute.node.network",
                    "dev.stratus.compute.node.network.linux..")
            .should().dependOnClassesThat().resideInAPackage("dev.stratus.compute.node.network.linux..")
            .because("the rest of the node builds a HostNetworkPlan and applies it, so the fake stands in for the"
                    + " real plumbing everywhere");

    @ArchTest
    static final ArchRule thePlanIsPlainData = noClasses()
            .that().resideInAPackage("dev.stratus.compute.node.network.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.stratus.compute.node.network.linux..",
                    "dev.stratus.compute.node.libvirt..", "dev.stratus.compute.node.driver..", "io.quarkus..",
                    "jakarta..", "com.fasterxml..")
            .because("a plan is immutable data the caller builds from network-service's ports");

    @ArchTest
    static final ArchRule noPersistence = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                    "io.vertx.pgclient..", "io.vertx.sqlclient..", "java.sql..", "javax.sql..")
            .because("a compute node owns no database: its soft state lives on the host");
}
