package dev.stratus.compute.api.service;

import dev.stratus.common.compute.InjectedFile;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code rebuild} action. Null fields leave the server as it is; {@code metadata}, when given,
 * replaces all of it. The {@code ...Set} flags tell "set to null" (unset) from "not given".
 *
 * @param preserveEphemeral accepted as Nova's API does; like Nova's libvirt driver, the disks are made anew
 * @param files the personality files to write this time (below 2.57); earlier ones are not written again
 */
public record ServerRebuild(String imageRef, String name, String adminPass, Map<String, String> metadata,
        String accessIpV4, String accessIpV6, String diskConfig, boolean preserveEphemeral, boolean descriptionSet,
        String description, boolean keyNameSet, String keyName, boolean userDataSet, String userData,
        String hostname, List<InjectedFile> files) {

    public ServerRebuild {
        metadata = metadata == null ? null : Map.copyOf(metadata);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
