package io.ringkeeper.cloud.local;

import java.util.List;

/** The shape of {@code local.inventory_file}: {@code instances:} and the same entries as the inline inventory. */
record InventoryFile(List<LocalInstanceEntry> instances) {
    InventoryFile {
        instances = instances == null ? List.of() : List.copyOf(instances);
        LocalCloudSettings.checkUnique(instances, "the inventory file");
    }
}
