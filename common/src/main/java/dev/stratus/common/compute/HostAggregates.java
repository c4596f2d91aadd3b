package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.util.List;
import java.util.Map;

/**
 * compute-api to the scheduler: the complete list of aggregates one host belongs to, after any change to
 * os-aggregates. The availability zone is the aggregate metadata key {@code availability_zone}.
 */
public record HostAggregates(String host, List<Aggregate> aggregates) {

    public static final MessageType<HostAggregates> TYPE =
            MessageType.of("host_aggregates", "1.0", HostAggregates.class);

    public HostAggregates {
        aggregates = List.copyOf(aggregates);
    }

    public record Aggregate(String uuid, String name, Map<String, String> metadata) {
        public Aggregate {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }
}
