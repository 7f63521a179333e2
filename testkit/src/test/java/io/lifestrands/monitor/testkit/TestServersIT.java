package io.lifestrands.monitor.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestServersIT {

    @Test
    void kafkaBrokerCreatesAndListsTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers()))) {

            admin.createTopics(List.of(new NewTopic("testkit-probe", 2, (short) 1))).all().get();

            assertThat(admin.listTopics().names().get()).contains("testkit-probe");
        }
    }

    @Test
    void postgresAnswersQueriesInItsOwnDatabase() throws Exception {
        EmbeddedPostgresServer pg = TestServers.postgres();
        String db = pg.createDatabase("testkit_probe");

        try (var connection = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
             ResultSet rs = connection.createStatement().executeQuery("select current_database(), version()")) {
            rs.next();

            assertThat(rs.getString(1)).isEqualTo("testkit_probe");
            assertThat(rs.getString(2)).startsWith("PostgreSQL");
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", TestServers.redis().port());
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.US_ASCII))) {
            out.print("PING\r\n");
            out.flush();

            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void serversAreSharedWithinTheJvm() {
        assertThat(TestServers.kafka()).isSameAs(TestServers.kafka());
        assertThat(TestServers.redis()).isSameAs(TestServers.redis());
    }
}
