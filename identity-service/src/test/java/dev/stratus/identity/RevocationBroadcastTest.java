package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.auth.IdentityBroadcasts;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.amqp.AmqpSettings;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Another service, here a bare AMQP subscriber, learns of a revocation through the broadcast. */
@QuarkusTest
class RevocationBroadcastTest {

    @ConfigProperty(name = "stratus.amqp.host")
    String host;
    @ConfigProperty(name = "stratus.amqp.port")
    int port;
    @ConfigProperty(name = "stratus.amqp.username")
    String user;
    @ConfigProperty(name = "stratus.amqp.password")
    String password;
    @ConfigProperty(name = "stratus.amqp.exchange")
    String exchange;

    @Test
    void revocationReachesOtherProcesses() throws Exception {
        LinkedBlockingQueue<RevocationEvent> received = new LinkedBlockingQueue<>();
        AmqpSettings settings = AmqpSettings.builder().host(host).port(port).username(user).password(password)
                .exchange(exchange)
                .connectionName("revocation-broadcast-test").build();
        try (Messaging other = new Messaging(settings)) {
            other.subscribeBroadcast(IdentityBroadcasts.REVOCATIONS, IdentityBroadcasts.TOKEN_REVOKED,
                    MessageHandler.blocking((event, context) -> received.add(event)));
            other.start();
            other.ready().get(10, TimeUnit.SECONDS);

            String victim = Tokens.demo();
            String auditId = given().header("X-Auth-Token", victim).header("X-Subject-Token", victim)
                    .get("/v3/auth/tokens").then().statusCode(200).extract().path("token.audit_ids[0]");
            given().header("X-Auth-Token", Tokens.admin()).header("X-Subject-Token", victim)
                    .delete("/v3/auth/tokens").then().statusCode(204);

            RevocationEvent event = received.poll(10, TimeUnit.SECONDS);
            while (event != null && !auditId.equals(event.auditId())) {
                event = received.poll(10, TimeUnit.SECONDS);
            }
            org.junit.jupiter.api.Assertions.assertNotNull(event, "no revocation broadcast received");
            assertEquals(auditId, event.auditId());
        }
    }
}
