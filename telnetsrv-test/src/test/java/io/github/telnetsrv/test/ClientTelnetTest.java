package io.github.telnetsrv.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's client side of Telnet: what it answers to a server, byte for byte. */
class ClientTelnetTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    /** Records what the client hands on: the data, and the bytes it sends back. */
    private static final class RecordingPeer implements ClientTelnet.Peer {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        @Override
        public void data(byte[] buf, int off, int len) {
            data.write(buf, off, len);
        }

        @Override
        public void send(byte[] bytes) {
            sent.writeBytes(bytes);
        }

        /** The bytes sent since the last call, in hex. */
        String takeSent() {
            String hex = HEX.formatHex(sent.toByteArray());
            sent.reset();
            return hex;
        }
    }

    private final RecordingPeer peer = new RecordingPeer();

    private ClientTelnet client(Map<String, String> environment) {
        return new ClientTelnet(peer, "xterm", environment, 80, 24);
    }

    private static void receive(ClientTelnet client, String hex) {
        byte[] bytes = HEX.parseHex(hex);
        client.receive(bytes, 0, bytes.length);
    }

    @Test
    void theServersOpeningIsAnsweredLikeACharacterModeClient() {
        ClientTelnet client = client(Map.of());
        // WILL ECHO, WILL SGA, DO SGA, DO TTYPE, DO NAWS, DO NEW-ENVIRON, DO CHARSET
        receive(client, "FF FB 01 FF FB 03 FF FD 03 FF FD 18 FF FD 1F FF FD 27 FF FD 2A");
        assertEquals("FF FD 01 FF FD 03 FF FB 03 FF FB 18 FF FB 1F FF FA 1F 00 50 00 18 FF F0 FF FB 27 FF FC 2A",
                peer.takeSent());
        assertTrue(client.serverEchoes());
    }

    @Test
    void aRequestForAStateAlreadyReachedIsNotAnsweredAgain() {
        ClientTelnet client = client(Map.of());
        receive(client, "FF FB 01 FF FD 18");
        peer.takeSent();
        receive(client, "FF FB 01 FF FD 18 FF FE 2A FF FC 05");
        assertEquals("", peer.takeSent());
    }

    @Test
    void optionsTheClientDoesNotKnowAreRefused() {
        ClientTelnet client = client(Map.of());
        receive(client, "FF FD 22 FF FB 00 FF FB 05");
        assertEquals("FF FC 22 FF FE 00 FF FE 05", peer.takeSent());
    }

    @Test
    void ttypeSendIsAnsweredWithTheTerminalTypeEachTime() {
        ClientTelnet client = client(Map.of());
        receive(client, "FF FD 18");
        peer.takeSent();
        receive(client, "FF FA 18 01 FF F0 FF FA 18 01 FF F0");
        String is = "FF FA 18 00 78 74 65 72 6D FF F0";
        assertEquals(is + " " + is, peer.takeSent());
    }

    @Test
    void subnegotiationsForOptionsNotEnabledAreIgnored() {
        ClientTelnet client = client(Map.of());
        receive(client, "FF FA 18 01 FF F0 FF FA 27 01 FF F0");
        assertEquals("", peer.takeSent());
    }

    @Test
    void newEnvironSendListsEachVariableWithWellKnownNamesAsVarAndControlBytesEscaped() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("USER", "bob");
        environment.put("X", "\u0001");
        ClientTelnet client = client(environment);
        receive(client, "FF FD 27");
        peer.takeSent();
        receive(client, "FF FA 27 01 FF F0");
        // IS, VAR "USER" VALUE "bob", USERVAR "X" VALUE ESC 01
        assertEquals("FF FA 27 00 00 55 53 45 52 01 62 6F 62 03 58 01 02 01 FF F0", peer.takeSent());
    }

    @Test
    void nawsIsSentWhenEnabledAndOnEachResizeWithA255Doubled() {
        ClientTelnet client = client(Map.of());
        client.resize(100, 40);
        assertEquals("", peer.takeSent()); // not enabled yet
        receive(client, "FF FD 1F");
        assertEquals("FF FB 1F FF FA 1F 00 64 00 28 FF F0", peer.takeSent());
        client.resize(255, 24);
        assertEquals("FF FA 1F 00 FF FF 00 18 FF F0", peer.takeSent());
        receive(client, "FF FE 1F");
        assertEquals("FF FC 1F", peer.takeSent());
        client.resize(90, 30);
        assertEquals("", peer.takeSent());
    }

    @Test
    void dataKeepsIacIacAsOneByteAndLosesCommandsEvenSplitAcrossWrites() {
        ClientTelnet client = client(Map.of());
        receive(client, "41 FF");
        receive(client, "FF 42 FF F9 43 FF");
        receive(client, "FB");
        receive(client, "01 44 FF FA 18 01 FF FF FF");
        receive(client, "F0 45");
        assertEquals("41 FF 42 43 44 45", HEX.formatHex(peer.data.toByteArray()));
        assertEquals("FF FD 01", peer.takeSent());
        assertTrue(client.serverEchoes());
    }

    @Test
    void wontEchoTakesTheEchoBack() {
        ClientTelnet client = client(Map.of());
        receive(client, "FF FB 01");
        peer.takeSent();
        receive(client, "FF FC 01");
        assertEquals("FF FE 01", peer.takeSent());
        assertFalse(client.serverEchoes());
    }
}
