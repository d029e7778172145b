package dev.strata.server.http;

import dev.strata.server.openai.OpenAiError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates request bodies up to a limit; a larger body is answered 413 in OpenAI's error shape (Netty's own
 * answer has an empty body) and the connection is closed, so the rest of the body is never read.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        var response = HttpResponses.error(new OpenAiError(413, "The request body is larger than the limit of "
            + maxBytes + " bytes.", "invalid_request_error", null, "request_too_large"));
        response.headers().set("connection", "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
