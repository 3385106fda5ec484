package io.ringkeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.tokenprovider.zk.TokenRegistryException;
import io.ringkeeper.tokenprovider.zk.TokenRegistryException.Reason;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

class ErrorMapTest {
    private static Response answer(Throwable e) {
        return new UnexpectedExceptionMapper().toResponse(e);
    }

    private static ApiError error(Response r) {
        return (ApiError) r.getEntity();
    }

    @Test
    void aZooKeeperOutageIsA503EvenWhenWrapped() {
        Response r = answer(new CompletionException(new KeeperException.ConnectionLossException()));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(error(r).error()).isEqualTo("zookeeper_unavailable");
        assertThat(error(r).message()).contains("try again");

        assertThat(answer(new TokenRegistryException(Reason.ZOOKEEPER_UNAVAILABLE, "no answer in 30s")).getStatus()).isEqualTo(503);
    }

    @Test
    void everyRegistryReasonHasItsOwnStatusAndNoneIsA500() {
        for (Reason reason : Reason.values()) {
            Response r = answer(new TokenRegistryException(reason, "what happened"));
            int expected = switch (reason) {
                case ZOOKEEPER_UNAVAILABLE, LOCK_TIMEOUT -> 503;
                case LAYOUT_MISMATCH -> 422;
                default -> 409;
            };
            assertThat(r.getStatus()).as(reason.name()).isEqualTo(expected);
            assertThat(error(r).message()).as(reason.name()).contains("what happened");
        }
        assertThat(error(answer(new TokenRegistryException(Reason.RACK_FULL, "full"))).details()).containsEntry("reason", "RACK_FULL");
    }

    @Test
    void aBadArgumentIsA400WithItsMessage() {
        Response r = answer(new IllegalArgumentException("limit must be between 1 and 1000"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(error(r).message()).isEqualTo("limit must be between 1 and 1000");
    }

    @Test
    void aCloudFailureIsA503() {
        Response r = answer(new CloudException("DescribeInstances failed after 3 attempts"));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(error(r).error()).isEqualTo("cloud_unavailable");
    }

    @Test
    void whatIsNotMappedIsA500WithAnIncidentId() {
        Response r = answer(new UncheckedIOException(new java.io.IOException("disk gone")));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(error(r).details()).containsKey("incident");
        assertThat(ErrorMap.translate(new IllegalStateException("bug"))).isEmpty();
    }
}
