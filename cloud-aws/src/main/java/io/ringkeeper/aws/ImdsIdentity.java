package io.ringkeeper.aws;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.InstanceIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This instance as instance metadata describes it: DC from the region (plus {@code aws.dc_suffix}), rack from
 * the availability zone, the private IPv4 address. Asked once; a VM does not change who it is.
 */
@Singleton
public final class ImdsIdentity implements InstanceIdentity {
    public static final String REGION = "region";
    public static final String INSTANCE_TYPE = "instance_type";
    public static final String AUTO_SCALING_GROUP = "auto_scaling_group";
    static final String ASG_TAG = "tags/instance/aws:autoscaling:groupName";

    private final Imds imds;
    private final AwsSettings settings;
    private final GroupOfInstance groupLookup;
    private volatile Instance self;

    @Inject
    ImdsIdentity(Imds imds, AwsSettings settings, GroupOfInstance groupLookup) {
        this.imds = imds;
        this.settings = settings;
        this.groupLookup = groupLookup;
    }

    @Override
    public Instance self() {
        Instance s = self;
        if (s == null) {
            synchronized (this) {
                if (self == null) {
                    self = describe();
                }
                s = self;
            }
        }
        return s;
    }

    private Instance describe() {
        String id = imds.required("instance-id");
        String region = imds.required("placement/region");
        String az = imds.required("placement/availability-zone");
        String address = imds.required("local-ipv4");
        String type = imds.required("instance-type");
        // The tag is in metadata only when the instance allows tags in metadata; else ask Auto Scaling.
        Optional<String> group = imds.metadata(ASG_TAG).or(() -> groupLookup.groupOf(id, region));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(REGION, region);
        attributes.put(INSTANCE_TYPE, type);
        group.ifPresent(g -> attributes.put(AUTO_SCALING_GROUP, g));
        return new Instance(id, address, settings.dcOf(region), az, attributes);
    }
}
