package io.github.telnetsrv.test;

import java.util.Arrays;

/**
 * A key as a terminal sends it over Telnet in character mode: the bytes of an xterm-compatible terminal
 * (arrows and Home/End in their CSI form, Backspace as DEL 0x7F, Enter as CR NUL), for
 * {@link TestSession#press(Key...)}. Over the kit's in-memory terminal Enter goes as a plain CR.
 *
 * <p>Ctrl-I, Ctrl-J and Ctrl-M are {@link #TAB} and {@link #ENTER}. Other encodings (the SS3 arrows of application mode, {@code ESC[1~} for Home, Backspace as 0x08) can be
 * sent as they are with {@link TestSession#type(String)}, for instance {@code type("\u001bOA")}.
 */
public enum Key {
    /** Enter: CR NUL, as a Telnet client in character mode sends it (a plain CR over the in-memory terminal). */
    ENTER(0x0D, 0x00),
    /** Tab: 0x09. */
    TAB(0x09),
    /** Backspace: DEL 0x7F (xterm, PuTTY, the Linux console). */
    BACKSPACE(0x7F),
    /** Delete (the key right of Backspace): {@code ESC [ 3 ~}. */
    DELETE("\u001b[3~"),
    /** Insert: {@code ESC [ 2 ~}. */
    INSERT("\u001b[2~"),
    /** Up arrow: {@code ESC [ A}. */
    UP("\u001b[A"),
    /** Down arrow: {@code ESC [ B}. */
    DOWN("\u001b[B"),
    /** Right arrow: {@code ESC [ C}. */
    RIGHT("\u001b[C"),
    /** Left arrow: {@code ESC [ D}. */
    LEFT("\u001b[D"),
    /** Home: {@code ESC [ H}. */
    HOME("\u001b[H"),
    /** End: {@code ESC [ F}. */
    END("\u001b[F"),
    /** Page Up: {@code ESC [ 5 ~}. */
    PAGE_UP("\u001b[5~"),
    /** Page Down: {@code ESC [ 6 ~}. */
    PAGE_DOWN("\u001b[6~"),
    /** Ctrl-Left (a word left): {@code ESC [ 1 ; 5 D}. */
    CTRL_LEFT("\u001b[1;5D"),
    /** Ctrl-Right (a word right): {@code ESC [ 1 ; 5 C}. */
    CTRL_RIGHT("\u001b[1;5C"),
    /**
     * Escape on its own: ESC. The session waits briefly for the rest of a sequence before it takes a lone ESC
     * as a key; {@link TestSession#press(Key...)} waits until it has done so before sending what follows.
     */
    ESCAPE(0x1B),
    /** Ctrl-A: 0x01 (start of line). */
    CTRL_A(0x01),
    /** Ctrl-B: 0x02 (a character left). */
    CTRL_B(0x02),
    /** Ctrl-C: 0x03 (abandon the line, or interrupt the running command). */
    CTRL_C(0x03),
    /** Ctrl-D: 0x04 (end the session on an empty line, otherwise delete the character under the cursor). */
    CTRL_D(0x04),
    /** Ctrl-E: 0x05 (end of line). */
    CTRL_E(0x05),
    /** Ctrl-F: 0x06 (a character right). */
    CTRL_F(0x06),
    /** Ctrl-G: 0x07. */
    CTRL_G(0x07),
    /** Ctrl-H: 0x08, the Backspace of vt100-style terminals and Windows telnet. */
    CTRL_H(0x08),
    /** Ctrl-K: 0x0B (delete to the end of the line). */
    CTRL_K(0x0B),
    /** Ctrl-L: 0x0C (clear the screen and redraw the line). */
    CTRL_L(0x0C),
    /** Ctrl-N: 0x0E (next history entry). */
    CTRL_N(0x0E),
    /** Ctrl-O: 0x0F. */
    CTRL_O(0x0F),
    /** Ctrl-P: 0x10 (previous history entry). */
    CTRL_P(0x10),
    /** Ctrl-Q: 0x11. */
    CTRL_Q(0x11),
    /** Ctrl-R: 0x12. */
    CTRL_R(0x12),
    /** Ctrl-S: 0x13. */
    CTRL_S(0x13),
    /** Ctrl-T: 0x14. */
    CTRL_T(0x14),
    /** Ctrl-U: 0x15 (delete to the start of the line). */
    CTRL_U(0x15),
    /** Ctrl-V: 0x16. */
    CTRL_V(0x16),
    /** Ctrl-W: 0x17 (delete the word left of the cursor). */
    CTRL_W(0x17),
    /** Ctrl-X: 0x18. */
    CTRL_X(0x18),
    /** Ctrl-Y: 0x19. */
    CTRL_Y(0x19),
    /** Ctrl-Z: 0x1A. */
    CTRL_Z(0x1A);

    private final byte[] bytes;

    Key(int... bytes) {
        this.bytes = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            this.bytes[i] = (byte) bytes[i];
        }
    }

    Key(String sequence) {
        this.bytes = sequence.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The bytes the key sends, as they go on the wire (none of them is IAC, so none needs doubling).
     *
     * @return a new array
     */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
