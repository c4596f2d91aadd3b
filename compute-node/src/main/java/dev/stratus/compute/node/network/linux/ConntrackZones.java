package dev.stratus.compute.node.network.linux;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A conntrack zone per tenant network, so two networks with the same addresses never share connection
 * state. A zone follows from the network id alone (a hash), so it stays the same while other networks come
 * and go and established connections keep their state; a collision moves the later id (in id order) along.
 */
public final class ConntrackZones {

    private static final int ZONES = 65000;

    private ConntrackZones() {
    }

    public static Map<String, Integer> of(List<String> networkIds) {
        Map<String, Integer> zones = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        networkIds.stream().sorted().distinct().forEach(id -> {
            CRC32 crc = new CRC32();
            crc.update(id.getBytes(StandardCharsets.UTF_8));
            int zone = (int) (crc.getValue() % ZONES) + 1;
            while (!taken.add(zone)) {
                zone = zone % ZONES + 1;
            }
            zones.put(id, zone);
        });
        return zones;
    }
}
