package io.ringkeeper.cloud;

import java.time.Instant;

/** What an object store says about one stored object. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
