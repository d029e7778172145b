package dev.strata.server.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.batching.api.TokenLogprob;
import dev.strata.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI's two logprobs shapes: chat's {@code content[]} and the legacy completions' parallel arrays. */
final class LogprobsJson {
    private final Tokenizer tokenizer;

    LogprobsJson(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    ObjectNode chat(List<TokenLogprob> entries) {
        ObjectNode root = RequestParser.JSON.createObjectNode();
        ArrayNode content = root.putArray("content");
        for (TokenLogprob lp : entries) {
            ObjectNode e = token(content.addObject(), lp.tokenId(), lp.logprob());
            ArrayNode top = e.putArray("top_logprobs");
            for (TokenLogprob.Alternative alt : lp.top()) token(top.addObject(), alt.tokenId(), alt.logprob());
        }
        return root;
    }

    ObjectNode completion(List<TokenLogprob> entries, int textOffset) {
        ObjectNode root = RequestParser.JSON.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        ArrayNode values = root.putArray("token_logprobs");
        ArrayNode tops = root.putArray("top_logprobs");
        ArrayNode offsets = root.putArray("text_offset");
        int offset = textOffset;
        for (TokenLogprob lp : entries) {
            String text = text(lp.tokenId());
            tokens.add(text);
            values.add(lp.logprob());
            ObjectNode top = tops.addObject();
            for (TokenLogprob.Alternative alt : lp.top()) top.put(text(alt.tokenId()), alt.logprob());
            offsets.add(offset);
            offset += text.length();
        }
        return root;
    }

    private ObjectNode token(ObjectNode e, int id, float logprob) {
        byte[] bytes = tokenizer.tokenBytes(id);
        e.put("token", new String(bytes, StandardCharsets.UTF_8));
        e.put("logprob", logprob);
        ArrayNode b = e.putArray("bytes");
        for (byte x : bytes) b.add(x & 0xFF);
        return e;
    }

    private String text(int id) {
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }
}
