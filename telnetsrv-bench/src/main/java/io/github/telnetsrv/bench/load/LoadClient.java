package io.github.telnetsrv.bench.load;

import java.io.IOException;

/**
 * One session of the load harnesses, whatever the protocol: it reads up to the next {@link Target#PROMPT}, types
 * command lines, or sits idle. Telnet: {@link TelnetLoadClient}; SSH: {@link SshLoadClients}.
 *
 * <p>One thread at a time.
 */
interface LoadClient extends AutoCloseable {

    /**
     * Reads until the prompt.
     *
     * @return the text received before it (escape sequences and protocol bytes left out)
     * @throws IOException if the server closed the session or the read failed
     */
    String awaitPrompt() throws IOException;

    /**
     * Types a line and Enter.
     *
     * @param line the line, ASCII
     * @throws IOException if the write failed
     */
    void send(String line) throws IOException;

    /** Blocks until the server closes the session (or this client is closed), reading and dropping what comes. */
    void idle();

    @Override
    void close() throws IOException;
}
