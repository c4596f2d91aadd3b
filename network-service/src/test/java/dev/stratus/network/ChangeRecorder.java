package dev.stratus.network;

import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The NetworkChange broadcasts the test application sent, recorded by one subscription shared by every test class
 * (the messaging takes one handler per message type).
 */
final class ChangeRecorder {

    private static final List<NetworkChange> CHANGES = new CopyOnWriteArrayList<>();
    private static boolean subscribed;

    private ChangeRecorder() {
    }

    static synchronized List<NetworkChange> changes(Messaging messaging) throws Exception {
        if (!subscribed) {
            messaging.subscribeBroadcast(NetworkTopics.CHANGES_FANOUT, NetworkChange.TYPE,
                    MessageHandler.blocking((change, ctx) -> CHANGES.add(change)));
            messaging.ready().get(30, TimeUnit.SECONDS);
            subscribed = true;
        }
        return CHANGES;
    }
}
