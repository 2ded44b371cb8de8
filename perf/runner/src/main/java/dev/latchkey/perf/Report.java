package dev.latchkey.perf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, as {@code results.json}, the chart and the Markdown printed at the end. */
final class Report {

    private final Options options;
    private final Map<String, Object> machine;
    private final Map<String, Object> versions;
    private final Map<String, Object> settings;
    private final List<CaseResult> cases;
    private final Map<Integer, CaseResult> byNumber = new LinkedHashMap<>();
    private final List<Scaling.Point> scaling;
    private final Map<String, Object> renewal;

    Report(Options options, Map<String, Object> machine, Map<String, Object> versions, Map<String, Object> settings,
            List<CaseResult> cases, List<Scaling.Point> scaling, Map<String, Object> renewal) {
        this.options = options;
        this.machine = machine;
        this.versions = versions;
        this.settings = settings;
        this.cases = cases;
        this.scaling = scaling;
        this.renewal = renewal;
        cases.forEach(r -> byNumber.put(r.loadCase().number(), r));
    }

    Map<String, Object> json(long runSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated", Instant.now().toString());
        json.put("run_seconds", runSeconds);
        json.put("machine", machine);
        json.put("versions", versions);
        json.put("settings", settings);
        json.put("cases", cases.stream().map(CaseResult::toMap).toList());
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("to_ceiling", Ratios.toCeiling(byNumber).stream().map(Ratios.Ratio::toMap).toList());
        ratios.put("comparisons", Ratios.comparisons(byNumber).stream().map(Ratios.Ratio::toMap).toList());
        json.put("ratios", ratios);
        json.put("scaling", scaling.stream().map(Scaling.Point::toMap).toList());
        json.put("renewal", renewal);
        return json;
    }

    String svg() {
        String subtitle = String.format("wrk -t%d -c%d -d%ds, median of %d round(s), whiskers min–max; %s cores;"
                        + " Payara Micro %s, PostgreSQL %s, Redis %s", options.threads(), options.connections(),
                options.durationSeconds(), options.rounds(), machine.get("cores"), versions.get("payara_micro"),
                versions.get("postgresql"), versions.get("redis"));
        return Chart.svg(cases, "Latchkey: requests per second by case", subtitle);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format("### Requests per second (wrk -t%d -c%d -d%ds --latency, median of %d round(s))%n%n",
                options.threads(), options.connections(), options.durationSeconds(), options.rounds()));
        md.append(Markdown.cases(cases, byNumber)).append('\n');
        md.append(Markdown.ratios(Ratios.comparisons(byNumber)));
        if (!scaling.isEmpty()) {
            md.append("\n### Case 2 with more sessions in the table\n\n").append(Markdown.scaling(scaling));
        }
        md.append("\n### Renewal writes\n\n").append(Markdown.renewal(renewal));
        md.append("\n### Machine and versions\n\n").append(Markdown.facts(machine)).append(Markdown.facts(versions));
        return md.toString();
    }
}
