package dev.stratus.compute.api.operator.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An aggregate with its hosts and metadata; the availability zone is the metadata key {@code availability_zone}. */
public record AggregateRow(int id, String uuid, String name, Instant createdAt, Instant updatedAt,
        List<String> hosts, Map<String, String> metadata) {

    public static final String AZ_KEY = "availability_zone";

    public String availabilityZone() {
        return metadata.get(AZ_KEY);
    }
}
