package dev.strata.server.http;

import dev.strata.server.ServerOptions;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.openai.RequestParser;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The bound HTTP listener and its open connections. */
public final class HttpServerChannel implements AutoCloseable {
    private final Channel listener;
    private final ChannelGroup connections;

    private HttpServerChannel(Channel listener, ChannelGroup connections) {
        this.listener = listener;
        this.connections = connections;
    }

    public static HttpServerChannel bind(EventLoopGroup group, ServerOptions options, ModelRegistry models, ServerState state)
        throws IOException {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        HttpApiHandler api = new HttpApiHandler(models, new RequestParser(models, options.limits()), state, options.metricsText(),
            new RequestIds());
        HttpChannelInitializer init = new HttpChannelInitializer(api, options.maxBodyBytes());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new io.netty.channel.ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    connections.add(ch);
                    ch.pipeline().addLast(init);
                }
            });
        var future = b.bind(new InetSocketAddress(options.host(), options.httpPort())).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("could not bind the HTTP port " + options.httpPort() + ": " + future.cause().getMessage(), future.cause());
        }
        return new HttpServerChannel(future.channel(), connections);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
