package io.github.telnetsrv;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The short reference that ties the line a user sees about a failure to the log entry that has its details: six
 * random hex digits, enough to find one entry among the failures of a day, too few to say anything else.
 * Thread-safe.
 */
final class FailureReference {

    private FailureReference() {
    }

    /**
     * A new reference.
     *
     * @return six lower-case hex digits
     */
    static String next() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24)).substring(2);
    }
}
