package io.ringkeeper.http;

import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.tokenprovider.zk.TokenRegistryException;
import java.util.Map;
import java.util.Optional;
import org.apache.zookeeper.KeeperException;

/**
 * The one map from what went wrong in the daemon to the HTTP answer, so a resource throws its domain's exception and
 * never builds a status by hand. What is not here is a bug, answered 500 with an incident id by
 * {@link UnexpectedExceptionMapper}. The cause chain is searched, so a wrapped ZooKeeper outage is still a 503.
 */
public final class ErrorMap {
    private ErrorMap() {
    }

    /** The answer for {@code e}, or empty when it is unexpected. */
    public static Optional<ApiException> translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Optional<ApiException> mapped = one(t);
            if (mapped.isPresent()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    private static Optional<ApiException> one(Throwable t) {
        if (t instanceof ApiException api) {
            return Optional.of(api);
        }
        if (t instanceof TokenRegistryException r) {
            return Optional.of(registry(r));
        }
        if (t instanceof KeeperException.ConnectionLossException || t instanceof KeeperException.SessionExpiredException
                || t instanceof KeeperException.OperationTimeoutException) {
            return Optional.of(zooKeeperUnavailable(t.getMessage()));
        }
        if (t instanceof CloudException) {
            return Optional.of(ApiException.unavailable("cloud_unavailable", t.getMessage(), Map.of()));
        }
        if (t instanceof io.ringkeeper.cloud.NodeIdentity.NotKnown) {
            return Optional.of(ApiException.unavailable("cloud_unavailable", t.getMessage(), Map.of()));
        }
        if (t instanceof io.ringkeeper.cloud.ObjectStore.NotConfigured) {
            return Optional.of(ApiException.unavailable("object_store_not_configured", t.getMessage(), Map.of()));
        }
        if (t instanceof IllegalArgumentException) {
            return Optional.of(ApiException.badRequest(t.getMessage()));
        }
        return Optional.empty();
    }

    private static ApiException registry(TokenRegistryException e) {
        Map<String, Object> details = Map.of("reason", e.reason().name());
        return switch (e.reason()) {
            case ZOOKEEPER_UNAVAILABLE -> zooKeeperUnavailable(e.getMessage());
            case LOCK_TIMEOUT -> ApiException.unavailable("lock_timeout", e.getMessage() + "; try again later", details);
            case LAYOUT_MISMATCH -> ApiException.unprocessable(e.getMessage(), details);
            case RACK_FULL, REPLACEMENT_REFUSED, NOT_OWNER, INVALID_TRANSITION -> ApiException.conflict(e.getMessage(), details);
            case CONTENDED -> ApiException.conflict(e.getMessage() + "; retrying is safe", details);
        };
    }

    private static ApiException zooKeeperUnavailable(String why) {
        return ApiException.unavailable("zookeeper_unavailable", "ZooKeeper did not answer (" + why
                + "); the daemon keeps reconnecting: try again shortly, and check zookeeper.connect if it lasts", Map.of());
    }
}
