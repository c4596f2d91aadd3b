package dev.stratus.image.metadef.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A metadata definition object: a named group of property definitions in a namespace. */
public record ObjectRow(long id, long namespaceId, String name, String description, List<String> required,
        ObjectNode properties, Instant createdAt, Instant updatedAt) {
}
