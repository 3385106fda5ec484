package io.ringkeeper.tokenprovider.zk;

/**
 * The index entry {@code token-owners/<dc>/<instanceId>}: which slot the instance holds, numbered in a ring of
 * {@code ringSize} slots. After the ring doubles k times the slot is {@code slot * 2^k}; the index is never
 * rewritten. The slot record stays the truth: an index entry whose slot names another instance is stale.
 */
record OwnerIndex(int slot, int ringSize) {
    int slotIn(int currentRingSize) {
        return Math.multiplyExact(slot, currentRingSize / ringSize);
    }
}
