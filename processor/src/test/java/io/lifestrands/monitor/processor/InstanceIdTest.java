package io.lifestrands.monitor.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdTest {

    private static final String APP = "monitor-processor-test";

    @TempDir
    Path stateDir;

    @Test
    void aRestartInTheSameStateDirectoryKeepsTheId() {
        String first = InstanceId.claim(stateDir, APP, "proc-host");

        String again = InstanceId.claim(stateDir, APP, "another-host");

        assertThat(first).matches("proc-host-[0-9a-f]{8}");
        assertThat(again).isEqualTo(first);
        assertThat(stateDir.resolve(APP).resolve(InstanceId.FILE_NAME)).hasContent(first);
    }

    @Test
    void anotherStateDirectoryIsAnotherInstance(@TempDir Path otherStateDir) {
        assertThat(InstanceId.claim(stateDir, APP, "proc-host"))
                .isNotEqualTo(InstanceId.claim(otherStateDir, APP, "proc-host"));
    }

    @Test
    void aHostNameIsMadeKeySafeAndAMissingOneNamed() {
        assertThat(InstanceId.claim(stateDir, APP, "Proc Host/1")).matches("proc-host-1-[0-9a-f]{8}");
        assertThat(InstanceId.claim(stateDir, APP + "-2", "")).matches("processor-[0-9a-f]{8}");
    }

    @Test
    void anUnreadableRecordIsReplaced() throws Exception {
        Files.createDirectories(stateDir.resolve(APP));
        Files.writeString(stateDir.resolve(APP).resolve(InstanceId.FILE_NAME), "not an id\n");

        String id = InstanceId.claim(stateDir, APP, "proc-host");

        assertThat(id).matches("proc-host-[0-9a-f]{8}");
        assertThat(InstanceId.claim(stateDir, APP, "proc-host")).isEqualTo(id);
    }
}
