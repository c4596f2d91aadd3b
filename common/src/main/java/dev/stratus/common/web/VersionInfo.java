package dev.stratus.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of a versions document. Field names follow the OpenStack services; fields a service does
 * not use stay null and are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(
        String id,
        String status,
        String updated,
        List<Link> links,
        @JsonProperty("media-types") List<MediaTypeInfo> mediaTypes,
        @JsonProperty("min_version") String minVersion,
        String version) {

    public record MediaTypeInfo(String base, String type) {
    }
}
