package io.lifestrands.monitor.processor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The stable id of a processor instance, its key on the heartbeat topic: {@code <host>-<8 hex digits>}, made at the
 * first start and kept in {@code <state.dir>/<application.id>/instance-id} beside the stores (which
 * {@code KafkaStreams#cleanUp()} leaves alone). A restarted instance keeps its key, so the compacted topic holds one
 * record per instance, not one per start; two instances never share a state directory, so never an id.
 */
final class InstanceId {

    static final String FILE_NAME = "instance-id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    private static final int MAX_HOST = 64;

    private InstanceId() {
    }

    /**
     * The id recorded for this application in {@code stateDir}; a new one from {@code host} when none (or no valid
     * one) is recorded.
     *
     * @throws IllegalStateException when the file cannot be read or written
     */
    static String claim(Path stateDir, String applicationId, String host) {
        Path directory = stateDir.resolve(applicationId);
        Path file = directory.resolve(FILE_NAME);
        try {
            String recorded = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (VALID.matcher(recorded).matches()) {
                return recorded;
            }
        } catch (NoSuchFileException e) {
            // first start in this directory
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        String id = hostPart(host) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot record instance id " + id + " in " + file + ": "
                    + e.getMessage(), e);
        }
        return id;
    }

    /** This machine's host name, or {@code processor} when the resolver has none. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "processor";
        }
    }

    private static String hostPart(String host) {
        String part = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.\\-]", "-");
        part = part.length() > MAX_HOST ? part.substring(0, MAX_HOST) : part;
        return part.isEmpty() ? "processor" : part;
    }
}
