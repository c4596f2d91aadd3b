package dev.stratus.image.metadef.persistence;

/** What a client sets on a namespace, on create and on update. */
public record NamespaceFields(String namespace, String displayName, String description, String visibility,
        boolean isProtected, String owner) {
}
