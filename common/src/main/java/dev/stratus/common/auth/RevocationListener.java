package dev.stratus.common.auth;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Applies every revocation the identity service broadcasts to this process's revocation list. */
@ApplicationScoped
public class RevocationListener implements BroadcastListener<RevocationEvent> {

    private final RevocationList revocations;

    public RevocationListener(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public String fanout() {
        return IdentityBroadcasts.REVOCATIONS;
    }

    @Override
    public MessageType<RevocationEvent> type() {
        return IdentityBroadcasts.TOKEN_REVOKED;
    }

    @Override
    public CompletionStage<?> handle(RevocationEvent event, MessageContext context) {
        revocations.add(event);
        return CompletableFuture.completedFuture(null);
    }
}
