package io.ringkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueParsingTest {
    @Test
    void sizesUseBinaryMultipliersLikeXmx() {
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("64K").bytes()).isEqualTo(64 * 1024);
        assertThat(DataSize.parse("4G").bytes()).isEqualTo(4L << 30);
        assertThat(DataSize.parse("1MiB").bytes()).isEqualTo(1 << 20);
        assertThat(DataSize.parse("2gb").bytes()).isEqualTo(2L << 30);
        assertThat(DataSize.parse("1T").bytes()).isEqualTo(1L << 40);
    }

    @Test
    void sizesPrintInTheFormTheyAreRead() {
        for (String s : new String[] {"4G", "1536M", "100", "3K"}) {
            assertThat(DataSize.parse(s).toString()).isEqualTo(s);
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> DataSize.parse("4X")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> DataSize.parse("-1G")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> DataSize.parse("99999999999T")).hasMessageContaining("too large");
        assertThatThrownBy(() -> DataSize.parse("5ib")).hasMessageContaining("is not a size");
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Durations.parse("30")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("PT30S")).hasMessageContaining("is not a duration");
    }

    @Test
    void durationsPrintInTheLargestWholeUnit() {
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void addressesAreLiteralsNeverLookedUp() {
        assertThat(Addresses.isLoopback("127.0.0.2")).isTrue();
        assertThat(Addresses.isLoopback("::1")).isTrue();
        assertThat(Addresses.isLoopback("0.0.0.0")).isFalse();
        assertThat(Addresses.isLoopback("10.1.2.3")).isFalse();
        assertThatThrownBy(() -> Addresses.parseLiteral("localhost")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Addresses.parseLiteral("1.2.3")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Addresses.parseLiteral("example.com")).hasMessageContaining("is not an IP address");
    }
}
