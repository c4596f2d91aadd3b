package dev.stratus.image.metadef.service;

import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import java.util.List;
import java.util.Map;

/**
 * One page of namespaces with their resource type associations; {@code nextMarker} is set when the page is full
 * (Glance then links a next page, which may be empty).
 */
public record NamespaceListing(List<NamespaceRow> namespaces, Map<Long, List<AssociationRow>> associations,
        String nextMarker) {
}
