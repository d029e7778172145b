package dev.strata.server.http;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.GenerationHandle;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.ServedModel;
import dev.strata.server.core.UnknownModelException;
import dev.strata.server.openai.ModelsJson;
import dev.strata.server.openai.OpenAiError;
import dev.strata.server.openai.OpenAiRequest;
import dev.strata.server.openai.OpenAiResponder;
import dev.strata.server.openai.RequestParser;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The OpenAI-compatible HTTP API and the operational endpoints, one aggregated request at a time. Shared by all
 * connections and HTTP/2 streams (it keeps no per-channel state).
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(HttpApiHandler.class.getName());
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ModelRegistry models;
    private final RequestParser parser;
    private final ServerState state;
    private final Supplier<String> metricsText;
    private final RequestIds ids;

    HttpApiHandler(ModelRegistry models, RequestParser parser, ServerState state, Supplier<String> metricsText, RequestIds ids) {
        this.models = models;
        this.parser = parser;
        this.state = state;
        this.metricsText = metricsText;
        this.ids = ids;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String clientId = req.headers().get("x-request-id");
        String requestId = clientId != null && CLIENT_ID.matcher(clientId).matches() ? clientId : ids.next();
        String path = new QueryStringDecoder(req.uri()).path();
        if (!req.decoderResult().isSuccess()) {
            reply(ctx, keepAlive, requestId, path, start, OpenAiError.invalid(null, "The request could not be decoded: "
                + req.decoderResult().cause().getMessage()));
            return;
        }
        try {
            switch (path) {
                case "/health" -> simple(ctx, req, keepAlive, requestId, 200, "application/json", "{\"status\":\"ok\"}");
                case "/ready" -> simple(ctx, req, keepAlive, requestId, state.ready() ? 200 : 503, "application/json",
                    state.ready() ? "{\"status\":\"ready\"}" : "{\"status\":\"" + (state.draining() ? "draining" : "loading") + "\"}");
                case "/metrics" -> simple(ctx, req, keepAlive, requestId, 200, "text/plain; version=0.0.4; charset=utf-8", metricsText.get());
                case "/v1/models" -> simple(ctx, req, keepAlive, requestId, 200, "application/json", ModelsJson.list(models.all()));
                case "/v1/completions", "/v1/chat/completions" -> generate(ctx, req, keepAlive, requestId, path, start);
                default -> {
                    if (path.startsWith("/v1/models/")) {
                        ServedModel m = models.resolveExisting(path.substring("/v1/models/".length()));
                        simple(ctx, req, keepAlive, requestId, 200, "application/json", ModelsJson.one(m));
                    } else {
                        reply(ctx, keepAlive, requestId, path, start, new OpenAiError(404, "Unknown endpoint " + req.method()
                            + " " + path + ".", "invalid_request_error", null, "unknown_url"));
                    }
                }
            }
        } catch (MethodNotAllowed e) {
            reply(ctx, keepAlive, requestId, path, start, new OpenAiError(405, "Method " + req.method() + " is not allowed on "
                + path + ".", "invalid_request_error", null, "method_not_allowed"));
        } catch (InvalidRequestException e) {
            reply(ctx, keepAlive, requestId, path, start, OpenAiError.invalid(e.param(), e.getMessage()));
        } catch (UnknownModelException e) {
            reply(ctx, keepAlive, requestId, path, start, new OpenAiError(404, e.getMessage(), "invalid_request_error", "model", "model_not_found"));
        } catch (EngineOverloadedException e) {
            FullHttpResponse r = HttpResponses.error(new OpenAiError(429, e.getMessage(), "rate_limit_error", null, "overloaded"));
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfterMillis() + 999) / 1000)));
            HttpResponses.send(ctx, r, keepAlive, requestId);
            RequestLog.log(requestId, "http", path, 429, null, 0, 0, -1, ms(start), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + requestId + " failed", e);
            reply(ctx, keepAlive, requestId, path, start, new OpenAiError(500, "Internal error (request " + requestId + ").",
                "server_error", null, null));
        }
    }

    private void generate(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String requestId, String path, long start) {
        if (req.method() != HttpMethod.POST) throw new MethodNotAllowed();
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            reply(ctx, keepAlive, requestId, path, start, new OpenAiError(415, "Content-Type must be application/json, got "
                + (contentType == null ? "none" : "'" + contentType + "'") + ".", "invalid_request_error", null, "unsupported_media_type"));
            return;
        }
        if (state.draining()) {
            throw new EngineOverloadedException("The server is shutting down; retry on another replica.", 1000);
        }
        byte[] body = new byte[req.content().readableBytes()];
        req.content().readBytes(body);
        var json = RequestParser.parseJson(body);
        OpenAiRequest request = path.equals("/v1/completions") ? parser.completion(json, requestId) : parser.chat(json, requestId);
        AtomicInteger status = new AtomicInteger();
        long created = System.currentTimeMillis() / 1000;
        FirstTokenClock clock = new FirstTokenClock(start);
        OpenAiResponder[] holder = new OpenAiResponder[1];
        OpenAiResponder responder = new OpenAiResponder(request, new ChannelResponseSink(ctx, keepAlive, requestId, status::set),
            created, () -> RequestLog.log(requestId, "http", path, status.get(), request.plan().model().id(),
                request.plan().promptTokens().length, holder[0].completionTokens(), clock.ttftMs(), ms(start), null));
        holder[0] = responder;
        GenerationHandle handle;
        try {
            handle = request.plan().model().engine().submit(request.plan().toEngineRequest(), clock.wrap(responder));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(request.plan().constraint() != null ? "response_format" : null, e.getMessage());
        }
        responder.start();
        // A client that goes away (connection closed, HTTP/2 stream reset) cancels its generation.
        ctx.channel().closeFuture().addListener(f -> handle.cancel());
    }

    private void simple(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, String requestId, int status,
                        String contentType, String body) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) throw new MethodNotAllowed();
        HttpResponses.send(ctx, HttpResponses.of(status, contentType, body), keepAlive, requestId);
    }

    private void reply(ChannelHandlerContext ctx, boolean keepAlive, String requestId, String path, long start, OpenAiError error) {
        HttpResponses.send(ctx, HttpResponses.error(error), keepAlive, requestId);
        RequestLog.log(requestId, "http", path, error.status(), null, 0, 0, -1, ms(start), error.message());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "HTTP channel error, closing", cause);
        ctx.close();
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Thrown inside routing when the path exists but not for this method. */
    private static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed() {
            super(null, null, false, false);
        }
    }
}
