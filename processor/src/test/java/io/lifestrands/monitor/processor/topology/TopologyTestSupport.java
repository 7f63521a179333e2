package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Starts a {@link TopologyFixture} of the production topology before each test and closes it after. */
abstract class TopologyTestSupport {

    @TempDir
    Path stateDir;
    TopologyFixture fixture;

    @BeforeEach
    void startFixture() {
        fixture = new TopologyFixture(settings(TopologyFixture.settings(stateDir)));
    }

    @AfterEach
    void stopFixture() {
        fixture.close();
    }

    /** The settings of the topology under test; override to change some. */
    ProcessorSettings settings(ProcessorSettings defaults) {
        return defaults;
    }
}
