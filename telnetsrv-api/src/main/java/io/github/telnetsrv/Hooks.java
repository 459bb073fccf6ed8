package io.github.telnetsrv;

import io.github.telnetsrv.internal.session.ClientFacts;
import io.github.telnetsrv.internal.session.HandlerHooks;
import java.util.List;

/** A {@link TelnetHandler} as the session core sees it: its protected hooks, reached from this package. */
final class Hooks implements HandlerHooks {

    private final TelnetHandler handler;

    Hooks(TelnetHandler handler) {
        this.handler = handler;
    }

    @Override
    public Object target() {
        return handler;
    }

    @Override
    public String prompt() {
        return handler.prompt();
    }

    @Override
    public String continuationPrompt() {
        return handler.continuationPrompt();
    }

    @Override
    public String issue() {
        return handler.issue();
    }

    @Override
    public String welcome() {
        return handler.welcome();
    }

    @Override
    public Authenticator authenticator() {
        return handler.authenticator();
    }

    @Override
    public boolean askUsername() {
        return handler.askUsername();
    }

    @Override
    public boolean askPassword() {
        return handler.askPassword();
    }

    @Override
    public void sessionStart() {
        handler.sessionStart();
    }

    @Override
    public void sessionEnd() {
        handler.sessionEnd();
    }

    @Override
    public List<String> complete(Completion completion) {
        return handler.complete(completion);
    }

    @Override
    public void commandFailed(String command, Throwable failure) {
        handler.commandFailed(command, failure);
    }

    @Override
    public void unknownCommand(String command) {
        handler.unknownCommand(command);
    }

    @Override
    public void writeError(String text) {
        handler.writeError(text);
    }

    @Override
    public void loggedIn(String username) {
        handler.setUsername(ClientFacts.username(username)); // shown to operators: no control characters
    }

    @Override
    public void rawInput(String raw) {
        handler.setRawInput(raw);
    }

    @Override
    public boolean exitRequested() {
        return handler.exitRequested();
    }

    @Override
    public int exitStatus() {
        return handler.exitStatus();
    }
}
