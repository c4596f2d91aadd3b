package dev.stratus.network.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What policy counts as set in a body: Neutron's _is_attribute_explicitly_set. */
class ResourceSchemaPolicyTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceSchema schema = ResourceSchema.of("thing", "things",
            Attribute.requiredWritable("name", Values.string(255)),
            Attribute.writable("shared", false, Values.bool()),
            Attribute.createOnly("zone", Attribute.UNSET, Values.string(255)));

    @Test
    void onCreateAValueSentAtItsDefaultIsNotSet() throws Exception {
        RequestBody b = schema.forCreate(JSON.readTree("{\"thing\":{\"name\":\"a\",\"shared\":false,\"zone\":\"z\"}}"),
                false).get(0);
        assertEquals(Set.of("name", "zone"), b.explicitlySet());
        assertEquals(List.of("name", "shared", "zone"), List.copyOf(b.givenNames()));
    }

    @Test
    void onCreateAValueOtherThanTheDefaultIsSet() throws Exception {
        RequestBody b = schema.forCreate(JSON.readTree("{\"thing\":{\"name\":\"a\",\"shared\":true}}"), false).get(0);
        assertEquals(Set.of("name", "shared"), b.explicitlySet());
    }

    @Test
    void onUpdateEveryGivenAttributeIsSetEvenAtItsDefault() throws Exception {
        RequestBody b = schema.forUpdate(JSON.readTree("{\"thing\":{\"shared\":false}}"));
        assertEquals(Set.of("shared"), b.explicitlySet());
    }
}
