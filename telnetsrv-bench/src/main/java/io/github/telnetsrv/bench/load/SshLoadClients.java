package io.github.telnetsrv.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The SSH load clients: one Apache MINA SSHD {@link SshClient} (its own few I/O threads) carrying many sessions,
 * each a TCP connection with its own key exchange, logged in as {@code bench} by the {@code none} method (the SSH
 * targets allow anonymous logins), with one shell channel and a PTY (TERM xterm, 80x24), as {@code ssh host}
 * opens. Enter is CR, as a raw terminal sends it; the server echoes and ends its lines with CR LF. The host key is
 * not checked (loopback, a key made for the run), no identity or {@code ~/.ssh/config} is read, the client
 * closes no session for idleness, and its sockets have {@code TCP_NODELAY} set, as OpenSSH's client sets it for an
 * interactive session.
 *
 * <p>The first session that opens prints the algorithms it negotiated to standard error, once.
 */
final class SshLoadClients implements LoadClients {

    /** How long each step of opening a session may take: connection and key exchange, login, channel. */
    private static final Duration STEP = Duration.ofSeconds(60);

    private final SshClient client;
    private final AtomicBoolean described = new AtomicBoolean();

    SshLoadClients() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        // As OpenSSH's client does for an interactive session (MINA's default leaves Nagle's algorithm on).
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    @Override
    public LoadClient open(InetSocketAddress server) throws IOException {
        ClientSession session = client.connect("bench", server).verify(STEP).getSession();
        try {
            session.auth().verify(STEP);
            ChannelShell shell = session.createShellChannel();
            shell.setPtyType("xterm");
            shell.setPtyColumns(80);
            shell.setPtyLines(24);
            shell.open().verify(STEP);
            if (described.compareAndSet(false, true)) {
                System.err.println("ssh: kex=" + session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS)
                        + " hostkey=" + session.getNegotiatedKexParameter(KexProposalOption.SERVERKEYS)
                        + " cipher=" + session.getNegotiatedKexParameter(KexProposalOption.S2CENC)
                        + " mac=" + session.getNegotiatedKexParameter(KexProposalOption.S2CMAC)
                        + " compression=" + session.getNegotiatedKexParameter(KexProposalOption.S2CCOMP)
                        + " server=" + session.getServerVersion());
            }
            return new Session(session, shell);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }

    /** One SSH session with its shell channel; reads the channel's output through MINA's blocking pipe. */
    private static final class Session implements LoadClient {

        private static final int ESC = 0x1B;

        private final ClientSession session;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder text = new StringBuilder();

        Session(ClientSession session, ChannelShell shell) {
            this.session = session;
            this.in = new BufferedInputStream(shell.getInvertedOut(), 1024);
            this.out = shell.getInvertedIn();
        }

        @Override
        public String awaitPrompt() throws IOException {
            String prompt = Target.PROMPT;
            text.setLength(0);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("server closed the channel; received: " + text);
                }
                if (b == ESC) {
                    escapeSequence();
                    continue;
                }
                text.append((char) b);
                if (text.length() >= prompt.length()
                        && text.lastIndexOf(prompt) == text.length() - prompt.length()) {
                    return text.substring(0, text.length() - prompt.length());
                }
            }
        }

        /** Skips an escape sequence after its ESC: CSI ({@code ESC [ ... final}) or ESC and one character. */
        private void escapeSequence() throws IOException {
            if (in.read() == '[') {
                for (int b = in.read(); b >= 0 && (b < 0x40 || b > 0x7E); b = in.read()) {
                    // parameter and intermediate bytes
                }
            }
        }

        /** Types a line and Enter (CR, as a raw terminal sends it). */
        @Override
        public void send(String line) throws IOException {
            out.write((line + "\r").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void idle() {
            try {
                while (in.read() >= 0) {
                    // a session at rest sends nothing
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() {
            session.close(true);
        }
    }
}
