package io.ringkeeper.aws;

import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The cluster's instances: every instance of the configured Auto Scaling groups (one per AZ as Priam lays
 * them out, or one group spanning AZs) that is not on its way out, with addresses from EC2. Both calls page
 * through the whole answer. One answer is reused for {@code aws.membership_cache_ttl}, so a burst of
 * questions (seeds, token replacement checks) costs one round of API calls.
 */
@Singleton
public final class AutoScalingMembership implements GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(AutoScalingMembership.class);
    /** DescribeInstances takes up to 1,000 ids per call; smaller batches keep each answer modest. */
    private static final int IDS_PER_CALL = 200;

    private final AwsApis apis;
    private final AwsSettings settings;
    private final ImdsIdentity identity;
    private final Clock clock;
    private List<Instance> cached;
    private Instant cachedAt;

    AutoScalingMembership(AwsApis apis, AwsSettings settings, ImdsIdentity identity, Clock clock) {
        this.apis = apis;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public synchronized List<Instance> members() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cachedAt.plus(settings.membershipCacheTtl()))) {
            return cached;
        }
        cached = List.copyOf(describe());
        cachedAt = now;
        return cached;
    }

    private List<String> groups() {
        if (!settings.autoScalingGroups().isEmpty()) {
            return settings.autoScalingGroups();
        }
        String own = identity.self().attributes().get(ImdsIdentity.AUTO_SCALING_GROUP);
        if (own == null) {
            throw new CloudException("this instance is in no Auto Scaling group and aws.auto_scaling_groups is empty; "
                    + "list the cluster's groups in aws.auto_scaling_groups");
        }
        return List.of(own);
    }

    private List<Instance> describe() {
        List<String> groups = groups();
        // instance id -> [group, az, lifecycle state]
        Map<String, String[]> live = new LinkedHashMap<>();
        try {
            List<String> found = new ArrayList<>();
            for (AutoScalingGroup g : apis.autoScaling()
                    .describeAutoScalingGroupsPaginator(b -> b.autoScalingGroupNames(groups)).autoScalingGroups()) {
                found.add(g.autoScalingGroupName());
                for (var i : g.instances()) {
                    String state = i.lifecycleStateAsString();
                    if (isLeaving(state)) {
                        continue;
                    }
                    live.put(i.instanceId(), new String[] {g.autoScalingGroupName(), i.availabilityZone(), state});
                }
            }
            if (found.size() < groups.size()) {
                List<String> missing = new ArrayList<>(groups);
                missing.removeAll(found);
                throw new CloudException("Auto Scaling knows no group named " + missing + " in " + apis.region()
                        + "; check aws.auto_scaling_groups and aws.region");
            }
        } catch (SdkException e) {
            throw new CloudException("Auto Scaling DescribeAutoScalingGroups for " + groups + " failed: " + e.getMessage()
                    + "; check the IAM policy (docs/aws.md) and aws.region", e);
        }
        Map<String, software.amazon.awssdk.services.ec2.model.Instance> described = describeInstances(new ArrayList<>(live.keySet()));
        String region = apis.region().id();
        List<Instance> out = new ArrayList<>();
        for (var e : live.entrySet()) {
            var ec2 = described.get(e.getKey());
            if (ec2 == null || ec2.privateIpAddress() == null) {
                // Just launched and not yet described, or already gone from EC2: not a member we can reach.
                log.debug("instance {} of group {} has no private address yet; left out", e.getKey(), e.getValue()[0]);
                continue;
            }
            String ec2State = ec2.state() == null ? "" : ec2.state().nameAsString();
            if (ec2State.equals("shutting-down") || ec2State.equals("terminated")) {
                continue;
            }
            Map<String, String> attributes = new HashMap<>();
            attributes.put(ImdsIdentity.AUTO_SCALING_GROUP, e.getValue()[0]);
            attributes.put("lifecycle_state", e.getValue()[2]);
            if (ec2.instanceTypeAsString() != null) {
                attributes.put(ImdsIdentity.INSTANCE_TYPE, ec2.instanceTypeAsString());
            }
            out.add(new Instance(e.getKey(), ec2.privateIpAddress(), settings.dcOf(region), e.getValue()[1], attributes));
        }
        out.sort(Comparator.comparing(Instance::id));
        return out;
    }

    /** Terminating, Terminating:Wait, Terminating:Proceed, Terminated: the group is letting these go. */
    static boolean isLeaving(String lifecycleState) {
        return lifecycleState != null && lifecycleState.startsWith("Terminat");
    }

    private Map<String, software.amazon.awssdk.services.ec2.model.Instance> describeInstances(List<String> ids) {
        Map<String, software.amazon.awssdk.services.ec2.model.Instance> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            try {
                for (Reservation r : apis.ec2().describeInstancesPaginator(b -> b
                        // A filter, not InstanceIds: an id that just vanished must not fail the whole call.
                        .filters(f -> f.name("instance-id").values(batch))).reservations()) {
                    r.instances().forEach(i -> out.put(i.instanceId(), i));
                }
            } catch (SdkException e) {
                throw new CloudException("EC2 DescribeInstances for " + batch.size() + " instances failed: " + e.getMessage()
                        + "; check the IAM policy (docs/aws.md)", e);
            }
        }
        return out;
    }
}
