package io.github.telnetsrv.internal.editor;

/** Key sequences as terminals send them (checklist section 3). */
public final class Keys {

    public static final String ESC = "\u001b";
    public static final String UP = ESC + "[A";
    public static final String DOWN = ESC + "[B";
    public static final String RIGHT = ESC + "[C";
    public static final String LEFT = ESC + "[D";
    public static final String HOME = ESC + "[H";
    public static final String END = ESC + "[F";
    public static final String DELETE = ESC + "[3~";
    public static final String BACKSPACE = "\u007f";
    public static final String CTRL_LEFT = ESC + "[1;5D";
    public static final String CTRL_RIGHT = ESC + "[1;5C";
    public static final String ENTER = "\r";
    public static final String TAB = "\t";

    private Keys() {
    }

    public static String ctrl(char letter) {
        return String.valueOf((char) (letter - '@'));
    }

    public static String repeat(String key, int times) {
        return key.repeat(times);
    }
}
