package dev.latchkey.internal.web;

/** Text put into HTML that Latchkey writes itself: its pages, its mails, the page that moves a browser on. */
public final class Html {

    private Html() {
    }

    /** The text with {@code & < > " '} as character references: safe in element content and in quoted attributes. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
