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
 * printed once to standard output and written to the token file with owner-only permissions; later starts reuse the
 * token in that file, so saved tokens (scripts, amtool configs, browser sessions) keep working across restarts. A
 * token file that others may read, or that holds no usable token, is replaced by a new token.
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
            Path file = Path.of(settings.tokenFile());
            token = kept(file, console).orElseGet(() -> generate(file, console));
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

    /** The token an earlier start generated, when its file is still private to the owner and holds one. */
    private static Optional<String> kept(Path file, PrintStream console) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions)) {
                    log.warn("Token file {} is readable by others ({}); generating a new token",
                            file, PosixFilePermissions.toString(permissions));
                    return Optional.empty();
                }
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions on this file system: nothing to check
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.length() < SecuritySettings.MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
                log.warn("Token file {} holds no usable token; generating a new one", file);
                return Optional.empty();
            }
            console.println("No MONITOR_API_TOKEN configured; using the API token generated earlier, in " + file);
            log.info("No MONITOR_API_TOKEN configured; using the token kept in {}", file);
            return Optional.of(token);
        } catch (IOException e) {
            log.warn("Could not read token file {} ({}); generating a new token", file, e.toString());
            return Optional.empty();
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
