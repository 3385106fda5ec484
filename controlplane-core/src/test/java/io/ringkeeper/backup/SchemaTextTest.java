package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaTextTest {
    @Test
    void aSnapshotsSchemaSplitsIntoStatementsAtSemicolonsOutsideQuotesAndComments() {
        String cql = """
                CREATE TYPE IF NOT EXISTS shop.addr (street text);
                CREATE TABLE IF NOT EXISTS shop.orders (
                    id int PRIMARY KEY,
                    "odd;name" text
                ) WITH ID = 5a1c395e-b41f-11e5-9f22-ba0be0483c18
                    AND comment = 'it''s; fine'
                    AND extensions = {};
                -- a comment; not a statement
                ALTER TABLE shop.orders DROP gone USING TIMESTAMP 1700000000000000;
                """;
        assertThat(SchemaText.statements(cql)).hasSize(3).satisfies(s -> {
            assertThat(s.get(0)).startsWith("CREATE TYPE");
            assertThat(s.get(1)).contains("\"odd;name\"").contains("'it''s; fine'").endsWith("extensions = {}");
            assertThat(s.get(2)).startsWith("ALTER TABLE shop.orders DROP gone");
        });
    }
}
