package io.lifestrands.monitor.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the api accepts, each with a role. When none is configured, one full-access token is generated,
 * printed once to standard output and written to the token file with owner-only permissions.
 */
public final class ApiTokens {

    /** What a token may do; {@code OPERATOR} includes everything {@code VIEWER} may. */
    public enum Role { NONE, VIEWER, OPERATOR }

    /** An authenticated caller. */
    public record Caller(String name, Role role) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final List<Entry> entries;

    ApiTokens(SecuritySettings.Auth settings, PrintStream console) {
        List<Entry> list = new ArrayList<>();
        String token = settings.token();
        if (token == null && settings.operatorToken() == null && settings.viewerToken() == null) {
            token = generate(Path.of(settings.tokenFile()), console);
        }
        add(list, token, new Caller("api-token", Role.OPERATOR));
        add(list, settings.operatorToken(), new Caller("operator", Role.OPERATOR));
        add(list, settings.viewerToken(), new Caller("viewer", Role.VIEWER));
        this.entries = List.copyOf(list);
    }

    /** The caller a presented token belongs to; compared in constant time. */
    Optional<Caller> caller(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Entry entry : entries) {
            // no early exit: the time taken does not tell which token came close
            if (MessageDigest.isEqual(entry.token, bytes) && found == null) {
                found = entry.caller;
            }
        }
        return Optional.ofNullable(found);
    }

    private static void add(List<Entry> list, String token, Caller caller) {
        if (token != null) {
            list.add(new Entry(token.getBytes(StandardCharsets.UTF_8), caller));
        }
    }

    private static String generate(Path file, PrintStream console) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(file, token);
        // printed once, on the console only: log files must not hold secrets
        console.println("No MONITOR_API_TOKEN configured; generated API token (also in " + file + "): " + token);
        log.warn("No MONITOR_API_TOKEN configured; a generated token was printed to the console and written to {}",
                file);
        return token;
    }

    private static void write(Path file, String token) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException("token file " + file + " appeared while being replaced", e);
            }
            Files.writeString(file, token + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the generated token to " + file, e);
        }
    }

    private record Entry(byte[] token, Caller caller) {
    }
}
