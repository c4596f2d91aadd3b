package dev.stratus.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A link object as OpenStack APIs render them: {@code {"rel": "self", "href": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String rel, String href, String type) {

    public static Link of(String rel, String href) {
        return new Link(rel, href, null);
    }
}
