package io.ringkeeper.cloud.local;

import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.InstanceIdentity;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.YamlBinder;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Identity and membership of the local cloud, both read from the inventory. The inventory file, when used,
 * is read on every call: editing it is how a test or an operator adds or "terminates" an instance.
 */
final class LocalInventory implements InstanceIdentity, GroupMembership {
    private final LocalCloudSettings settings;
    private final YamlBinder yaml = new YamlBinder();

    @Inject
    LocalInventory(LocalCloudSettings settings) {
        this.settings = settings;
    }

    @Override
    public Instance self() {
        return entries().stream()
                .filter(e -> e.id().equals(settings.instanceId()))
                .findFirst()
                .map(LocalInstanceEntry::toInstance)
                .orElseThrow(() -> new ConfigException(settings.inventoryFile() + ": instances: no entry with id "
                        + settings.instanceId() + " (local.instance_id); add it or fix local.instance_id"));
    }

    @Override
    public List<Instance> members() {
        return entries().stream().map(LocalInstanceEntry::toInstance).toList();
    }

    private List<LocalInstanceEntry> entries() {
        if (settings.inventoryFile() == null) {
            return settings.inventory();
        }
        return yaml.readFile(settings.inventoryFile(), InventoryFile.class).instances();
    }
}
