package dev.stratus.image.metadef.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validator's verdicts and messages, compared with python-jsonschema 4's on Glance's schemas. */
class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<String> check(Map<String, Object> schema, String body) throws Exception {
        return SchemaValidator.firstError(schema, JSON.readTree(body));
    }

    @Test
    void validBodiesPass() throws Exception {
        assertEquals(Optional.empty(), check(MetadefSchemas.namespace(), """
                {"namespace": "OS::Compute::Test", "visibility": "public", "protected": true,
                 "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "hw_"}],
                 "properties": {"cpu": {"title": "CPU", "type": "integer", "minimum": 1}},
                 "objects": [{"name": "o", "required": ["cpu"], "properties": {"x": {"title": "X", "type": "string"}}}],
                 "tags": [{"name": "t"}]}"""));
        assertEquals(Optional.empty(), check(MetadefSchemas.property(),
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"string\", \"enum\": [\"a\", \"b\"],"
                        + " \"maxLength\": 3}"));
        assertEquals(Optional.empty(), check(MetadefSchemas.tagList(), "{\"tags\": [{\"name\": \"a\"}]}"));
    }

    @Test
    void messagesAreJsonschemas() throws Exception {
        assertEquals(Optional.of("'namespace' is a required property"),
                check(MetadefSchemas.namespace(), "{\"display_name\": 1}"));
        assertEquals(Optional.of("Additional properties are not allowed ('bar', 'foo' were unexpected)"),
                check(MetadefSchemas.namespace(), "{\"foo\": 1, \"bar\": 2}"));
        assertEquals(Optional.of("Additional properties are not allowed ('foo' was unexpected)"),
                check(MetadefSchemas.object(), "{\"name\": \"o\", \"foo\": 1}"));
        assertEquals(Optional.of("'shared' is not one of ['public', 'private']"),
                check(MetadefSchemas.namespace(), "{\"namespace\": \"n\", \"visibility\": \"shared\"}"));
        assertEquals(Optional.of("'yes' is not of type 'boolean'"),
                check(MetadefSchemas.namespace(), "{\"namespace\": \"n\", \"protected\": \"yes\"}"));
        assertEquals(Optional.of("'" + "x".repeat(81) + "' is too long"),
                check(MetadefSchemas.tag(), "{\"name\": \"" + "x".repeat(81) + "\"}"));
        assertEquals(Optional.of("[] should be non-empty"), check(MetadefSchemas.property(),
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"string\", \"required\": []}"));
        assertEquals(Optional.of("['a', 'a'] has non-unique elements"), check(MetadefSchemas.object(),
                "{\"name\": \"o\", \"required\": [\"a\", \"a\"]}"));
        assertEquals(Optional.of("-1 is less than the minimum of 0"), check(MetadefSchemas.property(),
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"string\", \"maxLength\": -1}"));
        assertEquals(Optional.of("'text' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string',"
                + " None]"), check(MetadefSchemas.property(),
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"text\"}"));
        assertEquals(Optional.of("None is not of type 'string'"),
                check(MetadefSchemas.property(), "{\"name\": \"p\", \"title\": null, \"type\": \"string\"}"));
    }

    @Test
    void theShallowestErrorWins() throws Exception {
        // A missing name (depth 0) outranks a bad type deeper down, as best_match ranks them.
        assertEquals(Optional.of("'name' is a required property"),
                check(MetadefSchemas.property(), "{\"title\": 1, \"type\": \"string\"}"));
        // Definitions are followed through $ref: a namespace property needs a title.
        assertEquals(Optional.of("'title' is a required property"),
                check(MetadefSchemas.namespace(),
                        "{\"namespace\": \"n\", \"properties\": {\"p\": {\"type\": \"string\"}}}"));
        assertEquals(Optional.of("{'x': [1, 'y']} is not of type 'string'"),
                check(MetadefSchemas.tag(), "{\"name\": {\"x\": [1, \"y\"]}}"));
    }
}
