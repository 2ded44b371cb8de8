package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source file grows past what one reader takes in at a sitting: at most {@value #MAX_CODE_LINES}
 * lines of code (blank lines and comments excluded) and {@value #MAX_LINES} lines in all. A class that
 * needs more has more than one job; split it.
 */
class ClassSizeTest {

    static final int MAX_CODE_LINES = 250;
    static final int MAX_LINES = 400;

    @Test
    void everyMainClassStaysSmall() throws IOException {
        Map<String, String> tooLarge = new TreeMap<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(source);
                int code = codeLines(lines);
                if (code > MAX_CODE_LINES || lines.size() > MAX_LINES) {
                    tooLarge.put(source.toString(), code + " lines of code, " + lines.size() + " in all");
                }
            }
        }
        assertTrue(files > 100, "the sources were read: " + files);
        assertEquals(Map.of(), tooLarge, "at most " + MAX_CODE_LINES + " lines of code and " + MAX_LINES + " in all");
    }

    @Test
    void commentsAndBlankLinesAreNotCode() {
        assertEquals(3, codeLines(List.of("/**", " * A comment.", " */", "class A {", "", "    // a note",
                "    int a; /* inline */", "    /* one line */", "}")));
        assertEquals(2, codeLines(List.of("String all = \"/*\";", "int after;")), "a string is not a comment");
    }

    /** Lines holding something besides whitespace and comments. */
    static int codeLines(List<String> lines) {
        int code = 0;
        boolean inComment = false;
        for (String line : lines) {
            // a string's content is never a comment: "/*" in a URL pattern opens nothing
            String rest = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").strip();
            boolean hasCode = false;
            while (!rest.isEmpty()) {
                if (inComment) {
                    int end = rest.indexOf("*/");
                    if (end < 0) {
                        rest = "";
                    } else {
                        rest = rest.substring(end + 2).strip();
                        inComment = false;
                    }
                } else if (rest.startsWith("//")) {
                    rest = "";
                } else if (rest.startsWith("/*")) {
                    inComment = true;
                    rest = rest.substring(2);
                } else {
                    hasCode = true;
                    int next = rest.indexOf("/*");
                    rest = next < 0 ? "" : rest.substring(next);
                }
            }
            if (hasCode) {
                code++;
            }
        }
        return code;
    }
}
