package dev.stratus.image.metadef.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a client sets on an object; {@code properties} maps names to normalised property definitions. */
public record ObjectFields(String name, String description, List<String> required, ObjectNode properties) {
}
