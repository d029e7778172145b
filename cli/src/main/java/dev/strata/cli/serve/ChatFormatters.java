package dev.strata.cli.serve;

import dev.strata.cli.UserException;
import dev.strata.server.chat.ChatFormatter;
import dev.strata.server.chat.PlainChatFormatter;
import dev.strata.server.chat.TemplateChatFormatter;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.chat.ChatTemplate;
import java.nio.file.Files;
import java.nio.file.Path;

/** How a served model renders chats: its own chat template when its folder has one, else plain role lines. */
final class ChatFormatters {
    private ChatFormatters() {
    }

    /** A catalog's chat template, with the tokenizer's BOS and EOS pieces as {@code bos_token} and {@code eos_token}. */
    static ChatFormatter of(String template, Tokenizer tokenizer) {
        try {
            return new TemplateChatFormatter(ChatTemplate.of(template,
                tokenizer.bosTokenId().isPresent() ? tokenizer.piece(tokenizer.bosTokenId().getAsInt()) : null,
                tokenizer.eosTokenId().isPresent() ? tokenizer.piece(tokenizer.eosTokenId().getAsInt()) : null));
        } catch (RuntimeException e) {
            throw new UserException("the catalog's chat template does not parse: " + e.getMessage());
        }
    }

    /** Uses {@code tokenizer_config.json} beside the checkpoint (Hugging Face's layout) when it holds a chat_template. */
    static ChatFormatter forCheckpoint(Path checkpoint) {
        Path dir = Files.isDirectory(checkpoint) ? checkpoint : checkpoint.toAbsolutePath().getParent();
        Path config = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(config)) return new PlainChatFormatter();
        try {
            return ChatTemplate.fromTokenizerConfigIfAny(config).<ChatFormatter>map(TemplateChatFormatter::new)
                .orElseGet(PlainChatFormatter::new);
        } catch (TokenizerFormatException e) {
            throw new UserException(e.getMessage());
        }
    }
}
