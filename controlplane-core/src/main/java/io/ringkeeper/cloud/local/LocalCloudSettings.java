package io.ringkeeper.cloud.local;

import io.ringkeeper.config.InvalidConfigValue;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code local:} section: a static inventory that lets several daemons on one machine act as several
 * VMs on 127.0.0.x.
 *
 * @param instanceId     which inventory entry this daemon is; may be left out when the inventory has one entry
 * @param inventory      the instances, inline
 * @param inventoryFile  a YAML file ({@code instances: [...]}) read anew on every membership question, so
 *                       removing an entry "terminates" that instance; use this or {@code inventory}
 * @param objectStoreDir the directory that plays the object store (defaults to {@code <state_dir>/objects})
 */
public record LocalCloudSettings(
        String instanceId,
        List<LocalInstanceEntry> inventory,
        Path inventoryFile,
        Path objectStoreDir) {

    public LocalCloudSettings {
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
        if (inventory.isEmpty() && inventoryFile == null) {
            throw new InvalidConfigValue("inventory", "is empty; list this machine's instances "
                    + "(id, address, dc, rack), or set local.inventory_file");
        }
        if (!inventory.isEmpty() && inventoryFile != null) {
            throw new InvalidConfigValue("inventory_file", "is set together with local.inventory; use one of them");
        }
        checkUnique(inventory, "local.inventory");
        if (!inventory.isEmpty()) {
            if (instanceId == null && inventory.size() == 1) {
                instanceId = inventory.get(0).id();
            } else if (instanceId == null) {
                throw new InvalidConfigValue("instance_id", "is empty; name this daemon's entry in local.inventory (one of "
                        + inventory.stream().map(LocalInstanceEntry::id).toList() + ")");
            } else {
                String wanted = instanceId;
                if (inventory.stream().noneMatch(e -> e.id().equals(wanted))) {
                    throw new InvalidConfigValue("instance_id", "\"" + instanceId + "\" is not in local.inventory; ids there: "
                            + inventory.stream().map(LocalInstanceEntry::id).toList());
                }
            }
        } else if (instanceId == null) {
            throw new InvalidConfigValue("instance_id", "is empty; name this daemon's entry in " + inventoryFile);
        }
    }

    /** Two entries with one id or one address would make two "VMs" that are the same machine. */
    static void checkUnique(List<LocalInstanceEntry> entries, String where) {
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (LocalInstanceEntry e : entries) {
            if (!ids.add(e.id())) {
                throw new InvalidConfigValue("inventory", "lists id " + e.id() + " twice; ids in " + where + " must be unique");
            }
            if (!addresses.add(e.address())) {
                throw new InvalidConfigValue("inventory", "lists address " + e.address() + " twice; addresses in " + where + " must be unique");
            }
        }
    }
}
