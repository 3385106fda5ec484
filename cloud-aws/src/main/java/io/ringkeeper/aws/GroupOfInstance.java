package io.ringkeeper.aws;

import io.ringkeeper.cloud.CloudException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;

/** Which Auto Scaling group an instance belongs to, asked of Auto Scaling (DescribeAutoScalingInstances). */
@Singleton
public class GroupOfInstance {
    private final Provider<AwsApis> apis;

    @Inject
    GroupOfInstance(Provider<AwsApis> apis) {
        this.apis = apis;
    }

    Optional<String> groupOf(String instanceId, String region) {
        try {
            return apis.get().autoScaling(Region.of(region)).describeAutoScalingInstances(b -> b.instanceIds(instanceId))
                    .autoScalingInstances().stream().findFirst().map(AutoScalingInstanceDetails::autoScalingGroupName);
        } catch (SdkException e) {
            throw new CloudException("Auto Scaling DescribeAutoScalingInstances for " + instanceId + " failed: "
                    + e.getMessage() + "; allow autoscaling:DescribeAutoScalingInstances (docs/aws.md) or enable "
                    + "instance tags in metadata", e);
        }
    }
}
