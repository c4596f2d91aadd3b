package dev.stratus.compute.node.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Milliseconds of repeated runs: min, median, p90, max and mean. */
final class Stats {

    private final List<Double> values = Collections.synchronizedList(new ArrayList<>());

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    double percentile(double p) {
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double mean() {
        synchronized (values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "min %.1f, median %.1f, p90 %.1f, max %.1f, mean %.1f ms (n=%d)",
                percentile(0), percentile(50), percentile(90), percentile(100), mean(), count());
    }
}
