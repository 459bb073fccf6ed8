package io.github.telnetsrv.examples;

import static io.github.telnetsrv.examples.RobustClient.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.telnetsrv.examples.RobustRig.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One address opening many sessions (checklist section 2, item 13): past its cap it is refused, the other sessions
 * (the observer's among them, from the same address) go on, and a slot given back can be taken again.
 */
class RobustAddressCapTest {

    private static final int CAP = 4;
    private static final int ATTEMPTS = 12;
    private static final Duration ATTACK_LIMIT = Duration.ofSeconds(30);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.github.telnetsrv.examples.RobustRig#runtimesAndTransports")
    void oneAddressGetsNoMoreSessionsThanItsCap(String runtime, Transport transport) throws Exception {
        String attack = ATTEMPTS + " sessions from one address with a cap of " + CAP + " (the observer holds one)";
        try (RobustRig rig = RobustRig.start(runtime, transport, DemoHandler::new,
                b -> b.maxSessionsPerAddress(CAP))) {
            int[] seen = rig.underAttack(attack, ATTACK_LIMIT, () -> {
                List<RobustClient> clients = new ArrayList<>();
                try {
                    int served = 0;
                    int refused = 0;
                    List<RobustClient> admitted = new ArrayList<>();
                    for (int i = 0; i < ATTEMPTS; i++) {
                        RobustClient client = connectOrNull(rig);
                        if (client == null) {
                            refused++; // closed during the TLS handshake: refused without a word
                            continue;
                        }
                        clients.add(client);
                        int found = client.awaitAny(ANSWER_BOUND, PROMPT, "Too many sessions from your address");
                        if (found == 0) {
                            served++;
                            admitted.add(client);
                        } else if (client.awaitEnd(ANSWER_BOUND)) {
                            refused++;
                        }
                    }
                    // A slot given back can be taken again.
                    admitted.get(0).close();
                    boolean retaken = RobustResources.poll(ANSWER_BOUND, () -> {
                        try (RobustClient again = connectOrNull(rig)) {
                            return again != null && again.awaitAny(ANSWER_BOUND, PROMPT,
                                    "Too many sessions from your address") == 0;
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    return new int[] {served, refused, retaken ? 1 : 0};
                } finally {
                    for (RobustClient client : clients) {
                        client.close();
                    }
                }
            });
            assertEquals(CAP - 1, seen[0], "expected " + (CAP - 1) + " more sessions served from the address (cap "
                    + CAP + ", the observer holding one)");
            assertEquals(ATTEMPTS - CAP + 1, seen[1], "expected every connection past the cap refused and closed");
            assertTrue(seen[2] == 1, "expected a session closed to give its slot back within " + ANSWER_BOUND);
            rig.assertBackToBaseline(attack);
        }
    }

    /** A client, or {@code null} when the server closed the connection during the TLS handshake. */
    private static RobustClient connectOrNull(RobustRig rig) throws IOException {
        try {
            return rig.connect();
        } catch (IOException e) {
            if (rig.transport() == Transport.TLS) {
                return null;
            }
            throw e;
        }
    }
}
