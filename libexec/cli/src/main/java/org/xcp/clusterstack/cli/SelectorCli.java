package org.xcp.clusterstack.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.selector.SelectorError;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the selector commands answer, for xapi and for people: one line of JSON on stdout and exit 0; a
 * selector error as {@code {"error": CODE, "params": [...]}} on stdout, its explanation on stderr, exit 1; a
 * bad pool document as one line on stderr, exit 2. Anything else (xapi.conf, the record file) is an
 * {@link HaException} and ends with xhad's code like every other command.
 */
final class SelectorCli {
    static final int SELECTOR_ERROR = 1;
    static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    /** The selector commands' exit codes, each said once (picocli's {@code exitCodeList} entries). */
    static final String EXIT_RECORDED = "0:success: the record as one line of JSON on stdout";
    static final String EXIT_XENAPI_ERROR = "1:a XenAPI error: {\"error\": CODE, \"params\": [...]} on stdout, why on stderr";
    static final String EXIT_XENAPI_ERROR_NOTHING_WRITTEN = EXIT_XENAPI_ERROR + "; nothing written";
    static final String EXIT_MALFORMED_DOCUMENT = "2:the pool document is malformed: one line on stderr naming the field";
    static final String EXIT_CONF_OR_RECORD_UNUSABLE = "16:xapi.conf or the pool record is unusable: one line on stderr";

    private static final ObjectMapper ONE_LINE = new ObjectMapper();

    private SelectorCli() {
    }

    static Map<String, Object> answer(String key, Object value) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, value);
        return answer;
    }

    /** Runs a selector command and maps its outcome to stdout, stderr and the exit status. */
    static int run(CommandSpec spec, Supplier<Map<String, Object>> command) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            print(out, command.get());
            return 0;
        } catch (SelectorError e) {
            Map<String, Object> error = answer("error", e.code().name());
            error.put("params", e.params());
            print(out, error);
            err.println(CommandLines.NAME + ": " + CommandLines.oneLine(e.getMessage()));
            err.flush();
            return SELECTOR_ERROR;
        } catch (PoolInputException e) {
            err.println(CommandLines.NAME + ": " + CommandLines.oneLine(e.getMessage()));
            err.flush();
            return PoolInputException.EXIT;
        }
    }

    /** {@code {"cluster_stack": "o2cb"}}: JSON as the issue writes it, on one line, whatever the strings hold. */
    static void print(PrintWriter out, Object view) {
        try {
            out.println(ONE_LINE.writer(new OneLine()).writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new HaException(ExitCode.INTERNAL_BUG, "cannot render JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** Jackson's compact form with a blank after each colon and comma; strings are escaped, so no newline. */
    private static final class OneLine extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
