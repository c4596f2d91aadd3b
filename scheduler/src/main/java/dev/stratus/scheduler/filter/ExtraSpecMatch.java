package dev.stratus.scheduler.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Nova's extra-spec operators, matched against the values a host offers for a key: the requirement matches
 * when one offered value does. As in Nova the operator is the first word of the requirement: {@code = 4}
 * (numeric at least), {@code == 4}, {@code != 4}, {@code >= 4}, {@code <= 4}, {@code s== x}, {@code s!= x},
 * {@code s< x}, {@code s<= x}, {@code s> x}, {@code s>= x}, {@code <in> sub} (substring),
 * {@code <all-in> a b} (every word a substring), {@code <or> a <or> b}; anything else is compared as a
 * whole string.
 */
final class ExtraSpecMatch {

    private ExtraSpecMatch() {
    }

    static boolean matches(String requirement, Set<String> offered) {
        for (String value : offered) {
            if (matches(requirement, value)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String requirement, String value) {
        String req = requirement.trim();
        List<String> words = Arrays.asList(req.split("\\s+"));
        String op = words.get(0);
        List<String> args = words.subList(1, words.size());
        if (!isOperator(op)) {
            return value.equals(req);
        }
        if (op.equals("<or>")) {
            // <or> v1 <or> v2 ...: the values are every other word.
            for (int i = 0; i < args.size(); i += 2) {
                if (args.get(i).equals(value)) {
                    return true;
                }
            }
            return false;
        }
        if (args.isEmpty()) {
            return false;
        }
        String arg = args.get(0);
        return switch (op) {
            case "<in>" -> value.contains(arg);
            case "<all-in>" -> args.stream().allMatch(value::contains);
            case "s==" -> value.equals(arg);
            case "s!=" -> !value.equals(arg);
            case "s<" -> value.compareTo(arg) < 0;
            case "s<=" -> value.compareTo(arg) <= 0;
            case "s>" -> value.compareTo(arg) > 0;
            case "s>=" -> value.compareTo(arg) >= 0;
            default -> numeric(op, value, arg);
        };
    }

    private static boolean isOperator(String word) {
        return switch (word) {
            case "=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s<=", "s>", "s>=", "<in>", "<all-in>", "<or>" -> true;
            default -> false;
        };
    }

    private static boolean numeric(String op, String value, String arg) {
        double have;
        double wanted;
        try {
            have = Double.parseDouble(value.trim());
            wanted = Double.parseDouble(arg);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
        return switch (op) {
            case "=", ">=" -> have >= wanted;
            case "==" -> have == wanted;
            case "!=" -> have != wanted;
            case "<=" -> have <= wanted;
            default -> false;
        };
    }
}
