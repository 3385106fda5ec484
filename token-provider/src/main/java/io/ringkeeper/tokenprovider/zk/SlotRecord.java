package io.ringkeeper.tokenprovider.zk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The JSON held in {@code /ringkeeper/<cluster>/tokens/<dc>/<slot>}. The tokens stored here are the truth for the
 * slot: they are written once, when the slot is first claimed, and never recomputed (not even when the ring
 * doubles and the slot is renumbered).
 *
 * @param tokens          the slot's tokens as decimal strings, in ring order (what {@code initial_token} takes)
 * @param instanceId      the cloud instance that holds the slot
 * @param address         the address Cassandra of that instance listens on
 * @param rack            the rack of the slot (always the rack the layout gives it)
 * @param state           how far the holder is in joining
 * @param updatedAt       ISO-8601 instant of the last write
 * @param replacesAddress while the holder has not reached NORMAL: the address of the node it replaces (its
 *                        {@code replace_address_first_boot}); null when it joins as a new node
 * @param startedAsSeed   while the holder has not reached NORMAL: it started as a genesis seed ({@link GenesisSeeds}),
 *                        so it stays in the seed lists until it is NORMAL, even once another slot of the DC is
 *                        NORMAL (cleared when it becomes NORMAL)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlotRecord(List<String> tokens, String instanceId, String address, String rack, SlotState state,
                         String updatedAt, String replacesAddress,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean startedAsSeed) {
    public SlotRecord {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new record, not started yet. */
    public SlotRecord(List<String> tokens, String instanceId, String address, String rack, SlotState state, String updatedAt,
                      String replacesAddress) {
        this(tokens, instanceId, address, rack, state, updatedAt, replacesAddress, false);
    }

    SlotRecord withState(SlotState next, String now, boolean asSeed) {
        boolean normal = next == SlotState.NORMAL;
        return new SlotRecord(tokens, instanceId, address, rack, next, now, normal ? null : replacesAddress,
                !normal && (asSeed || startedAsSeed));
    }

    SlotRecord withAddress(String newAddress, String now) {
        return new SlotRecord(tokens, instanceId, newAddress, rack, state, now, replacesAddress, startedAsSeed);
    }
}
