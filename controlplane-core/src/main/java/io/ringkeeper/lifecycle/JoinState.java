package io.ringkeeper.lifecycle;

/** How far a starting node has got joining the ring, as the launch hook needs to know it. */
public enum JoinState {
    /** Starting, bootstrapping or streaming: keep the launch hook held. */
    JOINING,
    /** Cassandra reports NORMAL: the node serves; let the group put it in service. */
    NORMAL,
    /** Bootstrap failed or Cassandra died: let the group replace the instance. */
    FAILED
}
