package io.github.telnetsrv.edit;

/** Key sequences as terminals send them (checklist section 3). */
final class Keys {

    static final String ESC = "\u001b";
    static final String UP = ESC + "[A";
    static final String DOWN = ESC + "[B";
    static final String RIGHT = ESC + "[C";
    static final String LEFT = ESC + "[D";
    static final String HOME = ESC + "[H";
    static final String END = ESC + "[F";
    static final String DELETE = ESC + "[3~";
    static final String BACKSPACE = "\u007f";
    static final String CTRL_LEFT = ESC + "[1;5D";
    static final String CTRL_RIGHT = ESC + "[1;5C";
    static final String ENTER = "\r";
    static final String TAB = "\t";

    private Keys() {
    }

    static String ctrl(char letter) {
        return String.valueOf((char) (letter - '@'));
    }

    static String repeat(String key, int times) {
        return key.repeat(times);
    }
}
