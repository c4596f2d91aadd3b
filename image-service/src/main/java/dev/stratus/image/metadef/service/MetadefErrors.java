package dev.stratus.image.metadef.service;

import dev.stratus.common.fault.ApiException;

/** The catalog's errors, worded as Glance words them (its API controllers, domain and database layer). */
public final class MetadefErrors {

    private MetadefErrors() {
    }

    // 403: policy, protection, visibility of a list marker.

    /** A policy rule denied the caller. */
    public static ApiException notAuthorized(String rule) {
        return ApiException.forbidden("You are not authorized to complete " + rule + " action.");
    }

    public static ApiException protectedNamespace(String namespace) {
        return ApiException.forbidden("Metadata definition namespace " + namespace
                + " is protected and cannot be deleted.");
    }

    public static ApiException protectedObject(String name) {
        return ApiException.forbidden("Metadata definition object " + name + " is protected and cannot be deleted.");
    }

    public static ApiException protectedProperty(String name) {
        return ApiException.forbidden("Metadata definition property " + name
                + " is protected and cannot be deleted.");
    }

    public static ApiException protectedTag(String name) {
        return ApiException.forbidden("Metadata definition tag " + name + " is protected and cannot be deleted.");
    }

    public static ApiException protectedAssociation(String resourceType) {
        return ApiException.forbidden("Metadata definition resource-type-association " + resourceType
                + " is protected and cannot be deleted.");
    }

    public static ApiException hiddenMarker(String namespace) {
        return ApiException.forbidden("Forbidding request, metadata definition namespace=" + namespace
                + " is not visible.");
    }

    // 404

    /** What most calls answer for a namespace that is missing or that the caller may not see. */
    public static ApiException namespaceNotFound(String namespace) {
        return ApiException.notFound("Namespace " + namespace + " not found");
    }

    /** The database layer's message for a missing namespace. */
    public static ApiException noSuchNamespace(String namespace) {
        return ApiException.notFound("Metadata definition namespace=" + namespace + " was not found.");
    }

    /** webob's default, which the namespace show answers for a namespace the caller may not see. */
    public static ApiException resourceNotFound() {
        return ApiException.notFound("The resource could not be found.");
    }

    public static ApiException objectNotFound(String name) {
        return ApiException.notFound("Could not find metadata object " + name);
    }

    public static ApiException propertyNotFound(String name) {
        return ApiException.notFound("Could not find property " + name);
    }

    public static ApiException tagNotFound(String name) {
        return ApiException.notFound("Could not find metadata tag " + name);
    }

    public static ApiException resourceTypeNotFound(String name) {
        return ApiException.notFound("The metadata definition resource-type with name=" + name + ", was not found.");
    }

    public static ApiException associationNotFound(String resourceType, String namespace) {
        return ApiException.notFound("The metadata definition resource-type association of resource-type="
                + resourceType + " to namespace=" + namespace + ", was not found.");
    }

    /** Deleting an association the namespace does not have. */
    public static ApiException associationToDeleteNotFound(String resourceType) {
        return ApiException.notFound("Failed to find resource type " + resourceType + " to delete");
    }

    public static ApiException prefixMismatch(String property, String prefix) {
        return ApiException.notFound("Property " + property + " does not start with the expected resource type"
                + " association prefix of '" + prefix + "'.");
    }

    // 409

    public static ApiException duplicateNamespace(String namespace) {
        return ApiException.conflict("The metadata definition namespace=" + namespace + " already exists.");
    }

    public static ApiException namespaceRenameConflict(String namespace) {
        return ApiException.conflict("Invalid update. It would result in a duplicate metadata definition namespace"
                + " with the same name of " + namespace);
    }

    public static ApiException duplicateObject(String name, String namespace) {
        return ApiException.conflict("A metadata definition object with name=" + name
                + " already exists in namespace=" + namespace + ".");
    }

    public static ApiException objectRenameConflict(String name, String namespace) {
        return ApiException.conflict("Invalid update. It would result in a duplicate metadata definition object"
                + " with the same name=" + name + " in namespace=" + namespace + ".");
    }

    public static ApiException duplicateProperty(String name, String namespace) {
        return ApiException.conflict("A metadata definition property with name=" + name
                + " already exists in namespace=" + namespace + ".");
    }

    public static ApiException propertyRenameConflict(String name, String namespace) {
        return ApiException.conflict("Invalid update. It would result in a duplicate metadata definition property"
                + " with the same name=" + name + " in namespace=" + namespace + ".");
    }

    public static ApiException duplicateTag(String name, String namespace) {
        return ApiException.conflict("A metadata tag with name=" + name + " already exists in namespace="
                + namespace + ". (Please note that metadata tag names are case insensitive).");
    }

    public static ApiException duplicateAssociation(String resourceType, String namespace) {
        return ApiException.conflict("The metadata definition resource-type association of resource-type="
                + resourceType + " to namespace=" + namespace + " already exists.");
    }
}
