package io.ringkeeper.cloud;

import java.util.Map;
import java.util.Objects;

/**
 * One VM as the cloud describes it.
 *
 * @param id         the cloud's instance id (stable for the life of the VM)
 * @param address    the private IP address Cassandra listens on
 * @param dc         the Cassandra data centre the instance belongs to (e.g. derived from the region)
 * @param rack       the Cassandra rack (e.g. the availability zone)
 * @param attributes provider-specific facts worth showing an operator (instance type, group name, ...)
 */
public record Instance(String id, String address, String dc, String rack, Map<String, String> attributes) {
    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dc, "dc");
        Objects.requireNonNull(rack, "rack");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public Instance(String id, String address, String dc, String rack) {
        this(id, address, dc, rack, Map.of());
    }
}
