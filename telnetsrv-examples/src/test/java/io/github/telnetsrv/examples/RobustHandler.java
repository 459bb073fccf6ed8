package io.github.telnetsrv.examples;

import io.github.telnetsrv.Command;
import java.util.List;
import java.util.Map;

/**
 * The demo's handler plus {@code env} (what the server kept of the client's NEW-ENVIRON variables) and
 * {@code flood} (a lot of output from one command).
 */
final class RobustHandler extends DemoHandler {

    /**
     * A handler.
     *
     * @param login whether to ask for the demo's login
     */
    RobustHandler(boolean login) {
        super(login);
    }

    @Command(value = "env", help = """

            Show how many environment variables the client sent, and USER.
            """)
    void env() {
        Map<String, String> environment = environment();
        writeResult("variables: " + environment.size());
        String user = environment.get("USER");
        writeResult("USER: " + (user == null ? "(none)" : "[" + user + "]"));
    }

    @Command(value = "flood", help = """
            <kib>
            Write this many KiB of text.
            """)
    void flood(List<String> params) {
        String line = "x".repeat(1022);
        int kib = Integer.parseInt(params.get(0));
        for (int i = 0; i < kib; i++) {
            writeLine(line);
        }
    }
}
