package org.xcp.clusterstack.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.journal.JournalLine;

/**
 * Decodes journal lines ({@link JournalLine}'s format) with Jackson. A line that is not one (not JSON, a field
 * missing or of the wrong type, a torn last line after a crash) is a {@link MalformedLine} naming its file and line;
 * the lines around it are read as usual. Fields a later version may add are ignored, and so is an unknown kind's
 * name (it is kept as written). Rotated journals compressed by logrotate ({@code .gz}) are read too.
 */
public final class JournalReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JournalReader() {
    }

    /** A journal file's lines: the entries in file order, and the lines that were not journal lines. */
    public record Contents(Path file, List<JournalEntry> entries, List<MalformedLine> malformed) {
    }

    /** A line that is not a journal line. */
    public static final class MalformedLineException extends Exception {
        private final MalformedLine line;

        MalformedLineException(MalformedLine line) {
            super(line.message());
            this.line = line;
        }

        public MalformedLine line() {
            return line;
        }
    }

    /** Reads a whole journal; one it cannot read at all is exit 1, naming the file. */
    public static Contents read(Path file) {
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, file + ": cannot read the journal: " + e.getMessage());
        }
        return decodeAll(file, new String(bytes, StandardCharsets.UTF_8), 1);
    }

    /** Decodes {@code text}, whose first line is line {@code firstLine} of {@code file}. */
    public static Contents decodeAll(Path file, String text, int firstLine) {
        List<JournalEntry> entries = new ArrayList<>();
        List<MalformedLine> malformed = new ArrayList<>();
        int number = firstLine;
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                try {
                    entries.add(decode(file, number, line));
                } catch (MalformedLineException e) {
                    malformed.add(e.line());
                }
            }
            number++;
        }
        return new Contents(file, entries, malformed);
    }

    public static JournalEntry decode(Path file, int number, String text) throws MalformedLineException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(file, number, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw malformed(file, number, "not a JSON object");
        }
        Instant time;
        try {
            time = Instant.parse(text(file, number, node, JournalLine.TIME));
        } catch (DateTimeParseException e) {
            throw malformed(file, number, JournalLine.TIME + " is not an ISO-8601 instant");
        }
        HaUuid host;
        try {
            host = HaUuid.parse(text(file, number, node, JournalLine.HOST));
        } catch (IllegalArgumentException e) {
            throw malformed(file, number, JournalLine.HOST + " is not a host UUID: it " + e.getMessage());
        }
        long index = whole(file, number, node, JournalLine.HOST_INDEX);
        if (index < 0 || index >= DaemonConfig.MAX_HOSTS) {
            throw malformed(file, number, JournalLine.HOST_INDEX + " " + index + " is outside 0..63");
        }
        JsonNode evidence = node.get(JournalLine.EVIDENCE);
        if (evidence == null || !evidence.isObject()) {
            throw malformed(file, number, "no " + JournalLine.EVIDENCE + " object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = MAPPER.convertValue(evidence, LinkedHashMap.class);
        return new JournalEntry(file, number, text, time, whole(file, number, node, JournalLine.SEQ),
                text(file, number, node, JournalLine.STACK), host, (int) index,
                whole(file, number, node, JournalLine.PID), text(file, number, node, JournalLine.KIND),
                text(file, number, node, JournalLine.SUMMARY), values);
    }

    private static String text(Path file, int number, JsonNode node, String field) throws MalformedLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(file, number, "no " + field + " string");
        }
        return value.textValue();
    }

    private static long whole(Path file, int number, JsonNode node, String field) throws MalformedLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(file, number, "no " + field + " whole number");
        }
        return value.longValue();
    }

    private static MalformedLineException malformed(Path file, int number, String reason) {
        return new MalformedLineException(new MalformedLine(file, number, reason));
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }
}
