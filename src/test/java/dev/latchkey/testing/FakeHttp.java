package dev.latchkey.testing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A servlet request and response in memory, for fast tests of the servlet side: only what Latchkey
 * calls is answered, and anything else fails the test loudly. The container tests cover the real thing.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** A request: {@code GET http://localhost/} over loopback unless told otherwise. */
    public static final class Request {
        private String method = "GET";
        private String scheme = "http";
        private String remoteAddress = "127.0.0.1";
        private String localAddress = "127.0.0.1";
        private String uri = "/app/page";
        private String query;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, Object> attributes = new HashMap<>();

        public Request() {
            header("Host", "localhost:8080");
        }

        public Request method(String value) {
            method = value;
            return this;
        }

        public Request scheme(String value) {
            scheme = value;
            return this;
        }

        public Request remoteAddress(String value) {
            remoteAddress = value;
            return this;
        }

        public Request localAddress(String value) {
            localAddress = value;
            return this;
        }

        /** Replaces the header's values with this one. */
        public Request header(String name, String value) {
            headers.put(name, new ArrayList<>(List.of(value)));
            return this;
        }

        /** The request target: a path under {@code /app}, with a query or without. */
        public Request target(String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            uri = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            query = q < 0 ? null : pathAndQuery.substring(q + 1);
            return this;
        }

        private String[] parameterValues(String name) {
            List<String> values = new ArrayList<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
                        values.add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                }
            }
            return values.isEmpty() ? null : values.toArray(String[]::new);
        }

        public HttpServletRequest build() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getScheme" -> scheme;
                        case "isSecure" -> scheme.equals("https");
                        case "getRemoteAddr" -> remoteAddress;
                        case "getLocalAddr" -> localAddress;
                        case "getRequestURI" -> uri;
                        case "getQueryString" -> query;
                        case "getParameterValues" -> parameterValues((String) args[0]);
                        case "getParameter" -> {
                            String[] values = parameterValues((String) args[0]);
                            yield values == null ? null : values[0];
                        }
                        case "getContextPath" -> "/app";
                        case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "removeAttribute" -> {
                            attributes.remove((String) args[0]);
                            yield null;
                        }
                        case "getAttributeNames" -> Collections.enumeration(new ArrayList<>(attributes.keySet()));
                        case "toString" -> "FakeRequest[" + method + " " + uri + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("FakeHttp.Request does not answer " + m.getName());
                    });
        }
    }

    /** A response that records what is set on it. */
    public static final class Response {
        private int status = 200;
        private boolean committed;
        private String errorMessage;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final StringWriter body = new StringWriter();

        /** Commits it, as a response whose body has started. */
        public Response committed() {
            committed = true;
            return this;
        }

        public int status() {
            return status;
        }

        public boolean isCommitted() {
            return committed;
        }

        /** The message given to {@code sendError}, or {@code null}. */
        public String errorMessage() {
            return errorMessage;
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        public String body() {
            return body.toString();
        }

        public HttpServletResponse build() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "isCommitted" -> committed;
                        case "setStatus" -> {
                            status = committed ? status : (int) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "sendError" -> {
                            if (committed) {
                                throw new IllegalStateException("committed");
                            }
                            status = (int) args[0];
                            errorMessage = args.length > 1 ? (String) args[1] : null;
                            committed = true;
                            yield null;
                        }
                        case "addHeader" -> {
                            if (!committed) {
                                headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                            }
                            yield null;
                        }
                        case "setHeader" -> {
                            if (!committed) {
                                headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                            }
                            yield null;
                        }
                        case "getHeader" -> header((String) args[0]);
                        case "getHeaders" -> headers((String) args[0]);
                        case "setContentType" -> null;
                        case "getWriter" -> new PrintWriter(body, true);
                        case "toString" -> "FakeResponse[" + status + "]";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException("FakeHttp.Response does not answer " + m.getName());
                    });
        }
    }
}
