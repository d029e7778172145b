package dev.strata.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;

/**
 * Cleartext HTTP on one port: HTTP/1.1, HTTP/2 by upgrade (h2c) and HTTP/2 with prior knowledge. Every HTTP/2
 * stream becomes a child channel that speaks HTTP/1-style objects, so one API handler serves both versions.
 */
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final HttpApiHandler api;
    private final int maxBodyBytes;

    HttpChannelInitializer(HttpApiHandler api, int maxBodyBytes) {
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpServerCodec codec = new HttpServerCodec();
        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
            AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(streamInitializer()))
                : null;
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, upgrades, maxBodyBytes) {
            @Override
            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                BoundedAggregator.answerOversized(ctx, oversized, maxBodyBytes);
            }
        };
        ChannelInitializer<Channel> priorKnowledge = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(streamInitializer()));
            }
        };
        ChannelPipeline p = ch.pipeline();
        p.addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, priorKnowledge));
        // Reached only by requests that stayed on HTTP/1.1: install the HTTP/1.1 handlers on first use.
        p.addLast(new SimpleChannelInboundHandler<HttpMessage>(false) {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpMessage msg) {
                ChannelPipeline pipeline = ctx.pipeline();
                pipeline.addAfter(ctx.name(), "keep-alive", new HttpServerKeepAliveHandler());
                pipeline.addAfter("keep-alive", "aggregator", new BoundedAggregator(maxBodyBytes));
                pipeline.addAfter("aggregator", "api", api);
                pipeline.remove(this);
                ctx.fireChannelRead(msg); // not auto-released above: ownership passes on
            }
        });
    }

    private ChannelInitializer<Channel> streamInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new BoundedAggregator(maxBodyBytes), api);
            }
        };
    }
}
