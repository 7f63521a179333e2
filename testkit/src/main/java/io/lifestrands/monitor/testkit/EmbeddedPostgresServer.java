package io.lifestrands.monitor.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real PostgreSQL server from the binaries shipped in Maven artifacts (io.zonky.test). */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server with a fresh data directory.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(int port) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setPort(port > 0 ? port : Ports.free())
                    .setCleanDataDirectory(true)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Starts a server on {@code dataDir}, running initdb only when the directory holds no cluster yet, and keeps the
     * data on close. A server left running on that directory by a killed JVM is stopped first.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedPostgresServer open(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            stopLeftover(dataDir);
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setPort(port > 0 ? port : Ports.free())
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on " + dataDir, e);
        }
    }

    /**
     * The postmaster of a JVM killed with SIGKILL outlives it and keeps the data directory locked: end it, as a
     * clean shutdown would have, before starting a new one. Its pid is the first line of {@code postmaster.pid}.
     */
    private static void stopLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (leftover.isPresent()) {
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", leftover.get().pid(),
                    dataDir);
            leftover.get().destroy();
            try {
                leftover.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the leftover PostgreSQL", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the PostgreSQL left running on " + dataDir + " (pid "
                        + leftover.get().pid() + ") did not stop within 30 s", e);
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** JDBC URL of the default {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** {@code postgresql://user:pass@host:port/postgres}, the form of {@code DATABASE_URL}. */
    public String databaseUrl() {
        return databaseUrl("postgres");
    }

    public String databaseUrl(String database) {
        return "postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port() + "/" + database;
    }

    /**
     * Creates a database if it does not exist yet and returns its name.
     *
     * @throws IllegalArgumentException when the name is not a plain lower-case identifier
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be a lower-case identifier, was " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
