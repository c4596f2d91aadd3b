package dev.stratus.scheduler.service;

import dev.stratus.common.fault.ApiException;
import java.util.UUID;

/** Placement's errors, with its error codes (microversion 1.23). */
public final class PlacementErrors {

    public static final String CONCURRENT_UPDATE = "placement.concurrent_update";
    public static final String DUPLICATE_NAME = "placement.duplicate_name";
    public static final String INVENTORY_IN_USE = "placement.inventory.inuse";
    public static final String PROVIDER_IN_USE = "placement.resource_provider.inuse";
    public static final String CANNOT_DELETE_PARENT = "placement.resource_provider.cannot_delete_parent";

    private PlacementErrors() {
    }

    public static ApiException providerNotFound(UUID uuid) {
        return ApiException.notFound("No resource provider with uuid " + uuid + " found");
    }

    public static ApiException generationConflict(UUID uuid) {
        return ApiException.conflict("resource provider generation conflict: the generation given for resource"
                + " provider " + uuid + " is not its current one").withType(CONCURRENT_UPDATE);
    }

    public static ApiException consumerGenerationConflict(UUID consumer, Integer expected, Integer actual) {
        return ApiException.conflict("consumer generation conflict - expected " + expected + " but got " + actual
                + " for consumer " + consumer).withType(CONCURRENT_UPDATE);
    }

    public static ApiException duplicateName(String name) {
        return ApiException.conflict("Conflicting resource provider name: " + name + " already exists.")
                .withType(DUPLICATE_NAME);
    }

    public static ApiException duplicateUuid(UUID uuid) {
        return ApiException.conflict("Conflicting resource provider uuid: " + uuid + " already exists.")
                .withType(DUPLICATE_NAME);
    }

    public static ApiException inventoryInUse(String rc, UUID provider) {
        return ApiException.conflict("Inventory for '" + rc + "' on resource provider '" + provider
                + "' in use.").withType(INVENTORY_IN_USE);
    }
}
