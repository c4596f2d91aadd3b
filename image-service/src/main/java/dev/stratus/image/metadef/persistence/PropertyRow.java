package dev.stratus.image.metadef.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A property definition of a namespace: its name and its (normalised) JSON schema fragment. */
public record PropertyRow(long id, long namespaceId, String name, ObjectNode schema, Instant createdAt,
        Instant updatedAt) {
}
