package io.ringkeeper.cloud.local;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.config.Addresses;
import io.ringkeeper.config.InvalidConfigValue;

/** One line of the local inventory: a pretend VM on this machine. */
public record LocalInstanceEntry(String id, String address, String dc, String rack) {
    public LocalInstanceEntry {
        requireText("id", id, "node1");
        try {
            Addresses.parseLiteral(address);
        } catch (InvalidConfigValue e) {
            throw new InvalidConfigValue("address", e.getMessage());
        }
        requireText("dc", dc, "dc1");
        requireText("rack", rack, "rack1");
    }

    private static void requireText(String key, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigValue(key, "is empty; use e.g. " + example);
        }
    }

    Instance toInstance() {
        return new Instance(id, address, dc, rack);
    }
}
