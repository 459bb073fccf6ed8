package io.github.telnetsrv.bench.load;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import java.util.List;

/** The handler the load harnesses serve: the seed page's {@code echo}. */
public class BenchHandler extends TelnetHandler {

    /** A handler; one per connection. */
    public BenchHandler() {
    }

    @Command(value = "echo", help = """
            <text to echo>
            Echo text back to the console.
            """)
    void echo(List<String> params) {
        writeResult(String.join(" ", params));
    }
}
