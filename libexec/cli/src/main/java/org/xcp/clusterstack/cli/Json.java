package org.xcp.clusterstack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** Pretty JSON on stdout for {@code --json}; views are plain maps and lists so the key order is stable. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static void print(PrintWriter out, Object view) {
        try {
            out.println(MAPPER.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new HaException(ExitCode.INTERNAL_BUG, "cannot render JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
