package io.ringkeeper.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedsJsonTest {
    @Test
    void readsTheSeedsArrayAndIgnoresScalarFields() {
        assertThat(SeedsJson.parse(" {\"dc\":\"us-east-1\",\"seeds\":[\"10.0.0.1\" , \"[2001:db8::1]:7000\"],\"n\":2,\"ok\":true,\"x\":null} "))
                .containsExactly("10.0.0.1", "[2001:db8::1]:7000");
        assertThat(SeedsJson.parse("{\"seeds\":[]}")).isEmpty();
        assertThat(SeedsJson.parse("{\"seeds\":[\"a\\u0062\\\"c\"]}")).containsExactly("ab\"c");
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"", "[]", "{}", "{\"seeds\":\"10.0.0.1\"}", "{\"seeds\":[1]}",
                "{\"seeds\":[\"a\"]} x", "{\"seeds\":[\"a\"", "{\"other\":{\"nested\":1},\"seeds\":[\"a\"]}"}) {
            assertThatThrownBy(() -> SeedsJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
