package io.github.telnetsrv.test;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import io.github.telnetsrv.TelnetServer;
import java.util.List;

/** The handler of the README's quick start, as it stands there (the README's test drives it). */
public class MyHandler extends TelnetHandler {

    /** A handler for one session. */
    public MyHandler() {
    }

    @Override
    protected String welcome() {
        return "Welcome to my server.";
    }

    @Command(value = {"echo", "copy", "repeat"}, help = """
            <text to echo>
            Echo text back to the console.
            This command simply echos the provided text
            back to the console.
            """)
    void echo(List<String> params) {
        writeResult(String.join(" ", params));
    }

    @Command(value = "secret", hidden = true, help = """

            Not listed by help; help SECRET still describes it.
            """)
    void secret() {
        String answer = readLine("Really? ");          // a question of the command's own
        writeResult("You said " + answer);
    }

    public static void main(String[] args) throws Exception {
        try (TelnetServer server = TelnetServer.builder()
                .handler(MyHandler::new)                 // a new handler per connection
                .port(8023)
                .start()) {                              // the runtime on the class path
            server.awaitClose();
        }
    }
}
