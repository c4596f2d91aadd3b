package dev.stratus.compute.api.operator.rest;

import static dev.stratus.compute.api.view.ComputeVersions.AGGREGATE_UUID;

import dev.stratus.compute.api.operator.persistence.AggregateRow;
import dev.stratus.compute.api.view.Times;
import dev.stratus.compute.api.view.VersionedFields;

/** The bodies of os-aggregates, per microversion. */
final class AggregateViews {

    /** What create answers: no hosts and no metadata yet. */
    static final VersionedFields<AggregateRow, Void> CREATED = new VersionedFields<AggregateRow, Void>()
            .always("availability_zone", (a, c) -> a.availabilityZone())
            .always("created_at", (a, c) -> Times.micros(a.createdAt()))
            .always("deleted", (a, c) -> false)
            .always("deleted_at", (a, c) -> null)
            .always("id", (a, c) -> a.id())
            .always("name", (a, c) -> a.name())
            .always("updated_at", (a, c) -> Times.micros(a.updatedAt()))
            .in(AGGREGATE_UUID, "uuid", (a, c) -> a.uuid());

    static final VersionedFields<AggregateRow, Void> AGGREGATE = new VersionedFields<AggregateRow, Void>()
            .including(CREATED)
            .always("hosts", (a, c) -> a.hosts())
            .always("metadata", (a, c) -> a.metadata());

    private AggregateViews() {
    }
}
