package io.lifestrands.monitor.standalone;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Chromium and its chromedriver installed on this machine: {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} when
 * set, else the first of the usual names on the {@code PATH}. Browser tests are skipped with one line saying how to
 * enable them when none is installed, unless {@code -Dmonitor.browser.required=true} (CI) turns that into a failure.
 */
record LocalChromium(Path browser, Path driver) {

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final String HOW = "install them with: apt-get install -y chromium chromium-driver"
            + " (or set CHROMIUM_BIN and CHROMEDRIVER_BIN)";

    static LocalChromium findOrSkip() {
        Optional<Path> browser = find("CHROMIUM_BIN", BROWSERS);
        Optional<Path> driver = find("CHROMEDRIVER_BIN", List.of("chromedriver"));
        if (browser.isPresent() && driver.isPresent()) {
            return new LocalChromium(browser.get(), driver.get());
        }
        String missing = (browser.isEmpty() ? "Chromium" : "") + (browser.isEmpty() && driver.isEmpty() ? " and " : "")
                + (driver.isEmpty() ? "chromedriver" : "");
        String message = "Browser test skipped: no " + missing + " on this machine; " + HOW;
        if (Boolean.getBoolean("monitor.browser.required")) {
            throw new IllegalStateException(message.replace("skipped", "required (monitor.browser.required)"));
        }
        System.err.println(message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> find(String variable, List<String> names) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        return names.stream()
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
