package dev.stratus.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options and positional arguments of one subcommand. */
final class CommandArguments {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandArguments() {
    }

    /** @param allowed option names (without dashes) this subcommand accepts */
    static CommandArguments parse(List<String> args, Set<String> allowed) {
        CommandArguments parsed = new CommandArguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                parsed.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (parsed.options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return parsed;
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    String optional(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int port(String name) {
        return parsePort("--" + name, required(name));
    }

    List<String> positional() {
        return positional;
    }

    static int parsePort(String what, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(what + " must be a port number (1-65535), got '" + value + "'");
    }
}
