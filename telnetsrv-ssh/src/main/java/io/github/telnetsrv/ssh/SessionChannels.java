package io.github.telnetsrv.ssh;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens session channels (shells, exec requests; see {@link SessionChannel}), at most {@code max} at once on one
 * connection: past it the open is refused (the client is told the channel cannot be opened) and the connection goes
 * on. The only channel type the server opens; forwarding and agent channels are unknown to it. Their data is written through a
 * {@link PacedChannelWriter}.
 */
final class SessionChannels implements ChannelFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionChannels.class);

    private final int max;

    SessionChannels(int max) {
        this.max = max;
    }

    @Override
    public String getName() {
        return "session";
    }

    @Override
    public Channel createChannel(Session session) {
        int open = openChannels(session);
        if (open >= max) {
            LOG.warn("{}: channel refused: {} open on this connection (maxChannelsPerConnection)",
                    session.getIoSession().getRemoteAddress(), open);
            return null;
        }
        SessionChannel channel = new SessionChannel();
        channel.setChannelStreamWriterResolver((c, cmd) -> new PacedChannelWriter(c));
        return channel;
    }

    /** The channels the connection has registered and not yet unregistered. */
    private static int openChannels(Session session) {
        AbstractConnectionService service = session.getService(AbstractConnectionService.class);
        return service == null ? 0 : service.getChannels().size();
    }
}
