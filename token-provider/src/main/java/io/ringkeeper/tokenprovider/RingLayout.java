package io.ringkeeper.tokenprovider;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How one data centre's ring is cut into slots, and which rack owns which slot.
 *
 * <p>The ring has {@code ringSize} slots (the planned number of nodes in the DC) and each node holds
 * {@code numTokens} tokens. Tokens live at {@code ringSize * numTokens} evenly spaced positions; slot {@code s}
 * owns positions {@code s, s + ringSize, s + 2*ringSize, ...}, so a node's tokens are spread evenly and every
 * slot owns exactly {@code 1 / ringSize} of the ring. Every token is shifted by the DC's {@link DcOffset}.
 *
 * <p>Racks interleave: in the ring as first laid out ({@code baseRingSize} slots), rack {@code r} owns slots
 * {@code r, r+R, r+2R, ...}, so neighbouring slots sit in different racks.
 *
 * <p>Growing: {@link #doubled()} doubles the slot count without moving a token (slot {@code s} becomes slot
 * {@code 2s} and keeps its tokens; the odd slots are new). A new slot {@code 2s+1} goes to the rack of slot
 * {@code s} plus a shift chosen so that, with an odd number of racks, the whole ring stays a perfect rotation
 * of the racks at every size: rack of slot {@code s} after {@code g} doublings is {@code s * 2^-g mod R}. With an
 * even number of racks (2, 4, ...) that is impossible without moving tokens; the new slots then go to the rack
 * half-way round the rack list, which keeps every rack's share equal but can put two neighbours in one rack.
 *
 * @param ringSize     slots in the ring now
 * @param baseRingSize slots when the DC was first laid out ({@code ringSize = baseRingSize * 2^g})
 * @param racks        the DC's racks, in layout order (rack index = position in this list)
 * @param numTokens    tokens per node ({@code num_tokens}); never changes once a node has joined
 * @param offset       the DC's token shift ({@link DcOffset#of})
 */
public record RingLayout(int ringSize, int baseRingSize, List<String> racks, int numTokens, long offset) {
    /** Positions are capped so the slot spacing (2^64 / positions) stays far above the DC offset. */
    public static final long MAX_POSITIONS = 1L << 30;

    public RingLayout {
        Objects.requireNonNull(racks, "racks");
        racks = List.copyOf(racks);
        if (racks.isEmpty()) {
            throw new IllegalArgumentException("a data centre needs at least one rack");
        }
        if (new HashSet<>(racks).size() != racks.size()) {
            throw new IllegalArgumentException("racks are listed twice in " + racks);
        }
        if (baseRingSize < racks.size() || baseRingSize % racks.size() != 0) {
            throw new IllegalArgumentException("tokens.ring_size " + baseRingSize + " must be a positive multiple of the "
                    + racks.size() + " racks " + racks + " so that every rack owns the same share of the ring");
        }
        if (ringSize < baseRingSize || ringSize % baseRingSize != 0 || Integer.bitCount(ringSize / baseRingSize) != 1) {
            throw new IllegalArgumentException("ring size " + ringSize + " must be the base size " + baseRingSize
                    + " times a power of two");
        }
        if (numTokens < 1) {
            throw new IllegalArgumentException("num_tokens must be at least 1, got " + numTokens);
        }
        if ((long) ringSize * numTokens > MAX_POSITIONS) {
            throw new IllegalArgumentException("ring size " + ringSize + " x num_tokens " + numTokens
                    + " is more than " + MAX_POSITIONS + " token positions");
        }
        if (offset < 0 || offset > (1L << 32) + 1) {
            throw new IllegalArgumentException("DC offset " + offset + " is outside [0, 2^32 + 1]");
        }
    }

    /** The layout a DC starts with: {@code ringSize} slots, rack r owning r, r+R, ...; offset from the DC name. */
    public static RingLayout plan(String dc, int ringSize, List<String> racks, int numTokens) {
        return new RingLayout(ringSize, ringSize, racks, numTokens, DcOffset.of(dc));
    }

    /** The same ring with twice the slots; every existing token keeps its place (slot s becomes 2s). */
    public RingLayout doubled() {
        return new RingLayout(Math.multiplyExact(ringSize, 2), baseRingSize, racks, numTokens, offset);
    }

    /** Where slot {@code slot} of this layout lands after {@link #doubled()}. */
    public static int slotAfterDoubling(int slot) {
        return Math.multiplyExact(slot, 2);
    }

    /** How many times the ring has doubled since it was first laid out. */
    @JsonIgnore
    public int generation() {
        return Integer.numberOfTrailingZeros(ringSize / baseRingSize);
    }

    public int rackIndex(String rack) {
        int index = racks.indexOf(rack);
        if (index < 0) {
            throw new IllegalArgumentException("rack " + rack + " is not one of this DC's racks " + racks);
        }
        return index;
    }

    /** The index (into {@link #racks()}) of the rack that owns {@code slot}. */
    public int rackIndexOf(int slot) {
        checkSlot(slot);
        return rackIndexOf(slot, generation());
    }

    public String rackOf(int slot) {
        return racks.get(rackIndexOf(slot));
    }

    private int rackIndexOf(long slot, int generation) {
        int r = racks.size();
        if (generation == 0) {
            return (int) (slot % r);
        }
        if (slot % 2 == 0) {
            return rackIndexOf(slot / 2, generation - 1);
        }
        return (int) ((rackIndexOf((slot - 1) / 2, generation - 1) + newSlotShift(generation)) % r);
    }

    /** See the class comment: 2^-g mod R for odd R (keeps a rotation), R/2 for even R. */
    private long newSlotShift(int generation) {
        int r = racks.size();
        if (r % 2 == 0) {
            return r / 2;
        }
        long inverseOfTwo = (r + 1) / 2;
        long shift = 1 % r;
        for (int i = 0; i < generation; i++) {
            shift = shift * inverseOfTwo % r;
        }
        return shift;
    }

    /** The slots of a rack, lowest first. */
    public List<Integer> slotsOfRack(int rackIndex) {
        List<Integer> slots = new ArrayList<>();
        for (int s = 0; s < ringSize; s++) {
            if (rackIndexOf(s) == rackIndex) {
                slots.add(s);
            }
        }
        return slots;
    }

    /** The tokens of a slot, in ring order; {@code numTokens} of them, one per {@code ringSize} positions. */
    public List<Long> tokensOf(int slot) {
        checkSlot(slot);
        long positions = (long) ringSize * numTokens;
        List<Long> tokens = new ArrayList<>(numTokens);
        for (int k = 0; k < numTokens; k++) {
            tokens.add(Murmur3Ring.tokenAt(slot + (long) k * ringSize, positions, offset));
        }
        return tokens;
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= ringSize) {
            throw new IllegalArgumentException("slot " + slot + " is outside [0, " + ringSize + ")");
        }
    }
}
