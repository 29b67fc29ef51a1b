package org.xcp.clusterstack.api.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an XML document into text before the parser sees them: the JDK's parser reports a
 * badly encoded byte by printing to stderr as well as throwing, which would break the one-line promise.
 * The encoding comes from a byte-order mark, the UTF-16 shape of {@code <?}, or the declaration, as the
 * XML specification's appendix F describes; the default is UTF-8.
 */
final class DocumentText {
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private DocumentText() {
    }

    static String decode(byte[] doc, String source) {
        int skip = 0;
        Charset charset;
        if (startsWith(doc, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(doc, 0xFE, 0xFF) || startsWith(doc, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
            skip = doc[0] == 0 ? 0 : 2;
        } else if (startsWith(doc, 0xFF, 0xFE) || startsWith(doc, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
            skip = doc[0] == 0x3C ? 0 : 2;
        } else {
            charset = declared(doc, source);
        }
        return strictlyDecode(doc, skip, charset, source);
    }

    /** The encoding named in an ASCII-compatible declaration; a 16- or 32-bit one here cannot be true. */
    private static Charset declared(byte[] doc, String source) {
        String head = new String(doc, 0, Math.min(doc.length, 256), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(1);
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ConfigCursor.invalid(source + ":1", "declares encoding " + ConfigCursor.quote(name)
                    + ", which is not supported");
        }
        if (!"x".equals(new String("x".getBytes(StandardCharsets.US_ASCII), charset))) {
            throw ConfigCursor.invalid(source + ":1", "declares encoding " + ConfigCursor.quote(name)
                    + " but is not written in it");
        }
        return charset;
    }

    private static String strictlyDecode(byte[] doc, int skip, Charset charset, String source) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(doc, skip, doc.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((doc.length - skip) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            String text = out.flip().toString();
            int line = 1 + (int) text.chars().filter(c -> c == '\n').count();
            throw ConfigCursor.invalid(source + ":" + line, "is not valid " + charset.name() + " (byte " + at + ")");
        }
        return out.flip().toString();
    }

    private static boolean startsWith(byte[] doc, int... prefix) {
        if (doc.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((doc[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
