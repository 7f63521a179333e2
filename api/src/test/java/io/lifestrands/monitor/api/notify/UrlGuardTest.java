package io.lifestrands.monitor.api.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** S4: webhook URLs into the api's own network are refused unless an operator allowed the host. */
class UrlGuardTest {

    // no DNS in tests: names resolve through this table only
    private final UrlGuard guard = new UrlGuard(List.of("127.0.0.1:9999", "relay.internal"), host -> switch (host) {
        case "hooks.example.com" -> new InetAddress[]{InetAddress.getByName("93.184.216.34")};
        case "rebind.example.com" -> new InetAddress[]{InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("10.1.2.3")};
        case "relay.internal" -> new InetAddress[]{InetAddress.getByName("10.0.0.5")};
        default -> {
            if (host.matches("[0-9.]+|.*:.*")) {
                yield InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
    });

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://127.0.0.1/hook", "http://[::1]/x", "http://0.0.0.0/",
            "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
            "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
            "http://224.0.0.1/", "http://rebind.example.com/hook"})
    void refusesLoopbackLinkLocalAndPrivateAddresses(String url) {
        assertThat(guard.problem(url)).get().asString().contains("loopback, link-local or private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://hooks.example.com/", "gopher://hooks.example.com/",
            "jar:file:/x.jar!/", "hooks.example.com/no-scheme"})
    void refusesSchemesOtherThanHttp(String url) {
        assertThat(guard.problem(url)).get().asString().containsAnyOf("scheme", "must name a host");
    }

    @Test
    void refusesUnresolvableHostsAndGarbage() {
        assertThat(guard.problem("http://nowhere.invalid/")).get().asString().contains("does not resolve");
        assertThat(guard.problem("http://exa mple.com/")).get().asString().contains("valid");
    }

    @Test
    void acceptsPublicHostsAndOperatorAllowedOnes() {
        assertThat(guard.problem("https://hooks.example.com/services/T000/B000/XXXX")).isEmpty();
        assertThat(guard.problem("http://127.0.0.1:9999/hook")).isEmpty();
        assertThat(guard.problem("https://relay.internal/alerts")).isEmpty();
        assertThat(guard.problem(null)).isEmpty();
    }

    @Test
    void allowingOnePortDoesNotAllowTheHostsOtherPorts() {
        assertThat(guard.problem("http://127.0.0.1:9998/hook")).isPresent();
    }

    @Test
    void reasonNeverQuotesPathOrQuery() {
        assertThat(guard.problem("http://10.0.0.1/services/SECRET-PATH?token=SECRET-TOKEN")).get().asString()
                .doesNotContain("SECRET");
    }
}
