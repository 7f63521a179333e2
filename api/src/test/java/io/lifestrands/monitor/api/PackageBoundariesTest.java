package io.lifestrands.monitor.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The api's packages are features with declared dependencies: no package cycle, and no edge between feature packages
 * that {@link #ALLOWED} does not list. A new package must be declared here too.
 */
class PackageBoundariesTest {

    private static final String ROOT = "io.lifestrands.monitor.api";

    /** What each package may use; shared infrastructure first, then the read model, then the features on top. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("system", Set.of()),
            Map.entry("security", Set.of("system")),
            Map.entry("kafka", Set.of("system")),
            Map.entry("maintenance", Set.of("security", "kafka", "system")),
            Map.entry("state", Set.of("maintenance", "kafka", "system")),
            Map.entry("alerts", Set.of("state", "security", "kafka", "system")),
            Map.entry("anomalies", Set.of("state", "security", "kafka", "system")),
            Map.entry("history", Set.of("alerts", "anomalies", "silences", "maintenance", "kafka", "system")),
            Map.entry("silences", Set.of("alerts", "maintenance", "kafka", "system")),
            Map.entry("notify", Set.of("alerts", "silences", "kafka", "system")),
            Map.entry("rules", Set.of("notify", "alerts", "history", "kafka", "system")),
            Map.entry("feed", Set.of("state", "alerts", "slo", "kafka", "system")),
            Map.entry("slo", Set.of("kafka", "system")),
            Map.entry("analytics", Set.of("state", "alerts", "history", "kafka", "system")),
            Map.entry("health", Set.of("state", "history", "kafka", "system")),
            Map.entry("debug", Set.of("health", "alerts", "state", "kafka", "system")));

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void theApiHasNoPackageCycle() {
        noCycles(ROOT).check(API);
    }

    @Test
    void eachPackageUsesOnlyThePackagesItDeclares() {
        ALLOWED.forEach((pkg, allowed) -> {
            Set<String> forbidden = new TreeSet<>(ALLOWED.keySet());
            forbidden.remove(pkg);
            forbidden.removeAll(allowed);
            if (!forbidden.isEmpty()) {
                noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.stream()
                                .map(other -> ROOT + "." + other + "..").toArray(String[]::new))
                        .because(pkg + " may use only " + allowed)
                        .check(API);
            }
        });
    }

    @Test
    void everyPackageIsDeclared() {
        Set<String> found = new TreeSet<>();
        API.forEach(type -> {
            String name = type.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                found.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
            }
        });
        assertThat(ALLOWED.keySet()).containsAll(found);
        assertThat(found).containsAll(ALLOWED.keySet());
    }

    /** The check above is not vacuous: a planted cycle (two test packages that use each other) fails it. */
    @Test
    void aPlantedCycleFailsTheCheck() {
        String fixture = ROOT + ".archfixture";
        JavaClasses planted = new ClassFileImporter().importPackages(fixture);
        assertThat(planted).isNotEmpty();
        assertThatThrownBy(() -> noCycles(fixture).check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    private static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
