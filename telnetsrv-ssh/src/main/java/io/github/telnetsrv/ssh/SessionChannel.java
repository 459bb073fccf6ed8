package io.github.telnetsrv.ssh;

import io.github.telnetsrv.protocol.TelnetLimits;
import io.github.telnetsrv.spi.ClientText;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session channel (a shell or an exec request) with the server's rules on top of MINA SSHD's:
 * <ul>
 *   <li>{@code env} requests are bounded as Telnet's NEW-ENVIRON is ({@link TelnetLimits#defaults()}): at most
 *       {@link TelnetLimits#maxEnvironmentVariables()} variables per channel, and at most
 *       {@link TelnetLimits#maxSubnegotiation()} characters of names and values together; a variable past either
 *       bound is ignored (answered with a failure if the client wants a reply), with one warning per channel.
 *       A client cannot set {@value #ORIGINAL_COMMAND}: the server sets it.</li>
 *   <li>the options of the {@code authorized_keys} line the connection logged in with ({@link KeyOptions}): with
 *       {@code no-pty} or {@code restrict} a PTY request is refused (the session runs in line mode, as OpenSSH's
 *       client then says "PTY allocation request failed"); with {@code command="..."} a shell or exec request runs
 *       that command line instead, and an exec request's own line goes into the environment as
 *       {@value #ORIGINAL_COMMAND}.</li>
 * </ul>
 * Called by MINA SSHD on the connection's I/O thread, one request at a time.
 */
final class SessionChannel extends ChannelSession {

    /** The environment variable holding the command line a forced command replaced, as with OpenSSH. */
    static final String ORIGINAL_COMMAND = "SSH_ORIGINAL_COMMAND";

    private static final Logger LOG = LoggerFactory.getLogger(SessionChannel.class);
    private static final int MAX_VARIABLES = TelnetLimits.defaults().maxEnvironmentVariables();
    private static final int MAX_CHARS = TelnetLimits.defaults().maxSubnegotiation();

    /** The size (name and value) of each variable the client set. */
    private final Map<String, Integer> sizes = new HashMap<>();
    private int chars;
    private boolean warned;

    @Override
    protected RequestHandler.Result handleEnvParsed(String name, String value) throws IOException {
        if (ORIGINAL_COMMAND.equals(name)) {
            LOG.info("{}: env {} from the client ignored (the server sets it)", getSession().getClientAddress(),
                    ORIGINAL_COMMAND);
            return RequestHandler.Result.ReplyFailure;
        }
        int size = name.length() + value.length();
        Integer before = sizes.get(name);
        int after = chars - (before == null ? 0 : before) + size;
        if ((before == null && sizes.size() >= MAX_VARIABLES) || after > MAX_CHARS) {
            if (!warned) {
                warned = true;
                LOG.warn("{}: env {} ignored, and any further past the bound: at most {} variables and {} characters "
                        + "per channel", getSession().getClientAddress(), ClientText.forLog(name), MAX_VARIABLES,
                        MAX_CHARS);
            }
            return RequestHandler.Result.ReplyFailure;
        }
        sizes.put(name, size);
        chars = after;
        return super.handleEnvParsed(name, value);
    }

    @Override
    protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
            Map<PtyMode, Integer> modes) throws IOException {
        if (!KeyOptions.of(getSession()).pty()) {
            LOG.info("{}: PTY refused: the key's authorized_keys line forbids one (no-pty or restrict)",
                    getSession().getClientAddress());
            return RequestHandler.Result.ReplyFailure;
        }
        return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
    }

    @Override
    protected RequestHandler.Result handleShellParsed(String request) throws IOException {
        String forced = KeyOptions.of(getSession()).command();
        if (forced == null) {
            return super.handleShellParsed(request);
        }
        LOG.info("{}: shell replaced by the key's forced command {}", getSession().getClientAddress(),
                ClientText.forLog(forced));
        return super.handleExecParsed(request, forced);
    }

    @Override
    protected RequestHandler.Result handleExecParsed(String request, String commandLine) throws IOException {
        String forced = KeyOptions.of(getSession()).command();
        if (forced == null) {
            return super.handleExecParsed(request, commandLine);
        }
        LOG.info("{}: exec {} replaced by the key's forced command {}", getSession().getClientAddress(),
                ClientText.forLog(commandLine), ClientText.forLog(forced));
        addEnvVariable(ORIGINAL_COMMAND, commandLine);
        return super.handleExecParsed(request, forced);
    }
}
