package dev.stratus.scheduler.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The trait and custom resource-class catalogues. */
@ApplicationScoped
public class CatalogRepository {

    public Set<String> traits(Connection c) throws SQLException {
        return names(c, "SELECT name FROM traits");
    }

    /** Names of traits that are in use by at least one provider. */
    public Set<String> associatedTraits(Connection c) throws SQLException {
        return names(c, "SELECT DISTINCT trait FROM provider_traits");
    }

    public boolean traitExists(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM traits WHERE name = ?", name);
    }

    public boolean traitInUse(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM provider_traits WHERE trait = ? LIMIT 1", name);
    }

    /** Adds the traits that do not exist yet; returns whether {@code names} held a new one. */
    public boolean addTraits(Connection c, Collection<String> names) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO traits (name, custom) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            for (String name : new TreeSet<>(names)) {
                ps.setString(1, name);
                ps.setBoolean(2, name.startsWith("CUSTOM_"));
                added += ps.executeUpdate();
            }
        }
        return added > 0;
    }

    public void deleteTrait(Connection c, String name) throws SQLException {
        update(c, "DELETE FROM traits WHERE name = ?", name);
    }

    public Set<String> customResourceClasses(Connection c) throws SQLException {
        return names(c, "SELECT name FROM resource_classes");
    }

    public boolean resourceClassExists(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM resource_classes WHERE name = ?", name);
    }

    public boolean addResourceClass(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO resource_classes (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
    }

    public boolean resourceClassInUse(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM inventories WHERE resource_class = ? LIMIT 1", name)
                || exists(c, "SELECT 1 FROM allocations WHERE resource_class = ? LIMIT 1", name);
    }

    public void deleteResourceClass(Connection c, String name) throws SQLException {
        update(c, "DELETE FROM resource_classes WHERE name = ?", name);
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

}
