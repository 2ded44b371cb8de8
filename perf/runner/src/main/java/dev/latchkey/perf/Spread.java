package dev.latchkey.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Median, minimum and maximum of one number over the rounds. */
record Spread(double median, double min, double max) {

    static <T> Spread of(List<T> rounds, ToDoubleFunction<T> value) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN);
        }
        int mid = values.length / 2;
        double median = values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        return new Spread(median, values[0], values[values.length - 1]);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median);
        m.put("min", min);
        m.put("max", max);
        return m;
    }
}
