package io.ringkeeper.aws;

/** Response bodies in the shapes of the EC2 and Auto Scaling API references (query protocol, XML). */
public final class AwsXml {
    private AwsXml() {
    }

    public static String asgInstance(String id, String az, String state) {
        return """
                <member>
                  <InstanceId>%s</InstanceId>
                  <InstanceType>i3.xlarge</InstanceType>
                  <AvailabilityZone>%s</AvailabilityZone>
                  <LifecycleState>%s</LifecycleState>
                  <HealthStatus>Healthy</HealthStatus>
                  <LaunchTemplate><LaunchTemplateId>lt-0b1e5ab1c0ffee123</LaunchTemplateId><LaunchTemplateName>cassandra</LaunchTemplateName><Version>3</Version></LaunchTemplate>
                  <ProtectedFromScaleIn>false</ProtectedFromScaleIn>
                </member>""".formatted(id, az, state);
    }

    public static String group(String name, String az, String instances) {
        return """
                <member>
                  <AutoScalingGroupName>%1$s</AutoScalingGroupName>
                  <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:930d940e-891e-4781-a11a-7b0acd480f03:autoScalingGroupName/%1$s</AutoScalingGroupARN>
                  <MinSize>0</MinSize>
                  <MaxSize>6</MaxSize>
                  <DesiredCapacity>3</DesiredCapacity>
                  <DefaultCooldown>300</DefaultCooldown>
                  <AvailabilityZones><member>%2$s</member></AvailabilityZones>
                  <LoadBalancerNames/>
                  <TargetGroupARNs/>
                  <HealthCheckType>EC2</HealthCheckType>
                  <HealthCheckGracePeriod>300</HealthCheckGracePeriod>
                  <Instances>%3$s</Instances>
                  <CreatedTime>2024-05-01T10:12:03.317Z</CreatedTime>
                  <SuspendedProcesses/>
                  <VPCZoneIdentifier>subnet-0c1a2b3c4d5e6f789</VPCZoneIdentifier>
                  <EnabledMetrics/>
                  <Tags/>
                  <TerminationPolicies><member>Default</member></TerminationPolicies>
                  <NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>
                  <ServiceLinkedRoleARN>arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling</ServiceLinkedRoleARN>
                </member>""".formatted(name, az, instances);
    }

    public static String describeGroups(String groups, String nextToken) {
        return """
                <DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                  <DescribeAutoScalingGroupsResult>
                    <AutoScalingGroups>%s</AutoScalingGroups>
                    %s
                  </DescribeAutoScalingGroupsResult>
                  <ResponseMetadata><RequestId>0b0c6bd5-2e4e-11e9-9a2c-EXAMPLE</RequestId></ResponseMetadata>
                </DescribeAutoScalingGroupsResponse>""".formatted(groups, nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    public static String ec2Instance(String id, String az, String ip, String state) {
        int code = switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            default -> 80;
        };
        return """
                <item>
                  <instanceId>%1$s</instanceId>
                  <imageId>ami-0abcdef1234567890</imageId>
                  <instanceState><code>%4$d</code><name>%5$s</name></instanceState>
                  <privateDnsName>ip-%2$s.ec2.internal</privateDnsName>
                  <dnsName/>
                  <amiLaunchIndex>0</amiLaunchIndex>
                  <instanceType>i3.xlarge</instanceType>
                  <launchTime>2024-05-01T10:13:00.000Z</launchTime>
                  <placement><availabilityZone>%3$s</availabilityZone><groupName/><tenancy>default</tenancy></placement>
                  <monitoring><state>disabled</state></monitoring>
                  <subnetId>subnet-0c1a2b3c4d5e6f789</subnetId>
                  <vpcId>vpc-0a1b2c3d4e5f67890</vpcId>
                  <privateIpAddress>%6$s</privateIpAddress>
                  <architecture>x86_64</architecture>
                  <rootDeviceType>ebs</rootDeviceType>
                </item>""".formatted(id, ip.replace('.', '-'), az, code, state, ip);
    }

    public static String describeInstances(String instances, String nextToken) {
        return """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
                  <reservationSet>
                    <item>
                      <reservationId>r-1234567890abcdef0</reservationId>
                      <ownerId>123456789012</ownerId>
                      <groupSet/>
                      <instancesSet>%s</instancesSet>
                    </item>
                  </reservationSet>
                  %s
                </DescribeInstancesResponse>""".formatted(instances, nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
    }

    public static String autoScalingAction(String action) {
        return """
                <%1$sResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                  <%1$sResult/>
                  <ResponseMetadata><RequestId>7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId></ResponseMetadata>
                </%1$sResponse>""".formatted(action);
    }

    public static String autoScalingError(String code, String message) {
        return """
                <ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>5fd7a3bc-EXAMPLE</RequestId>
                </ErrorResponse>""".formatted(code, message);
    }
}
