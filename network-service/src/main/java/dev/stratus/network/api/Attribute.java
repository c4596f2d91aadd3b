package dev.stratus.network.api;

/**
 * One attribute of a resource body, as Neutron's RESOURCE_ATTRIBUTE_MAP declares it: whether POST and PUT
 * accept it, its default on POST (none means required) and how its value is read.
 */
public record Attribute(String name, boolean allowPost, boolean allowPut, boolean required, Object defaultValue,
        ValueReader reader) {

    /** Default of an attribute whose value, when absent, the service computes (Neutron's ATTR_NOT_SPECIFIED). */
    public static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "ATTR_NOT_SPECIFIED";
        }
    };

    /** Settable on create and update, with a default. */
    public static Attribute writable(String name, Object defaultValue, ValueReader reader) {
        return new Attribute(name, true, true, false, defaultValue, reader);
    }

    /** Settable on create only, with a default. */
    public static Attribute createOnly(String name, Object defaultValue, ValueReader reader) {
        return new Attribute(name, true, false, false, defaultValue, reader);
    }

    /** Required on create, not updatable. */
    public static Attribute required(String name, ValueReader reader) {
        return new Attribute(name, true, false, true, null, reader);
    }

    /** Required on create and updatable. */
    public static Attribute requiredWritable(String name, ValueReader reader) {
        return new Attribute(name, true, true, true, null, reader);
    }

    /** Shown but never accepted in a body. */
    public static Attribute readOnly(String name) {
        return new Attribute(name, false, false, false, null, v -> v);
    }
}
