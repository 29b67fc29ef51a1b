package org.xcp.clusterstack.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The control socket's wire format, the one place both ends encode and decode it. Text is UTF-8; {@code \n}
 * ends a line. One connection carries one exchange:
 *
 * <pre>
 * request  VERB[ ARG]...\n          at most {@value #MAX_REQUEST_BYTES} bytes; VERB is a {@link Verb#word()},
 *                                   each ARG a word without white space, one space between them, and only
 *                                   the arguments {@link Verb#checkArgs} allows
 * reply    CODE LENGTH\n            the exit code (an {@link org.xcp.clusterstack.api.ExitCode} number) and the
 *                                   length in bytes of the output, both decimal
 *          MESSAGE\n                one line for the script's stderr; empty on success
 *          OUTPUT                   exactly LENGTH bytes: what the script prints on stdout
 * </pre>
 *
 * <p>The client writes the request, the daemon answers and closes. Examples: {@code query_liveset\n} answered by
 * {@code 0 1234\n\n<?xml ...}; {@code propose_master\n} by a host not yet Online answered by
 * {@code 17 0\nREASON\n}; {@code fist enable sf.slow.once\n} answered by
 * {@code 0 13\n\nsf.slow.once\n}. Anything else is malformed: a request is then refused with exit 1, a reply
 * is exit 3 for the script, each with a one-line reason.
 */
public final class ControlProtocol {
    /**
     * A request's longest line, its end of line included. The longest the scripts and the CLI send is
     * {@code fist disable NAME} with a fault point's name (under 40 bytes); 256 leaves room and lets a reader
     * hold any request in a small fixed buffer.
     */
    public static final int MAX_REQUEST_BYTES = 256;

    private ControlProtocol() {
    }

    public static byte[] encode(Request request) {
        return (request + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One request line, its {@code \n} included; exit 1 in one line if it is not a request. */
    public static Request decodeRequest(byte[] line) {
        if (line.length > MAX_REQUEST_BYTES) {
            throw malformedRequest("longer than " + MAX_REQUEST_BYTES + " bytes");
        }
        if (line.length == 0 || line[line.length - 1] != '\n') {
            throw malformedRequest("no end of line");
        }
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw malformedRequest("empty");
        }
        List<String> words = List.of(text.split(" ", -1));
        if (words.contains("")) {
            throw malformedRequest("'" + printable(text) + "' has an empty word");
        }
        return new Request(Verb.parse(words.get(0)), words.subList(1, words.size()));
    }

    /**
     * The request in the first {@code length} bytes read from a connection: empty while its line is not yet
     * complete; exit 1 in one line as soon as it is longer than {@value #MAX_REQUEST_BYTES} bytes or anything
     * follows its end of line. So a reader needs a buffer of {@code MAX_REQUEST_BYTES + 1} bytes, never more,
     * whatever a client sends.
     */
    public static Optional<Request> requestIn(byte[] received, int length) {
        int end = indexOf(received, 0, length);
        if (end < 0) {
            if (length > MAX_REQUEST_BYTES) {
                throw malformedRequest("longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            return Optional.empty();
        }
        if (end + 1 < length) {
            throw malformedRequest("more than one line");
        }
        return Optional.of(decodeRequest(Arrays.copyOf(received, length)));
    }

    public static byte[] encode(Reply reply) {
        byte[] out = reply.stdout().getBytes(StandardCharsets.UTF_8);
        byte[] head = (reply.status() + " " + out.length + "\n" + reply.message() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + out.length);
        System.arraycopy(out, 0, all, head.length, out.length);
        return all;
    }

    /** A whole reply, as read until the daemon closed; exit 3 in one line if it is not a reply. */
    public static Reply decodeReply(byte[] bytes) {
        int headerEnd = indexOf(bytes, 0);
        if (headerEnd < 0) {
            throw malformedReply(bytes.length == 0 ? "nothing" : "no header line");
        }
        String header = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8);
        int space = header.indexOf(' ');
        if (space < 1 || space > 3 || header.length() - space - 1 < 1 || header.length() - space - 1 > 10
                || !digits(header, 0, space) || !digits(header, space + 1, header.length())) {
            throw malformedReply("the header '" + printable(header) + "' is not 'CODE LENGTH'");
        }
        String number = header.substring(0, space);
        Optional<ExitCode> code = ExitCode.fromNumber(Integer.parseInt(number));
        if (code.isEmpty()) {
            throw malformedReply(number + " is no exit code");
        }
        int messageEnd = indexOf(bytes, headerEnd + 1);
        if (messageEnd < 0) {
            throw malformedReply("no message line");
        }
        long length = Long.parseLong(header.substring(space + 1));
        int actual = bytes.length - messageEnd - 1;
        if (length != actual) {
            throw malformedReply("its header announces " + length + " bytes of output, " + actual + " came");
        }
        return new Reply(code.get(), new String(bytes, headerEnd + 1, messageEnd - headerEnd - 1,
                StandardCharsets.UTF_8), new String(bytes, messageEnd + 1, actual, StandardCharsets.UTF_8));
    }

    /** Reads until the daemon closes the connection, then decodes the reply. */
    public static Reply readReply(ReadableByteChannel channel) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return decodeReply(all.toByteArray());
    }

    /** Whether {@code s[from, to)} is ASCII digits only (no regex: the scripts' client starts cold). */
    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from) {
        return indexOf(bytes, from, bytes.length);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }

    private static HaException malformedRequest(String why) {
        return new HaException(ExitCode.INVALID_PARAMETER, "malformed request: " + why);
    }

    private static HaException malformedReply(String why) {
        return new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "malformed reply: " + why);
    }
}
