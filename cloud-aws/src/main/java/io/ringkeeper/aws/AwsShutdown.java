package io.ringkeeper.aws;

import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Closes the AWS clients and the S3 transfer threads when the daemon stops. */
@Singleton
final class AwsShutdown implements Service {
    private final AwsApis apis;
    private final Imds imds;
    private final S3ObjectStore store;

    @Inject
    AwsShutdown(AwsApis apis, Imds imds, S3ObjectStore store) {
        this.apis = apis;
        this.imds = imds;
        this.store = store;
    }

    @Override
    public String name() {
        return "aws-clients";
    }

    @Override
    public Phase phase() {
        return Phase.INFRASTRUCTURE;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        store.close();
        imds.close();
        apis.close();
    }
}
