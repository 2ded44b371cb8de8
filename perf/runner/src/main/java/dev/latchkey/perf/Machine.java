package dev.latchkey.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Facts about the machine and the software versions, for the report. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> facts() throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", procLine("/proc/cpuinfo", "model name"));
        m.put("memory", memory());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load_average_at_start", loadAverage());
        m.put("java", String.join(" / ", javaVersion()));
        return m;
    }

    /** The 1, 5 and 15 minute load averages: anything above 0 before the run means other work shares the cores. */
    static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        if (!Files.exists(load)) {
            return "unknown";
        }
        String[] parts = Files.readString(load).strip().split("\\s+");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** The versions the harness was built with (Maven fills them in). */
    static Properties builtVersions() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Machine.class.getResourceAsStream("/perf-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p;
    }

    private static String memory() throws IOException {
        String total = procLine("/proc/meminfo", "MemTotal");
        if (!total.endsWith(" kB")) {
            return total;
        }
        return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.replace(" kB", "")) / 1048576.0);
    }

    private static List<String> javaVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String procLine(String file, String key) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return "unknown";
        }
        return Files.readAllLines(path).stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
    }
}
