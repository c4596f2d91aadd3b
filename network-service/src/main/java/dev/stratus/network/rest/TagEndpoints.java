package dev.stratus.network.rest;

import dev.stratus.network.service.Access;
import dev.stratus.network.service.TagService;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the tags sub-resource of one resource (its collection's tag type and its id). */
@ApplicationScoped
public class TagEndpoints {

    private final TagService tags;
    private final Access access;

    public TagEndpoints(TagService tags, Access access) {
        this.tags = tags;
        this.access = access;
    }

    public ResourceTags of(String collection, String id) {
        return new ResourceTags(tags, access, collection, id);
    }
}
