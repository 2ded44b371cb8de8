package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.Message;
import dev.latchkey.core.MessageId;
import dev.latchkey.oauth.OAuthMessage;
import dev.latchkey.recovery.RecoveryMessage;
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
 * Every message id is declared once, by its area in its area's range ({@link Message}, {@link OAuthMessage},
 * {@link RecoveryMessage}), and documented once: docs/troubleshooting.md has a row per id with the same
 * words, and no document names an id that does not exist.
 */
class TroubleshootingTableTest {

    private static final Pattern ID = Pattern.compile("LK-\\d{3}");

    /** Every area's messages, each area in its own range. */
    private static final List<List<MessageId>> AREAS = List.of(List.of(Message.values()), List.of(OAuthMessage.values()),
            List.of(RecoveryMessage.values()));
    private static final List<String> RANGES = List.of("LK-[0-4]\\d\\d", "LK-5\\d\\d", "LK-6\\d\\d");

    private static List<MessageId> all() {
        return AREAS.stream().flatMap(List::stream).toList();
    }

    @Test
    void eachAreaKeepsToItsRange() {
        for (int area = 0; area < AREAS.size(); area++) {
            for (MessageId message : AREAS.get(area)) {
                assertTrue(message.id().matches(RANGES.get(area)), message + " " + message.id() + " outside " + RANGES.get(area));
            }
        }
    }

    @Test
    void everyMessageHasItsRowAndTheRowSaysWhatTheCodeSays() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/troubleshooting.md"));
        List<String> missing = new ArrayList<>();
        for (MessageId message : all()) {
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
        for (MessageId message : all()) {
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
