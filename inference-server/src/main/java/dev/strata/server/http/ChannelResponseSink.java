package dev.strata.server.http;

import dev.strata.server.openai.ResponseSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * A response sink over one HTTP exchange (an HTTP/1.1 connection or an HTTP/2 stream). Netty queues writes made
 * from the engine thread onto the channel's event loop in call order.
 */
final class ChannelResponseSink implements ResponseSink {
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final String requestId;
    private final IntConsumer onStatus;

    ChannelResponseSink(ChannelHandlerContext ctx, boolean keepAlive, String requestId, IntConsumer onStatus) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.requestId = requestId;
        this.onStatus = onStatus;
    }

    @Override
    public void json(int status, String body) {
        onStatus.accept(status);
        HttpResponses.send(ctx, HttpResponses.json(status, body), keepAlive, requestId);
    }

    @Override
    public void beginEvents() {
        onStatus.accept(200);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        head.headers().set("x-request-id", requestId);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
    }

    @Override
    public void event(String data) {
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8)));
    }

    @Override
    public void endEvents() {
        var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }
}
