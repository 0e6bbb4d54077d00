package dev.lorekeeper.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape in ARCHITECTURE.md, checked on the compiled classes: a change that breaks it fails the build. */
class LayeringTest {
    static final String[] FEATURES = {
        "dev.lorekeeper.wallet..",
        "dev.lorekeeper.chain..",
        "dev.lorekeeper.gate..",
        "dev.lorekeeper.knowledge..",
        "dev.lorekeeper.character..",
        "dev.lorekeeper.llm..",
        "dev.lorekeeper.settings..",
        "dev.lorekeeper.dashboard.."
    };

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lorekeeper");
    }

    @Test
    void featurePackagesKnowNothingOfDiscordTheWebServerOrHttpClients() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "net.dv8tion..", "io.javalin..", "org.eclipse.jetty..", "java.net.http..", "okhttp3..")
                .because("features are plain calls; the discord and web adapters translate, http fetches")
                .check(classes);
    }

    @Test
    void configDependsOnNothingElseInTheProject() {
        noClasses()
                .that()
                .resideInAPackage("dev.lorekeeper.config..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.lorekeeper..").and(not(resideInAPackage("dev.lorekeeper.config.."))))
                .because("every part reads config; config reads no part (features add checks through ConfigCheck)")
                .check(classes);
    }

    @Test
    void discordAndWebReachFeaturesThroughTheirServicesNotTheirStorage() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.lorekeeper.discord..", "dev.lorekeeper.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.lorekeeper.store..", "dev.lorekeeper.chain..", "dev.lorekeeper.http..")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Store")
                .because("adapters call services; databases, nodes and outbound HTTP are the features' business")
                .check(classes);
    }

    @Test
    void metricsAreRecordedThroughTheRegistryHandedToTheModulesNeverTheGlobalOne() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(io.micrometer.core.instrument.Metrics.class)
                .because("one registry, built in app.Infra, is what /metrics shows; a global one hides instruments")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.lorekeeper.(*)..").should().beFreeOfCycles().check(classes);
    }
}
