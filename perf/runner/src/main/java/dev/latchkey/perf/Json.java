package dev.latchkey.perf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

/** A small JSON writer for maps, collections, strings, numbers, booleans and null; indented by two spaces. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map, indent);
        } else if (value instanceof Collection<?> list) {
            writeList(out, list, indent);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(inner);
            string(out, String.valueOf(e.getKey()));
            out.append(": ");
            write(out, e.getValue(), inner);
            out.append(++i < map.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeList(StringBuilder out, Collection<?> list, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean simple = list.stream().noneMatch(v -> v instanceof Map || v instanceof Collection);
        String inner = indent + "  ";
        out.append(simple ? "[" : "[\n");
        int i = 0;
        for (Object item : list) {
            if (!simple) {
                out.append(inner);
            }
            write(out, item, inner);
            boolean last = ++i == list.size();
            out.append(simple ? (last ? "" : ", ") : (last ? "\n" : ",\n"));
        }
        out.append(simple ? "" : indent).append(']');
    }

    /** Three decimals at most; NaN and infinities (no value) as null. */
    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        return BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
