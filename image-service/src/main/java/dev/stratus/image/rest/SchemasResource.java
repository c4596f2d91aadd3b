package dev.stratus.image.rest;

import dev.stratus.image.service.ImageFormats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas Glance publishes ({@code /v2/schemas/image}, {@code images}, {@code member},
 * {@code members}); python-glanceclient reads them to know which attributes are core.
 */
@Path("/v2/schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemasResource {

    @GET
    @Path("image")
    public Map<String, Object> image() {
        return imageSchema();
    }

    @GET
    @Path("images")
    public Map<String, Object> images() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "images");
        schema.put("properties", Map.of(
                "images", Map.of("type", "array", "items", imageSchema()),
                "schema", Map.of("type", "string"),
                "first", Map.of("type", "string"),
                "next", Map.of("type", "string")));
        schema.put("links", List.of(Map.of("rel", "first", "href", "{first}"), Map.of("rel", "next", "href", "{next}"),
                Map.of("rel", "describedby", "href", "{schema}")));
        return schema;
    }

    @GET
    @Path("member")
    public Map<String, Object> member() {
        return memberSchema();
    }

    @GET
    @Path("members")
    public Map<String, Object> members() {
        return Map.of("name", "members", "properties", Map.of(
                "members", Map.of("type", "array", "items", memberSchema()),
                "schema", Map.of("type", "string")),
                "links", List.of(Map.of("rel", "describedby", "href", "{schema}")));
    }

    private static Map<String, Object> memberSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("image_id", prop("string", "An identifier for the image"));
        properties.put("member_id", prop("string", "An identifier for the image member (project)"));
        properties.put("status", Map.of("type", "string", "enum", List.of("pending", "accepted", "rejected"),
                "description", "The status of this image member"));
        properties.put("created_at", prop("string", "Date and time of image member creation"));
        properties.put("updated_at", prop("string", "Date and time of last modification of image member"));
        properties.put("schema", Map.of("type", "string", "readOnly", true));
        return Map.of("name", "member", "properties", properties);
    }

    private static Map<String, Object> imageSchema() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", Map.of("type", "string", "pattern",
                "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$",
                "description", "An identifier for the image"));
        p.put("name", Map.of("type", List.of("null", "string"), "maxLength", 255,
                "description", "Descriptive name for the image"));
        p.put("status", Map.of("type", "string", "readOnly", true, "enum", List.of("queued", "saving", "active",
                "killed", "deleted", "uploading", "importing", "pending_delete", "deactivated"),
                "description", "Status of the image"));
        p.put("visibility", Map.of("type", "string", "enum", List.of("community", "public", "private", "shared"),
                "description", "Scope of image accessibility"));
        p.put("protected", prop("boolean", "If true, image will not be deletable."));
        p.put("os_hidden", prop("boolean", "If true, image will not appear in default image list response."));
        p.put("checksum", readOnly(List.of("null", "string"), "md5 hash of image contents."));
        p.put("os_hash_algo", readOnly(List.of("null", "string"), "Algorithm to calculate the os_hash_value"));
        p.put("os_hash_value", readOnly(List.of("null", "string"), "Hexdigest of the image contents"));
        p.put("owner", Map.of("type", List.of("null", "string"), "maxLength", 255,
                "description", "Owner of the image"));
        p.put("size", readOnly(List.of("null", "integer"), "Size of image file in bytes"));
        p.put("virtual_size", readOnly(List.of("null", "integer"), "Virtual size of image in bytes"));
        p.put("container_format", Map.of("type", List.of("null", "string"), "enum", withNull(ImageFormats.CONTAINER),
                "description", "Format of the container"));
        p.put("disk_format", Map.of("type", List.of("null", "string"), "enum", withNull(ImageFormats.DISK),
                "description", "Format of the disk"));
        p.put("created_at", readOnly("string", "Date and time of image registration"));
        p.put("updated_at", readOnly("string", "Date and time of the last image modification"));
        p.put("tags", Map.of("type", "array", "items", Map.of("type", "string", "maxLength", 255),
                "description", "List of strings related to the image"));
        p.put("min_ram", prop("integer", "Amount of ram (in MB) required to boot image."));
        p.put("min_disk", prop("integer", "Amount of disk space (in GB) required to boot image."));
        p.put("self", readOnly("string", "An image self url"));
        p.put("file", readOnly("string", "An image file url"));
        p.put("schema", readOnly("string", "An image schema url"));
        p.put("direct_url", readOnly("string", "URL to access the image file kept in external store"));
        p.put("locations", Map.of("type", "array", "items", locationSchema(),
                "description", "A set of URLs to access the image file kept in external store"));
        p.put("kernel_id", Map.of("type", List.of("null", "string"), "description",
                "ID of image stored in Glance that should be used as the kernel when booting an AMI-style image."));
        p.put("ramdisk_id", Map.of("type", List.of("null", "string"), "description",
                "ID of image stored in Glance that should be used as the ramdisk when booting an AMI-style image."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", "image");
        schema.put("properties", p);
        schema.put("additionalProperties", Map.of("type", "string"));
        schema.put("links", List.of(Map.of("rel", "self", "href", "{self}"), Map.of("rel", "enclosure", "href", "{file}"),
                Map.of("rel", "describedby", "href", "{schema}")));
        return schema;
    }

    /** An item of {@code locations}: {@code validation_data} is accepted on writes and never shown. */
    private static Map<String, Object> locationSchema() {
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("description", "Values to be used to populate the corresponding image properties. If the"
                + " image status is not 'queued' these values must exactly match those already contained in the"
                + " image properties.");
        validation.put("type", "object");
        validation.put("writeOnly", true);
        validation.put("additionalProperties", false);
        validation.put("properties", Map.of(
                "checksum", Map.of("type", "string", "minLength", 32, "maxLength", 32),
                "os_hash_algo", Map.of("type", "string", "maxLength", 64),
                "os_hash_value", Map.of("type", "string", "maxLength", 128)));
        validation.put("required", List.of("os_hash_algo", "os_hash_value"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "object");
        item.put("properties", Map.of(
                "url", Map.of("type", "string", "maxLength", 255),
                "metadata", Map.of("type", "object"),
                "validation_data", validation));
        item.put("required", List.of("url", "metadata"));
        return item;
    }

    private static Map<String, Object> prop(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> readOnly(Object type, String description) {
        return Map.of("type", type, "readOnly", true, "description", description);
    }

    private static List<Object> withNull(java.util.Set<String> values) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        out.addAll(values.stream().sorted().toList());
        return out;
    }
}
