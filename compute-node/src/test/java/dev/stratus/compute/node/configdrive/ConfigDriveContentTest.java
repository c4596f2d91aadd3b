package dev.stratus.compute.node.configdrive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.InjectedFile;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.compute.node.TestInstances;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Personality files on the config drive, where cloud-init's OpenStack data source looks for them. */
class ConfigDriveContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAreNumberedUnderContentAndListedInBothMetadataVersions() throws Exception {
        InstanceBuild instance = TestInstances.instance("files", Map.of()).withFiles(List.of(
                new InjectedFile("/etc/motd", b64("hello\n")), new InjectedFile("/root/.ssh/config", b64("Host *"))));
        Map<String, byte[]> drive = ConfigDriveContent.of(instance, List.of());
        assertArrayEquals("hello\n".getBytes(StandardCharsets.UTF_8), drive.get("openstack/content/0000"));
        assertArrayEquals("Host *".getBytes(StandardCharsets.UTF_8), drive.get("openstack/content/0001"));
        for (String version : List.of(ConfigDriveContent.LATEST, ConfigDriveContent.FIRST_VERSION)) {
            JsonNode files = JSON.readTree(drive.get(version + "meta_data.json")).path("files");
            assertEquals(2, files.size());
            assertEquals("/etc/motd", files.get(0).path("path").asText());
            assertEquals("/content/0000", files.get(0).path("content_path").asText());
            assertEquals("/content/0001", files.get(1).path("content_path").asText());
        }
    }

    @Test
    void withoutFilesThereIsNoContentNorList() throws Exception {
        Map<String, byte[]> drive = ConfigDriveContent.of(TestInstances.instance("plain", Map.of()), List.of());
        assertFalse(drive.keySet().stream().anyMatch(k -> k.startsWith(ConfigDriveContent.CONTENT)));
        assertFalse(JSON.readTree(drive.get(ConfigDriveContent.LATEST + "meta_data.json")).has("files"));
    }

    @Test
    void contentsThatAreNotBase64AreRefused() {
        InstanceBuild bad = TestInstances.instance("bad", Map.of())
                .withFiles(List.of(new InjectedFile("/etc/x", "not base64!")));
        assertThrows(IllegalArgumentException.class, () -> ConfigDriveContent.of(bad, List.of()));
    }
}
