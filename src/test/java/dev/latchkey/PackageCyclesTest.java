package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.Latchkey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages of the compiled main classes form a straight line from the Jakarta EE edge down to the
 * plain-Java core: no package depends, directly or through others, on one that depends on it. Read
 * from the class files by the JDK's {@code jdeps}, so every reference counts, imports or not.
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.latchkey[\\w.]*)\\s+->\\s+(dev\\.latchkey[\\w.]*)\\s");

    @Test
    void thePackagesHaveNoCycleAndTheCoreDependsOnNoOtherPackage() throws Exception {
        Map<String, Set<String>> edges = dependencies();
        assertTrue(edges.containsKey("dev.latchkey.cdi") && edges.size() >= 8, "jdeps read the packages: " + edges);
        List<Set<String>> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(edges)) {
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
        assertEquals(Set.of("dev.latchkey.internal.log"), edges.getOrDefault("dev.latchkey.core", Set.of()),
                "the core depends on no other package but the rate-limited log it shares");
        assertEquals(Set.of(), edges.getOrDefault("dev.latchkey.internal.log", Set.of()), "which depends on none");
        assertTrue(!edges.getOrDefault("dev.latchkey.internal.rest", Set.of()).contains("dev.latchkey.internal.security"),
                "the Jakarta REST providers answer as the servlet side does, without the mechanism: " + edges.get("dev.latchkey.internal.rest"));
    }

    private static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(Latchkey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-e", "dev\\.latchkey\\..*",
                classes.toString());
        assertEquals(0, exit, out::toString);
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                edges.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
                edges.computeIfAbsent(edge.group(2), k -> new TreeSet<>());
            }
        }
        return edges;
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : edges.keySet()) {
            if (!index.containsKey(node)) {
                visit(node, edges, index, low, stack, components);
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : edges.get(node)) {
            if (!index.containsKey(next)) {
                visit(next, edges, index, low, stack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
