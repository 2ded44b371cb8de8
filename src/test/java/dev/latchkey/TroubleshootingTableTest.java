package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message id is declared once ({@link Message}) and documented once: docs/troubleshooting.md has
 * a row per id with the same words, and no document names an id that does not exist.
 */
class TroubleshootingTableTest {

    private static final Pattern ID = Pattern.compile("LK-\\d{3}");

    @Test
    void everyMessageHasItsRowAndTheRowSaysWhatTheCodeSays() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/troubleshooting.md"));
        List<String> missing = new ArrayList<>();
        for (Message message : Message.values()) {
            String row = "| " + message.id() + " | " + message.summary() + " | " + message.fix() + " |";
            if (!lines.contains(row)) {
                missing.add(row);
            }
        }
        assertEquals(List.of(), missing, "rows docs/troubleshooting.md must have, word for word");
    }

    @Test
    void messageIdsAreUniqueAndNoDocumentNamesAnUnknownOne() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (Message message : Message.values()) {
            assertTrue(declared.add(message.id()), "declared twice: " + message.id());
        }
        Set<String> unknown = new TreeSet<>();
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/troubleshooting.md"), Path.of("docs/guide.md"),
                Path.of("docs/security-model.md"), Path.of("docs/asvs.md"))) {
            Matcher id = ID.matcher(Files.readString(doc));
            while (id.find()) {
                if (!declared.contains(id.group())) {
                    unknown.add(doc + ": " + id.group());
                }
            }
        }
        assertEquals(Set.of(), unknown);
    }
}
