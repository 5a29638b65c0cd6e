package cn.hrss.monitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout is the architecture: the job ({@code job}) wires the domain packages, the command-line tools
 * ({@code tools}) sit on top of both, and every import between packages points down. A domain class that reaches up
 * into the job or a tool, or two packages that import each other, fail here.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.hrss.monitor");

    @Test
    void noDomainClassDependsOnTheJobOrATool() {
        noClasses().that().resideInAnyPackage(
                        "cn.hrss.monitor.config..", "cn.hrss.monitor.events..", "cn.hrss.monitor.reference..",
                        "cn.hrss.monitor.ingest..", "cn.hrss.monitor.indicators..", "cn.hrss.monitor.warnings..",
                        "cn.hrss.monitor.sinks..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hrss.monitor.job..", "cn.hrss.monitor.tools..")
                .check(MAIN);
    }

    @Test
    void theJobDependsOnNoTool() {
        noClasses().that().resideInAPackage("cn.hrss.monitor.job..")
                .should().dependOnClassesThat().resideInAPackage("cn.hrss.monitor.tools..")
                .check(MAIN);
    }

    @Test
    void configurationDependsOnNothingButTheEventFamilies() {
        noClasses().that().resideInAPackage("cn.hrss.monitor.config..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.hrss.monitor.reference..",
                        "cn.hrss.monitor.ingest..", "cn.hrss.monitor.indicators..", "cn.hrss.monitor.warnings..",
                        "cn.hrss.monitor.sinks..")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("cn.hrss.monitor.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
