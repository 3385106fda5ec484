package io.ringkeeper.tokens;

import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;
import java.util.List;

/**
 * The {@code tokens:} section: how token slots are laid out when ZooKeeper hands them out
 * ({@code zookeeper.connect} set). See docs/tokens-and-seeds.md.
 *
 * @param ringSize             slots per DC: the planned maximum number of nodes per DC (can later double
 *                             without moving a token)
 * @param numTokens            tokens per node, evenly interleaved
 * @param racks                the DC's racks in ring order, the same list on every node; empty means the
 *                             racks of the group's current members, sorted
 * @param bootstrapLockTimeout how long a joining node waits for its DC's bootstrap lock
 */
public record TokensConfig(int ringSize, int numTokens, List<String> racks, Duration bootstrapLockTimeout) {
    public TokensConfig {
        if (ringSize < 1 || ringSize > 100_000) {
            throw new InvalidConfigValue("ring_size", ringSize + " is out of range; use the planned maximum nodes per DC, 1-100000");
        }
        if (numTokens < 1 || numTokens > 256) {
            throw new InvalidConfigValue("num_tokens", numTokens + " is out of range; use 1-256 (1 is the default)");
        }
        racks = racks == null ? List.of() : List.copyOf(racks);
        if (racks.stream().distinct().count() != racks.size()) {
            throw new InvalidConfigValue("racks", racks + " lists a rack twice");
        }
        Durations.Range.of("1s", "7d", "30m").check("bootstrap_lock_timeout", bootstrapLockTimeout);
    }
}
