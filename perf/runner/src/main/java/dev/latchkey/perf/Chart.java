package dev.latchkey.perf;

import java.util.List;
import java.util.Locale;

/** The bar chart: median requests/s per case, a whisker from the slowest to the fastest round. */
final class Chart {

    private static final int WIDTH = 1080;
    private static final int HEIGHT = 470;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 70;
    private static final int BOTTOM = 80;

    private Chart() {
    }

    static String svg(List<CaseResult> results, String title, String subtitle) {
        double max = results.stream().filter(r -> !r.isPending()).mapToDouble(r -> r.rps().max()).max().orElse(1);
        double step = niceStep(max);
        double top = Math.ceil(max * 1.08 / step) * step;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(svg, WIDTH / 2.0, 24, "middle", "font-size=\"16\" font-weight=\"bold\"", title);
        text(svg, WIDTH / 2.0, 44, "middle", "fill=\"#555\"", subtitle);
        axis(svg, top, step);
        double slot = (double) (WIDTH - LEFT - RIGHT) / results.size();
        for (int i = 0; i < results.size(); i++) {
            bar(svg, results.get(i), LEFT + slot * i + slot / 2, slot * 0.6, top);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axis(StringBuilder svg, double top, double step) {
        double bottom = HEIGHT - BOTTOM;
        for (double v = 0; v <= top + step / 2; v += step) {
            double y = y(v, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            text(svg, LEFT - 8, y + 4, "end", "fill=\"#555\"", String.format(Locale.ROOT, "%,.0f", v));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\""
                + " fill=\"#333\">requests per second</text>%n", (TOP + bottom) / 2));
    }

    private static void bar(StringBuilder svg, CaseResult result, double x, double width, double top) {
        LoadCase c = result.loadCase();
        double bottom = HEIGHT - BOTTOM;
        text(svg, x, bottom + 18, "middle", "fill=\"#222\"", c.label());
        text(svg, x, bottom + 34, "middle", "fill=\"#777\" font-size=\"10\"", c.path());
        if (result.isPending()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"40\" fill=\"none\""
                    + " stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n", x - width / 2, bottom - 40, width));
            text(svg, x, bottom - 16, "middle", "fill=\"#777\"", "pending");
            return;
        }
        Spread rps = result.rps();
        double yMedian = y(rps.median(), top);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s: median %,.0f req/s (min %,.0f, max %,.0f)</title></rect>%n",
                x - width / 2, yMedian, width, bottom - yMedian, color(c.number()), escape(c.title()), rps.median(),
                rps.min(), rps.max()));
        double yMin = y(rps.min(), top);
        double yMax = y(rps.max(), top);
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"#222\""
                        + " stroke-width=\"1.5\" fill=\"none\"/>%n", x, yMin, yMax, x - 6, yMin, x + 6, x - 6, yMax, x + 6));
        text(svg, x, Math.min(yMax, yMedian) - 8, "middle", "font-weight=\"bold\" fill=\"#222\"",
                String.format(Locale.ROOT, "%,.0f", rps.median()));
    }

    private static String color(int number) {
        return switch (number) {
            case Cases.CEILING -> "#9e9e9e";
            case Cases.HTTP_SESSION_CASE, Cases.SPRING_SESSION_CASE, Cases.HTTP_SESSION_SECURITY_CASE -> "#d98a2b";
            case Cases.CACHED -> "#6fb0e8";
            case Cases.REDIS_STORE -> "#b5452f";
            default -> "#2f6db5";
        };
    }

    private static double y(double value, double top) {
        return HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP);
    }

    /** 1, 2 or 5 times a power of ten, giving four to eight grid lines. */
    private static double niceStep(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(max, 1) / 5)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (max / (factor * magnitude) <= 8) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
                x, y, anchor, attributes, escape(text)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
