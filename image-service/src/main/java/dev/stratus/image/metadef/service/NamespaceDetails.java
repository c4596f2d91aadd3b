package dev.stratus.image.metadef.service;

import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ObjectRow;
import dev.stratus.image.metadef.persistence.PropertyRow;
import dev.stratus.image.metadef.persistence.TagRow;
import java.util.List;

/** A namespace with everything it holds, as its show call answers it. */
public record NamespaceDetails(NamespaceRow namespace, List<AssociationRow> associations, List<ObjectRow> objects,
        List<PropertyRow> properties, List<TagRow> tags) {
}
