package dev.strata.server.http;

import dev.strata.server.openai.OpenAiError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates request bodies up to a limit; a larger body is answered 413 in OpenAI's error shape (Netty's own
 * answer has an empty body).
 *
 * <p>On a keep-alive connection the rest of the body is read and dropped (the aggregator discards it) and the
 * connection stays open, as Netty's own handler does. Closing right after the answer, as this class used to, made
 * the kernel reset the connection while the client was still sending, and the client saw a broken pipe instead of
 * the 413 (seen on a CI run with a 70 kB body). A request that is not keep-alive, or whose body
 * has already arrived whole, is answered and closed.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        answerOversized(ctx, oversized, maxBytes);
    }

    /**
     * The 413 answer, for this aggregator and for the h2c upgrade handler, which aggregates an upgrade request's
     * body itself (Netty's answer there would be an empty 413).
     */
    static void answerOversized(ChannelHandlerContext ctx, HttpMessage oversized, int maxBytes) {
        var response = HttpResponses.error(new OpenAiError(413, "The request body is larger than the limit of "
            + maxBytes + " bytes.", "invalid_request_error", null, "request_too_large"));
        if (!(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized)) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            response.headers().set("connection", "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
