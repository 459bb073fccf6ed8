package io.github.telnetsrv.examples;

import io.github.telnetsrv.Command;
import java.util.Map;

/** The demo's handler plus {@code env}: what the server kept of the client's NEW-ENVIRON variables. */
final class RobustHandler extends DemoHandler {

    /** A handler that asks for the demo's login. */
    RobustHandler() {
        super(true);
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
}
