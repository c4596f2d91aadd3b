package dev.stratus.scheduler.rest;

import dev.stratus.common.web.ApiVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Microversion 1.15: successful GETs say {@code cache-control: no-cache} and carry {@code last-modified}
 * (the time of the answer: the data is live).
 */
public class CacheHeadersFilter {

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        Object version = request.getProperty("stratus.microversion");
        if (!"GET".equals(request.getMethod()) || response.getStatus() != 200 || !(version instanceof ApiVersion v)
                || !v.atLeast("1.15")) {
            return;
        }
        response.getHeaders().putSingle("cache-control", "no-cache");
        response.getHeaders().putSingle("last-modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }
}
