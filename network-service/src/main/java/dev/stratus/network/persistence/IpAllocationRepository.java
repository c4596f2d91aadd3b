package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ip_allocations} table: which port holds which address of which subnet. Its primary key
 * (subnet, address) is what makes an address impossible to hand out twice.
 */
@ApplicationScoped
public class IpAllocationRepository {

    private final Db db;

    public IpAllocationRepository(Db db) {
        this.db = db;
    }

    /** False when another port holds the address (committed, or committed while this waited). */
    public boolean insert(String subnetId, String networkId, String portId, IpAddress address) {
        return db.update("insert into ip_allocations (subnet_id, ip_address, port_id, network_id) "
                + "values (?, ?::inet, ?, ?) on conflict do nothing", subnetId, address.toString(), portId, networkId) > 0;
    }

    /** The port holding an address of a subnet. */
    public Optional<String> holder(String subnetId, IpAddress address) {
        return db.one("select port_id from ip_allocations where subnet_id = ? and ip_address = ?::inet",
                rs -> rs.getString(1), subnetId, address.toString());
    }

    /** The highest allocated address within the range, if any. */
    public Optional<IpAddress> highestIn(String subnetId, IpRange range) {
        return db.one("select host(ip_address) from ip_allocations where subnet_id = ? "
                + "and ip_address between ?::inet and ?::inet order by ip_address desc limit 1", rs -> rs.getString(1),
                subnetId, range.first().toString(), range.last().toString()).map(IpAddress::of);
    }

    /** The lowest free address of the range: its first address, or the first one above an allocated one. */
    public Optional<IpAddress> lowestFreeIn(String subnetId, IpRange range) {
        String first = range.first().toString();
        String last = range.last().toString();
        return db.one("select host(c) from ("
                + " select ?::inet as c where not exists (select 1 from ip_allocations where subnet_id = ? and ip_address = ?::inet)"
                + " union all"
                + " (select a.ip_address + 1 from ip_allocations a where a.subnet_id = ? and a.ip_address >= ?::inet"
                + "  and a.ip_address < ?::inet and not exists (select 1 from ip_allocations b"
                + "  where b.subnet_id = a.subnet_id and b.ip_address = a.ip_address + 1) order by a.ip_address limit 1)"
                + ") free order by c limit 1", rs -> rs.getString(1), first, subnetId, first, subnetId, first, last)
                .map(IpAddress::of);
    }

    public void deleteForPort(String portId) {
        db.update("delete from ip_allocations where port_id = ?", portId);
    }

    public void delete(String portId, String subnetId, String address) {
        db.update("delete from ip_allocations where port_id = ? and subnet_id = ? and ip_address = ?::inet", portId,
                subnetId, address);
    }

    /** Ids of the ports holding addresses of a subnet. */
    public List<String> portsOnSubnet(String subnetId) {
        return db.list("select distinct port_id from ip_allocations where subnet_id = ?", rs -> rs.getString(1), subnetId);
    }

    public void deleteForSubnet(String subnetId) {
        db.update("delete from ip_allocations where subnet_id = ?", subnetId);
    }
}
