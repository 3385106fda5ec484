package io.ringkeeper.aws;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ringkeeper.cloud.CloudProvider;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.InstanceIdentity;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.daemon.Services;
import java.time.Clock;

/**
 * {@code cloud: aws}: identity from IMDSv2, membership from Auto Scaling, objects in S3, Auto Scaling
 * lifecycle hooks. Building the module and the injector does no I/O; clients are built on first use.
 */
public final class AwsCloudProvider implements CloudProvider<AwsSettings> {

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Class<AwsSettings> settingsType() {
        return AwsSettings.class;
    }

    @Override
    public String defaultsResource() {
        return "io/ringkeeper/aws/defaults.yaml";
    }

    @Override
    public Module module(AwsSettings settings) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(AwsSettings.class).toInstance(settings);
                bind(Clock.class).annotatedWith(AwsClock.class).toInstance(Clock.systemUTC());
                bind(InstanceIdentity.class).to(ImdsIdentity.class);
                bind(GroupMembership.class).to(AutoScalingMembership.class);
                bind(LifecycleHooks.class).to(AwsLifecycleHooks.class);
                Services.bind(binder()).addBinding().to(AwsShutdown.class);
            }

            @Provides
            @Singleton
            AutoScalingMembership membership(AwsApis apis, ImdsIdentity identity, @AwsClock Clock clock) {
                return new AutoScalingMembership(apis, settings, identity, clock);
            }

            @Provides
            @Singleton
            ObjectStore objectStore(AwsApis apis) {
                return new S3ObjectStore(apis::s3, settings.s3());
            }

            @Provides
            @Singleton
            S3ObjectStore s3Store(ObjectStore store) {
                return (S3ObjectStore) store;
            }
        };
    }
}
