package dev.stratus.common.auth;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** Re-reads the verification keys as soon as the identity service says they changed. */
@ApplicationScoped
public class KeysChangedListener implements BroadcastListener<IdentityBroadcasts.KeysChanged> {

    private final TokenVerifier verifier;

    public KeysChangedListener(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String fanout() {
        return IdentityBroadcasts.KEYS;
    }

    @Override
    public MessageType<IdentityBroadcasts.KeysChanged> type() {
        return IdentityBroadcasts.KEYS_CHANGED;
    }

    @Override
    public CompletionStage<?> handle(IdentityBroadcasts.KeysChanged event, MessageContext context) {
        return verifier.refreshKeys().subscribeAsCompletionStage();
    }
}
