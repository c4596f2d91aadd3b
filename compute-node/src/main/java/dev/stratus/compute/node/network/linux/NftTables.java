package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole nftables tables of the node, replaced atomically. Each table carries the digest of the text it was
 * made from as its comment, so an unchanged ruleset is recognised (after a restart too) and left alone.
 */
public final class NftTables {

    private static final Pattern COMMENT = Pattern.compile("^\\s*comment \"([^\"]*)\"\\s*$", Pattern.MULTILINE);

    /** A table as {@code family name}, e.g. {@code bridge stratus}. */
    public record Table(String family, String name) {
        @Override
        public String toString() {
            return family + " " + name;
        }
    }

    private final HostShell shell;

    public NftTables(HostShell shell) {
        this.shell = shell;
    }

    /** The comment of a table; empty when the table does not exist (an empty string when it has none). */
    public Optional<String> comment(String namespace, Table table) throws HostNetworkingException {
        CommandRunner.Result listed = shell.tryIn(namespace, null, "nft", "-t", "list", "table", table.family(),
                table.name());
        if (!listed.ok()) {
            if (listed.output().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw new HostNetworkingException("nft list table " + table + " failed: " + listed.output());
        }
        Matcher matcher = COMMENT.matcher(listed.output());
        return Optional.of(matcher.find() ? matcher.group(1) : "");
    }

    /**
     * Makes the tables exactly {@code definitions} (one per table, each {@code table <family> <name> {...}} with
     * {@code comment "<digest>"} inside), in one transaction, unless they already carry that digest.
     *
     * @return whether anything was changed
     */
    public boolean replace(String namespace, List<Table> tables, String definitions, String digest)
            throws HostNetworkingException {
        boolean current = true;
        for (Table table : tables) {
            current &= comment(namespace, table).map(digest::equals).orElse(false);
        }
        if (current) {
            return false;
        }
        StringBuilder script = new StringBuilder();
        for (Table table : tables) {
            // Declaring before deleting makes the delete valid whether or not the table exists.
            script.append("table ").append(table).append(" {}\n");
            script.append("delete table ").append(table).append('\n');
        }
        script.append(definitions);
        shell.inWithInput(namespace, script.toString(), "nft", "-f", "-");
        return true;
    }

    /** Deletes the tables that exist. */
    public void delete(String namespace, List<Table> tables) throws HostNetworkingException {
        StringBuilder script = new StringBuilder();
        for (Table table : tables) {
            if (comment(namespace, table).isPresent()) {
                script.append("delete table ").append(table).append('\n');
            }
        }
        if (script.length() > 0) {
            shell.inWithInput(namespace, script.toString(), "nft", "-f", "-");
        }
    }

    /** The digest written as a table's comment. */
    public static String digest(String definitions) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definitions.getBytes(StandardCharsets.UTF_8));
            return "stratus " + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
