package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/asvs.md names, for each ASVS 5.0 requirement it covers, the tests that prove it: every one of
 * them must exist, and no requirement of the chapters it covers may be missing.
 */
class AsvsTableTest {

    /** How many requirements each covered section of ASVS 5.0.0 has. */
    private static final Map<String, Integer> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("3.3", 5);
        SECTIONS.put("3.5", 8);
        SECTIONS.put("6.1", 3);
        SECTIONS.put("6.2", 12);
        SECTIONS.put("6.3", 8);
        SECTIONS.put("6.4", 6);
        SECTIONS.put("6.8", 4);
        SECTIONS.put("7.1", 3);
        SECTIONS.put("7.2", 4);
        SECTIONS.put("7.3", 2);
        SECTIONS.put("7.4", 5);
        SECTIONS.put("7.5", 3);
        SECTIONS.put("7.6", 2);
        SECTIONS.put("10.1", 2);
        SECTIONS.put("10.2", 3);
        SECTIONS.put("10.5", 5);
        SECTIONS.put("11.4", 4);
    }

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+\\.\\d+\\.\\d+) \\| (\\d) \\|[^|]+\\| ([a-z/ ]+) \\| (.+) \\|$");
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-zA-Z0-9]+)`");
    private static final Set<String> STATUSES = Set.of("met", "partly", "application", "not yet", "n/a");

    @Test
    void everyRequirementIsThereAndEveryNamedTestExists() throws IOException, URISyntaxException {
        List<String> rows = new ArrayList<>();
        List<String> missingTests = new ArrayList<>();
        int references = 0;
        for (String line : Files.readAllLines(Path.of("docs/asvs.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            rows.add(row.group(1));
            assertTrue(STATUSES.contains(row.group(3)), "status of " + row.group(1) + ": " + row.group(3));
            assertFalse(row.group(4).isBlank(), "proof or reason of " + row.group(1));
            Matcher test = TEST.matcher(row.group(4));
            while (test.find()) {
                references++;
                if (!testExists(test.group(1), test.group(2))) {
                    missingTests.add(row.group(1) + ": " + test.group(1) + "#" + test.group(2));
                }
            }
        }
        List<String> expected = new ArrayList<>();
        SECTIONS.forEach((section, count) -> {
            for (int i = 1; i <= count; i++) {
                expected.add(section + "." + i);
            }
        });
        assertEquals(expected, rows, "one row per requirement, in order");
        assertTrue(missingTests.isEmpty(), "tests named in docs/asvs.md that do not exist: " + missingTests);
        assertTrue(references > 50, "the table names the tests that prove it: " + references);
    }

    private static boolean testExists(String simpleName, String method) throws URISyntaxException, IOException {
        Optional<Class<?>> type = findClass(simpleName);
        if (type.isEmpty()) {
            return false;
        }
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type.get()));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && (m.isAnnotationPresent(Test.class)
                        || m.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class))) {
                    return true;
                }
            }
            if (c.getSuperclass() != null) {
                todo.push(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    /** The test class of that simple name among the compiled test classes. */
    private static Optional<Class<?>> findClass(String simpleName) throws URISyntaxException, IOException {
        Path root = Path.of(AsvsTableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
                    .findFirst()
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(AsvsTableTest::load);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AsvsTableTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
