package dev.stratus.common.messaging;

/** Payload records used by the messaging tests, each with its message type. */
final class TestMessages {

    private TestMessages() {
    }

    record BuildRequest(String instanceId, String flavor) {
        static final MessageType<BuildRequest> TYPE = MessageType.of("build_instance", "1.0", BuildRequest.class);
    }

    record DeleteRequest(String instanceId) {
        static final MessageType<DeleteRequest> TYPE = MessageType.of("delete_instance", "1.0", DeleteRequest.class);
    }

    /** Version 1.3 of build_instance as a newer sender writes it: one field more. */
    record BuildRequestV13(String instanceId, String flavor, String availabilityZone) {
        static final MessageType<BuildRequestV13> TYPE = MessageType.of("build_instance", "1.3", BuildRequestV13.class);
    }

    /** Version 2.0 of build_instance: an incompatible contract. */
    record BuildRequestV2(String instance, int vcpus) {
        static final MessageType<BuildRequestV2> TYPE = MessageType.of("build_instance", "2.0", BuildRequestV2.class);
    }

    record PowerStateQuery(String instanceId) {
        static final MessageType<PowerStateQuery> TYPE = MessageType.of("get_power_state", "1.0", PowerStateQuery.class);
    }

    record PowerState(String instanceId, String state) {
        static final MessageType<PowerState> TYPE = MessageType.of("power_state", "1.0", PowerState.class);
    }

    record Revocation(String auditId) {
        static final MessageType<Revocation> TYPE = MessageType.of("token_revoked", "1.0", Revocation.class);
    }

    record Numbered(int n) {
        static final MessageType<Numbered> TYPE = MessageType.of("numbered", "1.0", Numbered.class);
    }
}
