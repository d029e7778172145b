package dev.strata.server.http;

import dev.strata.server.openai.OpenAiError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Whole (non-streamed) responses. */
final class HttpResponses {
    private HttpResponses() {
    }

    static FullHttpResponse of(int status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(r, r.content().readableBytes());
        return r;
    }

    static FullHttpResponse json(int status, String body) {
        return of(status, "application/json", body);
    }

    static FullHttpResponse error(OpenAiError error) {
        return json(error.status(), error.toJson());
    }

    /** Writes a response; closes the connection when the request did not ask to keep it. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, String requestId) {
        if (requestId != null) response.headers().set("x-request-id", requestId);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }
}
