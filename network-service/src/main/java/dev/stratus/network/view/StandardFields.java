package dev.stratus.network.view;

import dev.stratus.network.persistence.StandardAttributes;
import java.util.List;
import java.util.Map;

/** The fields every resource shows: owner (under both of Neutron's names), description, tags, times, revision. */
final class StandardFields {

    private StandardFields() {
    }

    static void owner(Map<String, Object> body, String projectId) {
        body.put("tenant_id", projectId);
        body.put("project_id", projectId);
    }

    static void add(Map<String, Object> body, StandardAttributes s, List<String> tags) {
        body.put("description", s.description());
        if (tags != null) {
            body.put("tags", tags);
        }
        body.put("created_at", Times.of(s.createdAt()));
        body.put("updated_at", Times.of(s.updatedAt()));
        body.put("revision_number", s.revisionNumber());
    }
}
