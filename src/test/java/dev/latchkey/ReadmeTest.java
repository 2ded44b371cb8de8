package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * src/test/README.md names every test, suite, benchmark and support class, so that a maintainer finds
 * each from there. The test application's classes ({@code it/app}, {@code it/extra}) are named as packages.
 */
class ReadmeTest {

    private static final Path TESTS = Path.of("src", "test", "java", "dev", "latchkey");

    @Test
    void theTestReadmeNamesEveryTestAndSupportClass() throws IOException {
        String readme = Files.readString(Path.of("src", "test", "README.md"));
        List<String> classes;
        try (Stream<Path> files = Files.walk(TESTS)) {
            classes = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(TESTS.resolve("it").resolve("app")) && !f.startsWith(TESTS.resolve("it").resolve("extra")))
                    .map(f -> f.getFileName().toString().replace(".java", ""))
                    .sorted().toList();
        }
        assertTrue(classes.size() > 100, "the test tree was read: " + classes.size());
        List<String> unnamed = classes.stream()
                .filter(name -> !Pattern.compile("`([\\w.]+\\.)?" + name + "`").matcher(readme).find())
                .toList();
        assertEquals(List.of(), unnamed, "classes src/test/README.md does not name");
    }
}
