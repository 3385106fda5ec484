package io.ringkeeper.tokenprovider.zk;

import java.util.Optional;

/**
 * Whether a slot whose owner the cloud reports as gone may be taken over, and with which
 * {@code replace_address_first_boot}. Pure: the registry calls it only for owners absent from the cloud group
 * (an owner still in the group is never a candidate).
 *
 * <p>The address put to gossip is the one that would be replaced: the owner's own address when it reached
 * NORMAL, else the address the owner was itself replacing (so a replacement that died mid-way is replaced
 * against the original node, not against itself), else the owner's address.
 *
 * <table>
 *   <tr><th>owner state</th><th>gossip</th><th>decision</th></tr>
 *   <tr><td>any</td><td>UP</td><td>refuse: the cloud and gossip disagree</td></tr>
 *   <tr><td>CLAIMED</td><td>DOWN, ABSENT, UNKNOWN</td><td>take over; replace what the owner was replacing, if anything
 *       (CLAIMED means Cassandra was never started with these tokens, so gossip has nothing to confirm)</td></tr>
 *   <tr><td>BOOTSTRAPPING, NORMAL</td><td>DOWN</td><td>take over; replace the address asked about when the owner
 *       was NORMAL or was itself replacing; else join as a new node with the same tokens</td></tr>
 *   <tr><td>BOOTSTRAPPING, NORMAL</td><td>ABSENT</td><td>take over; no replace address (live peers do not know the
 *       node, its tokens are not in the ring, and Cassandra refuses to replace an address gossip does not know)</td></tr>
 *   <tr><td>BOOTSTRAPPING, NORMAL</td><td>UNKNOWN</td><td>refuse: nobody could confirm the death</td></tr>
 * </table>
 */
public final class ReplacementDecision {
    private ReplacementDecision() {
    }

    /** The outcome for one candidate slot. */
    public record Verdict(boolean takeOver, Optional<String> replaceAddress, String reason) {
    }

    public static String addressToConfirm(SlotRecord owner) {
        if (owner.state() == SlotState.NORMAL) {
            return owner.address();
        }
        return owner.replacesAddress() != null ? owner.replacesAddress() : owner.address();
    }

    public static Verdict decide(SlotRecord owner, Liveness gossip) {
        String target = addressToConfirm(owner);
        if (gossip == Liveness.UP) {
            return new Verdict(false, Optional.empty(), "the cloud says instance " + owner.instanceId()
                    + " is gone but live peers see " + target + " UP");
        }
        if (owner.state() == SlotState.CLAIMED) {
            return new Verdict(true, Optional.ofNullable(owner.replacesAddress()),
                    "owner never started Cassandra with these tokens");
        }
        return switch (gossip) {
            case DOWN -> {
                boolean replace = owner.state() == SlotState.NORMAL || owner.replacesAddress() != null;
                yield new Verdict(true, replace ? Optional.of(target) : Optional.empty(), "live peers see " + target + " DOWN");
            }
            case ABSENT -> new Verdict(true, Optional.empty(), "live peers do not know " + target);
            default -> new Verdict(false, Optional.empty(), "the cloud says instance " + owner.instanceId()
                    + " is gone but no live peer could confirm that " + target + " is down");
        };
    }
}
