package io.github.telnetsrv.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;

/**
 * A Telnet session's tasks, which tell the connection's admission ticket when the session has logged in: a
 * session's first handler task runs its opening (negotiation, banner, login, welcome, {@code sessionStart()}) and
 * ends at its first prompt, or with the session (see {@link io.github.telnetsrv.TelnetSession}). Everything else is
 * the runtime's tasks'.
 *
 * <p>Thread-safe: the first task may be handed over by one thread and later ones by others.
 */
final class LoginSignal implements SessionTasks {

    private static final VarHandle TICKET;

    static {
        try {
            TICKET = MethodHandles.lookup().findVarHandle(LoginSignal.class, "ticket", Admission.Ticket.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SessionTasks tasks;
    /** The ticket, until the first task is handed over; then {@code null}. Changed through {@link #TICKET}. */
    private volatile Admission.Ticket ticket;

    /**
     * @param tasks the runtime's tasks for the session
     * @param ticket the connection's ticket
     */
    LoginSignal(SessionTasks tasks, Admission.Ticket ticket) {
        this.tasks = tasks;
        this.ticket = ticket;
    }

    @Override
    public void execute(Runnable task) {
        Admission.Ticket first = ticket == null ? null
                : (Admission.Ticket) TICKET.getAndSet(this, (Admission.Ticket) null);
        if (first == null) {
            tasks.execute(task);
            return;
        }
        tasks.execute(() -> {
            try {
                task.run();
            } finally {
                first.loggedIn();
            }
        });
    }

    @Override
    public Executor writes() {
        return tasks.writes();
    }

    @Override
    public void shutdownAndJoin() throws InterruptedException {
        tasks.shutdownAndJoin();
    }
}
