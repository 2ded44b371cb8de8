package dev.latchkey.web;

/**
 * The {@code proto} and {@code host} of the first element of an RFC 7239 {@code Forwarded} header,
 * the one the proxy nearest the client wrote. Either is {@code null} when absent or malformed.
 */
record ForwardedElement(String proto, String host) {

    static ForwardedElement parseFirst(String header) {
        String proto = null;
        String host = null;
        int i = 0;
        int n = Math.min(header.length(), WebOrigin.MAX_HEADER_LENGTH);
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';' && header.charAt(i) != ',') {
                i++;
            }
            if (i >= n || header.charAt(i) != '=') {
                if (i < n && header.charAt(i) == ',') {
                    break; // end of the first element
                }
                continue;
            }
            String name = header.substring(nameStart, i).strip();
            i++;
            String value;
            if (i < n && header.charAt(i) == '"') {
                int close = header.indexOf('"', i + 1);
                if (close < 0) {
                    return new ForwardedElement(null, null);
                }
                value = header.substring(i + 1, close);
                i = close + 1;
            } else {
                int start = i;
                while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                    i++;
                }
                value = header.substring(start, i).strip();
            }
            if (name.equalsIgnoreCase("proto")) {
                proto = value;
            } else if (name.equalsIgnoreCase("host")) {
                host = value;
            }
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) == ',') {
                break;
            }
        }
        return new ForwardedElement(proto, host);
    }
}
