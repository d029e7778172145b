package dev.strata.server.testing;

import dev.strata.server.ServerOptions;
import dev.strata.server.StrataServer;
import dev.strata.server.chat.PlainChatFormatter;
import dev.strata.server.core.ModelFacts;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.ServedModel;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;
import java.util.List;

/** Servers over the scripted engine and the default model's real tokenizer. */
public final class TestServers {
    private TestServers() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("strata.shared", "../../shared"));
    }

    public static Tokenizer tokenizer() {
        return TokenizerLoader.load(shared().resolve("models/stories260K/tok512.bin"));
    }

    public static ServedModel model(ScriptedEngine engine, Tokenizer tokenizer) {
        return new ServedModel("stories260K", tokenizer, engine, new PlainChatFormatter(),
            new ModelFacts("llama2c", "llama", "scripted", "fp32", "cpu", 260_000, false, ""), 1_700_000_000L);
    }

    public static StrataServer start(ScriptedEngine engine, Tokenizer tokenizer) {
        StrataServer s = StrataServer.start(new ModelRegistry(List.of(model(engine, tokenizer))),
            ServerOptions.loopback(() -> "# HELP strata:test a test metric\nstrata:test 1\n").withSmallLimits());
        s.markReady();
        return s;
    }
}
