package dev.latchkey.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte on a socket: for requests no well-behaved client sends (any byte in
 * a header, any {@code Host}, any method) and for connections from an address other than loopback.
 * One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    /** A response as received: status, header lines, body (chunked bodies are not decoded). */
    public record Response(int status, List<String> headerLines, String body) {

        /** Every value of a header, by name in any case. */
        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }

        public Optional<String> header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private RawHttp() {
    }

    /** A request: method and target as given, then the header lines (name and value as raw Latin-1 text), then the body. */
    public static byte[] request(String method, String target, List<String> headerLines, String body) {
        StringBuilder text = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
        if (body != null) {
            text.append("Content-Length: ").append(content.length).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** Sends the bytes to {@code address:port} (from {@code localAddress} when given) and reads the whole answer. */
    public static Response send(InetAddress address, int port, InetAddress localAddress, byte[] request) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before reading a long request: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer within 30 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer: keep what arrived
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
        if (lines.isEmpty() || !lines.get(0).startsWith("HTTP/1.")) {
            return new Response(0, List.of(), text); // no HTTP answer at all: the connection was closed
        }
        String[] statusLine = lines.remove(0).split(" ", 3);
        return new Response(Integer.parseInt(statusLine[1]), Collections.unmodifiableList(lines), body);
    }

    /** An IPv4 address of this machine that is not loopback: a connection to it is not a loopback connection. */
    public static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("this machine has no network address but loopback; the test needs one"
                + " to make a connection that is not from this machine to itself");
    }

}
