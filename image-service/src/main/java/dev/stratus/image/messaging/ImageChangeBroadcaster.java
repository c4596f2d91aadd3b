package dev.stratus.image.messaging;

import dev.stratus.common.image.ImageChange;
import dev.stratus.common.image.ImageTopics;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.web.RequestIdFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Says on the {@code image.changes} fanout which image a successful write changed, once its response is ready
 * (the change is committed by then), and answers the caller once the broker confirmed it (at most a second). Every write to an image goes through {@code /v2/images/{id}...} (attributes,
 * data, status actions, import, members, tags, delete) or {@code /v2/stores/{store}/{id}} (one store's copy), so
 * this one place covers them all (an import's background copies change only its store list); a create has no id
 * yet and nobody holds the new image. A broker outage costs a log line, never the call (readers stop trusting what
 * they hold while their own connection is down).
 */
public class ImageChangeBroadcaster {

    private static final Logger LOG = Logger.getLogger(ImageChangeBroadcaster.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(1);

    private final Messaging messaging;

    public ImageChangeBroadcaster(Messaging messaging) {
        this.messaging = messaging;
    }

    @ServerResponseFilter
    public Uni<Void> changed(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || response.getStatus() / 100 != 2) {
            return Uni.createFrom().voidItem();
        }
        String id = imageId(request.getUriInfo().getPath());
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        Object requestId = request.getProperty(RequestIdFilter.PROPERTY);
        CompletableFuture<Void> sent;
        try {
            sent = messaging.broadcast(ImageTopics.CHANGES_FANOUT, ImageChange.TYPE, new ImageChange(List.of(id)),
                    requestId == null ? null : requestId.toString());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warnf("Could not broadcast the change of image %s: %s", id, e.getMessage());
            }
        });
        if (!messaging.isConnected()) {
            return Uni.createFrom().voidItem();
        }
        // The broker holds the announcement before the caller hears that the write succeeded, so a create that
        // follows it is not answered from a cache that has yet to hear of it; a slow broker delays only this much.
        return Uni.createFrom().completionStage(sent).ifNoItem().after(CONFIRM_WAIT).recoverWithItem((Void) null)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The image a path is about ({@code /v2/images/{id}} and below, {@code /v2/stores/{store}/{id}}), or null. */
    static String imageId(String path) {
        String prefix = "v2/images/";
        String relative = path == null ? "" : path.replaceFirst("^/+", "");
        if (relative.startsWith("v2/stores/")) {
            String[] parts = relative.split("/");
            return parts.length == 4 && !parts[3].isEmpty() ? parts[3] : null;
        }
        if (!relative.startsWith(prefix)) {
            return null;
        }
        String rest = relative.substring(prefix.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        return id.isEmpty() ? null : id;
    }
}
