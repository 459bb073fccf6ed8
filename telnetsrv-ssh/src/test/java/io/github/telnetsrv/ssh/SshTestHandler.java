package io.github.telnetsrv.ssh;

import io.github.telnetsrv.Authenticator;
import io.github.telnetsrv.Command;
import io.github.telnetsrv.TelnetHandler;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler whose commands show what the SSH session gave it, and which records its lifecycle. */
public class SshTestHandler extends TelnetHandler {

    /** What every handler instance did; reset per test. */
    static final class Record {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger ends = new AtomicInteger();
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        volatile CountDownLatch ended = new CountDownLatch(1);
        volatile CountDownLatch waiting = new CountDownLatch(1);
    }

    static volatile Record record = new Record();

    @Override
    protected String prompt() {
        return "ssh> ";
    }

    @Override
    protected String welcome() {
        return "Welcome over SSH";
    }

    /** Would ask for a login over Telnet: over SSH, the SSH login replaces it. */
    @Override
    protected Authenticator authenticator() {
        return (user, password) -> "alice".equals(user) && "wonderland".equals(password);
    }

    @Override
    protected void sessionStart() {
        record.starts.incrementAndGet();
    }

    @Override
    protected void sessionEnd() {
        Record r = record;
        r.ends.incrementAndGet();
        r.ended.countDown();
    }

    @Command(value = "echo", help = "<text>\nEcho the words.")
    void echo(List<String> params) {
        writeLine(String.join(" ", params));
    }

    @Command(value = "whoami", help = "\nThe user, the terminal, the size.")
    void whoami() {
        writeLine("user=" + username() + " term=" + terminalType() + " size=" + width() + "x" + height()
                + " terminal=" + isTerminal());
    }

    @Command(value = "env", help = "<name>\nShows an environment variable.")
    void env(List<String> params) {
        writeLine(params.get(0) + "=" + environment().get(params.get(0)));
    }

    @Command(value = "envsize", help = "<prefix>\nCounts the environment variables whose names start so.")
    void envsize(List<String> params) {
        String prefix = params.get(0);
        long count = 0;
        long chars = 0;
        for (java.util.Map.Entry<String, String> variable : environment().entrySet()) {
            if (variable.getKey().startsWith(prefix)) {
                count++;
                chars += variable.getKey().length() + variable.getValue().length();
            }
        }
        writeLine("count=" + count + " chars=" + chars);
    }

    @Command(value = "fail", help = "\nThrows.")
    void fail() {
        throw new IllegalStateException("broken on purpose");
    }

    @Command(value = "status", help = "<n>\nSets the exit status.")
    void status(List<String> params) {
        setExitStatus(Integer.parseInt(params.get(0)));
        writeLine("status set");
    }

    @Command(value = "block", help = "\nWaits until interrupted.")
    void block() {
        record.waiting.countDown();
        try {
            Thread.sleep(60_000);
            writeLine("not interrupted");
        } catch (InterruptedException e) {
            record.events.add("interrupted");
            writeLine("interrupted");
        }
    }

    @Command(value = "ask", help = "\nReads a line.")
    void ask() {
        String line = readLine("answer? ");
        writeLine("got " + line);
    }

    @Command(value = "pause", help = "<millis>\nSleeps, then writes done.")
    void pause(List<String> params) throws InterruptedException {
        Thread.sleep(Long.parseLong(params.get(0)));
        writeLine("done after pause");
    }

    @Command(value = "repeat", help = "\nRepeats a word.")
    void repeat(@io.github.telnetsrv.Option("--times") int times, @io.github.telnetsrv.Param(name = "WORD") String word) {
        for (int i = 0; i < times; i++) {
            writeLine(word);
        }
    }

    @Command(value = "mixed", help = "\nWrites output and an error line between.")
    void mixed() {
        writeLine("out 1");
        writeError("err 1");
        writeLine("out 2");
    }

    @Command(value = "flood", help = "<lines>\nWrites many lines.")
    void flood(List<String> params) {
        int lines = Integer.parseInt(params.get(0));
        String line = "x".repeat(1000);
        for (int i = 0; i < lines; i++) {
            writeLine(line);
        }
    }
}
