package org.xcp.clusterstack.xapiconf;

import java.util.Optional;

/**
 * One line of an xapi config file, read the way xapi's {@code Config_file} reads it (selector.md §3.1, rules
 * 2 to 5). The line is a string of bytes decoded as ISO-8859-1, so that every byte is one char and nothing
 * can fail to decode; the caller decodes the values it keeps.
 */
final class ConfLine {
    /** A {@code KEY = VALUE} found on a line, with comments, trailing blanks and one pair of quotes gone. */
    record Assignment(String key, String value) {
    }

    private ConfLine() {
    }

    static Optional<Assignment> parse(String line) {
        String text = stripTrailingBlanks(stripComment(line));
        int n = text.length();
        int i = 0;
        // xapi searches, unanchored, for KEY SEP* = SEP* VALUE. The leftmost match always starts at the
        // beginning of a run of key characters (a shorter run ends at the same place), so it is enough
        // to try each run in turn: the first one followed by SEP* '=' is the key. This is why
        // "foo bar = x" sets "bar".
        while (i < n) {
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            int keyEnd = i;
            while (i < n && isSeparator(text.charAt(i))) {
                i++;
            }
            if (i < n && text.charAt(i) == '=') {
                if (keyEnd > keyStart) {
                    int valueStart = i + 1;
                    while (valueStart < n && isSeparator(text.charAt(valueStart))) {
                        valueStart++;
                    }
                    return Optional.of(new Assignment(text.substring(keyStart, keyEnd),
                            stripQuotes(text.substring(valueStart))));
                }
                i++; // an '=' with no key before it; the search goes on after it
            }
        }
        return Optional.empty();
    }

    /** Everything from the first '#' goes, even inside quotes: xapi has no escape for it. */
    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** Only spaces and tabs: a CR from a CRLF line ending stays part of the value, as in xapi. */
    static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    static String stripQuotes(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /**
     * xapi's pattern is an Emacs regular expression, where a backslash inside brackets is a literal
     * character; so the backslash is excluded from keys and counts as a separator.
     */
    private static boolean isKeyChar(char c) {
        return c != '=' && !isSeparator(c);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\\';
    }
}
