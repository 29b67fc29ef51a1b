package org.xcp.clusterstack.api.liveset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.xcp.clusterstack.api.HaUuid;

/**
 * How xapi turns liveset text into values: OCaml's {@code String.trim}, {@code bool_of_string},
 * {@code int_of_string} and {@code Uuidm.of_string}. Each answers "empty" where xapi would raise.
 */
final class XapiScalars {
    private static final long BIT_62 = 1L << 62;
    private static final long BIT_63 = 1L << 63;

    private XapiScalars() {
    }

    /** OCaml's whitespace: space, tab, line feed, carriage return, form feed. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** {@code String.lowercase_ascii}: only A-Z change, unlike Java's locale-aware lower-casing. */
    static String lowerAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** xapi lower-cases first, so TRUE, True and true all count. */
    static Optional<Boolean> bool(String text) {
        return switch (lowerAscii(text)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Exactly 8-4-4-4-12 hex digits of either case, nothing around them. */
    static Optional<HaUuid> uuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPosition ? c != '-' : digit(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(HaUuid.parse(text));
    }

    /** UUIDs separated by any run of whitespace (including vertical tab); no words means no hosts. */
    static Optional<List<HaUuid>> uuidList(String text) {
        List<HaUuid> result = new ArrayList<>();
        for (String word : text.split("[ \\t\\n\\x0B\\f\\r]+")) {
            if (word.isEmpty()) {
                continue;
            }
            Optional<HaUuid> id = uuid(word);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            result.add(id.get());
        }
        return Optional.of(result);
    }

    /**
     * OCaml's {@code int_of_string} for the 63-bit {@code int}: optional sign; decimal, or 0x / 0o /
     * 0b / 0u prefixed (those four read as unsigned 63-bit and wrap); underscores after the first digit.
     */
    static OptionalLong ocamlInt(String text) {
        int i = 0;
        int n = text.length();
        boolean negative = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int base = 10;
        boolean signed = true;
        if (i + 1 < n && text.charAt(i) == '0') {
            switch (text.charAt(i + 1)) {
                case 'x', 'X' -> base = 16;
                case 'o', 'O' -> base = 8;
                case 'b', 'B' -> base = 2;
                case 'u', 'U' -> base = 10;
                default -> base = 0;
            }
            if (base == 0) {
                base = 10;
            } else {
                signed = false;
                i += 2;
            }
        }
        if (i >= n || digit(text.charAt(i)) < 0 || digit(text.charAt(i)) >= base) {
            return OptionalLong.empty();
        }
        long threshold = Long.divideUnsigned(-1L, base);
        long value = digit(text.charAt(i));
        for (i++; i < n; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                continue;
            }
            int d = digit(c);
            if (d < 0 || d >= base || Long.compareUnsigned(value, threshold) > 0) {
                return OptionalLong.empty();
            }
            value = base * value + d;
            if (Long.compareUnsigned(value, d) < 0) {
                return OptionalLong.empty();
            }
        }
        boolean fits = signed
                ? (negative ? Long.compareUnsigned(value, BIT_62) <= 0 : Long.compareUnsigned(value, BIT_62) < 0)
                : Long.compareUnsigned(value, BIT_63) < 0;
        if (!fits) {
            return OptionalLong.empty();
        }
        long result = negative ? -value : value;
        // Keep 63 bits and sign-extend, as OCaml's tagged int does.
        return OptionalLong.of((result << 1) >> 1);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
