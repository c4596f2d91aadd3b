package dev.stratus.compute.api.messaging;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.amqp.ConnectionListener;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.service.ImageLookupCache;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The image cache, tied to the broker connection that carries image-service's changes: it keeps answers only
 * while that connection is up ({@link ImageChangeListener} applies the changes).
 */
public class ImageCacheProducer {

    @Produces
    @Singleton
    ImageLookupCache cache(ComputeSettings settings, Messaging messaging) {
        ImageLookupCache cache = new ImageLookupCache(settings.imageCacheTtl(), System::nanoTime);
        messaging.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection connection) {
                cache.resume();
            }

            @Override
            public void connectionLost(ShutdownSignalException cause) {
                cache.suspend();
            }

            @Override
            public void recovered(Connection connection) {
                cache.resume();
            }
        });
        return cache;
    }
}
