package dev.stratus.network.persistence.listing;

/**
 * How one attribute of a resource is found in SQL, for filters and sort keys.
 *
 * @param expression SQL over the listing's table alias, e.g. {@code p.binding_host_id}
 * @param type how filter values are converted and compared
 * @param nullable sorted as if null were the smallest value (Neutron's order)
 */
public record Column(String expression, Type type, boolean nullable) {

    public enum Type { TEXT, BOOL, INT, INET, TIME }

    public static Column text(String expression) {
        return new Column(expression, Type.TEXT, false);
    }

    public static Column nullableText(String expression) {
        return new Column(expression, Type.TEXT, true);
    }

    public static Column bool(String expression) {
        return new Column(expression, Type.BOOL, false);
    }

    public static Column integer(String expression) {
        return new Column(expression, Type.INT, false);
    }

    public static Column nullableInteger(String expression) {
        return new Column(expression, Type.INT, true);
    }

    public static Column inet(String expression) {
        return new Column(expression, Type.INET, true);
    }

    public static Column time(String expression) {
        return new Column(expression, Type.TIME, false);
    }

    /** An expression that never is null, so that keyset comparisons hold (nulls first, as Neutron sorts). */
    String sortExpression() {
        if (!nullable) {
            return expression;
        }
        return switch (type) {
            case INT -> "coalesce(" + expression + ", -2147483648)";
            case INET -> "coalesce(host(" + expression + "), '')";
            default -> "coalesce(" + expression + ", '')";
        };
    }
}
