package io.github.telnetsrv.ssh;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens session channels (shells, exec requests), at most {@code max} at once on one connection: past it the
 * open is refused (the client is told the channel cannot be opened) and the connection goes on. The only channel
 * type the server opens; forwarding and agent channels are unknown to it.
 */
final class SessionChannels implements ChannelFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionChannels.class);
    private static final AttributeKey<AtomicInteger> OPEN = new AttributeKey<>();

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
        AtomicInteger open = session.computeAttributeIfAbsent(OPEN, key -> new AtomicInteger());
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            LOG.warn("{}: channel refused: {} open on this connection (maxChannelsPerConnection)",
                    session.getIoSession().getRemoteAddress(), max);
            return null;
        }
        ChannelSession channel = new ChannelSession();
        channel.addChannelListener(new ChannelListener() {
            @Override
            public void channelClosed(Channel closed, Throwable reason) {
                open.decrementAndGet();
            }
        });
        return channel;
    }
}
