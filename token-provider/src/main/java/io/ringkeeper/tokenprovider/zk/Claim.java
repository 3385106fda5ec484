package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.Optional;

/**
 * The slot this node holds, and what the daemon must do with it.
 *
 * @param dc          the data centre
 * @param slot        the slot number in {@code layout}
 * @param entry       the slot as written (record and znode version)
 * @param outcome     new, re-claimed or taken over
 * @param genesisSeed true when the DC has no NORMAL node yet and this slot is the first slot of its rack: the node
 *                    starts as a seed, without the bootstrap lock
 * @param layout      the DC's layout as recorded in ZooKeeper (may differ in ring size from the local config)
 */
public record Claim(String dc, int slot, SlotEntry entry, Outcome outcome, boolean genesisSeed, RingLayout layout) {

    /** The value of {@code initial_token} in cassandra.yaml: the tokens, comma separated. */
    public String initialToken() {
        return String.join(",", entry.record().tokens());
    }

    /** {@code num_tokens} in cassandra.yaml: must match the number of tokens. */
    public int numTokens() {
        return entry.record().tokens().size();
    }

    /** The address to pass as {@code -Dcassandra.replace_address_first_boot}, when this node replaces another. */
    public Optional<String> replaceAddress() {
        return Optional.ofNullable(entry.record().replacesAddress());
    }

    public SlotState state() {
        return entry.record().state();
    }
}
