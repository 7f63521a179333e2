package io.lifestrands.monitor.api.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void parsesTheSeedForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://monitor:s3cret@db.local:6543/history", null, null);

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.local:6543/history", "monitor", "s3cret"));
    }

    @Test
    void defaultsThePortAndKeepsQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@localhost/monitor?sslmode=require", null, null);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/monitor?sslmode=require");
    }

    @Test
    void acceptsJdbcFormWithSeparateCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/monitor", "app", "pw");

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost:5432/monitor", "app", "pw"));
    }

    @Test
    void credentialsInTheUrlWinOverSeparateOnes() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://a:b@localhost:5432/monitor", "app", "pw");

        assertThat(url.user()).isEqualTo("a");
        assertThat(url.password()).isEqualTo("b");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/monitor");
    }

    @Test
    void decodesPercentEncodedPasswordsButKeepsPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p%40ss+word@localhost:5432/db", null, null);

        assertThat(url.password()).isEqualTo("p@ss+word");
    }

    @Test
    void passesMultiHostJdbcUrlsThrough() {
        String multiHost = "jdbc:postgresql://host1:5432,host2:5432/db?targetServerType=primary";

        DatabaseUrl url = DatabaseUrl.parse(multiHost, "u", null);

        assertThat(url.jdbcUrl()).isEqualTo(multiHost);
    }

    @Test
    void rejectsOtherSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@localhost/db", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void toStringMasksThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:topsecret@localhost/db", null, null);

        assertThat(url.toString()).doesNotContain("topsecret");
    }
}
