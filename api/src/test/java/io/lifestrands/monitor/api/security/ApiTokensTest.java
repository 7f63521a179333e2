package io.lifestrands.monitor.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokensTest {

    @TempDir
    Path dir;

    @Test
    void generatesATokenWhenNoneIsConfiguredPrintsItOnceAndWritesItOwnerOnly() throws Exception {
        Path file = dir.resolve("sub/api-token");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ApiTokens tokens = new ApiTokens(new SecuritySettings.Auth(null, null, null, List.of(), file.toString()),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        String token = Files.readString(file).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed.split(token, -1)).hasSize(2);
        assertThat(tokens.caller(token)).hasValueSatisfying(
                caller -> assertThat(caller.role()).isEqualTo(ApiTokens.Role.OPERATOR));
        assertThat(tokens.caller(token + "x")).isEmpty();
    }

    @Test
    void aRestartKeepsTheGeneratedTokenAndDoesNotPrintItAgain() throws Exception {
        Path file = dir.resolve("api-token");
        SecuritySettings.Auth auth = new SecuritySettings.Auth(null, null, null, List.of(), file.toString());
        new ApiTokens(auth, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String first = Files.readString(file).trim();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ApiTokens restarted = new ApiTokens(auth, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(restarted.caller(first)).isPresent();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(file.toString()).doesNotContain(first);
    }

    @Test
    void aTokenFileOthersCanReadOrThatHoldsNoTokenIsReplaced() throws Exception {
        Path file = dir.resolve("api-token");
        Files.writeString(file, "exposed-token-0123456789\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecuritySettings.Auth auth = new SecuritySettings.Auth(null, null, null, List.of(), file.toString());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        ApiTokens tokens = new ApiTokens(auth, quiet);

        assertThat(tokens.caller("exposed-token-0123456789")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "short\n");
        assertThat(new ApiTokens(auth, quiet).caller("short")).isEmpty();
        assertThat(Files.readString(file).trim()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void configuredTokensAreUsedAndNothingIsGenerated() {
        Path file = dir.resolve("api-token");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ApiTokens tokens = new ApiTokens(new SecuritySettings.Auth(null, null, "viewer-token-0123456789", List.of(),
                file.toString()), new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(file).doesNotExist();
        assertThat(console.size()).isZero();
        assertThat(tokens.caller("viewer-token-0123456789")).hasValueSatisfying(
                caller -> assertThat(caller.role()).isEqualTo(ApiTokens.Role.VIEWER));
    }

    @Test
    void publicReadsAreConfigurableAndNeverCoverMutationsOrDebug() {
        AccessPolicy policy = new AccessPolicy(List.of("/health/**", "/debug/**", "/alerts/**"));

        assertThat(policy.required("GET", "/health/gateway")).isEqualTo(ApiTokens.Role.NONE);
        assertThat(policy.required("GET", "/metrics")).isEqualTo(ApiTokens.Role.VIEWER);
        assertThat(policy.required("GET", "/debug/monitor-health")).isEqualTo(ApiTokens.Role.OPERATOR);
        assertThat(policy.required("GET", "/DEBUG/monitor-health")).isEqualTo(ApiTokens.Role.OPERATOR);
        assertThat(policy.required("GET", "/alerts/config")).isEqualTo(ApiTokens.Role.OPERATOR);
        assertThat(policy.required("POST", "/health/anything")).isEqualTo(ApiTokens.Role.OPERATOR);
        assertThat(policy.required("GET", "/alerts/history")).isEqualTo(ApiTokens.Role.NONE);
    }
}
