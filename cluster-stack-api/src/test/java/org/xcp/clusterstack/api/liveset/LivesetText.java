package org.xcp.clusterstack.api.liveset;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of liveset text by element name and occurrence (1-based), for building the xapi table. */
final class LivesetText {
    private LivesetText() {
    }

    /** Replaces the n-th {@code <name>...</name>} (the whole element) with {@code replacement}. */
    static String replaceElement(String xml, String name, int n, String replacement) {
        Matcher m = Pattern.compile("<" + name + ">.*?</" + name + ">", Pattern.DOTALL).matcher(xml);
        for (int i = 0; i < n; i++) {
            if (!m.find()) {
                throw new IllegalArgumentException("no <" + name + "> #" + n + " in the text");
            }
        }
        return xml.substring(0, m.start()) + replacement + xml.substring(m.end());
    }

    static String deleteElement(String xml, String name, int n) {
        return replaceElement(xml, name, n, "");
    }

    /** Replaces the text of the n-th {@code <name>} element. */
    static String setText(String xml, String name, int n, String text) {
        return replaceElement(xml, name, n, "<" + name + ">" + text + "</" + name + ">");
    }

    /** Inserts {@code fragment} just before the n-th occurrence of {@code anchor}. */
    static String insertBefore(String xml, String anchor, int n, String fragment) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = xml.indexOf(anchor, at + 1);
            if (at < 0) {
                throw new IllegalArgumentException("no '" + anchor + "' #" + n + " in the text");
            }
        }
        return xml.substring(0, at) + fragment + xml.substring(at);
    }

    /** The n-th whole {@code <name>...</name>} element. */
    static String element(String xml, String name, int n) {
        Matcher m = Pattern.compile("<" + name + ">.*?</" + name + ">", Pattern.DOTALL).matcher(xml);
        for (int i = 0; i < n; i++) {
            if (!m.find()) {
                throw new IllegalArgumentException("no <" + name + "> #" + n + " in the text");
            }
        }
        return m.group();
    }
}
