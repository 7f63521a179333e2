package io.lifestrands.monitor.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A benchmark that cannot run says why and ends with a non-zero code, instead of throwing out of main and hanging. */
class BenchExitTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void withoutABenchmarkTheUsageIsPrintedAndTheCodeIs2() {
        assertThat(Bench.exitCode(new String[0], stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: Bench");
    }

    @Test
    void aParameterThatIsNotKeyValueIsAWrongCommandLine() {
        assertThat(Bench.exitCode(new String[] {"p3", "minutes"}, stream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parameters are key=value, was 'minutes'");
    }

    @Test
    void aBenchmarkThatCannotRunEndsWith1AndItsReason() {
        assertThat(Bench.exitCode(new String[] {"p10"}, stream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Benchmark p10 failed").contains("was 'p10'");

        err.reset();
        assertThat(Bench.exitCode(new String[] {"p3", "minutes=many"}, stream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Benchmark p3 failed").contains("many");
    }
}
