package dev.strata.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.strata.proto.agent.v1.ApprovalRequired;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import dev.strata.proto.inference.v1.ChatMessage;
import dev.strata.proto.inference.v1.Conversation;
import dev.strata.proto.inference.v1.FinishReason;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.OutputConstraint;
import dev.strata.proto.inference.v1.SamplingParams;
import dev.strata.proto.inference.v1.TokenLogprob;
import dev.strata.proto.inference.v1.TopLogprob;
import dev.strata.proto.inference.v1.Usage;
import dev.strata.proto.memory.v1.FieldCondition;
import dev.strata.proto.memory.v1.SearchRequest;
import dev.strata.proto.memory.v1.StringList;
import dev.strata.proto.tool.v1.InvokeResponse;
import dev.strata.proto.tool.v1.ToolError;
import dev.strata.proto.tool.v1.ToolErrorCode;
import dev.strata.proto.tool.v1.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message family survives binary and JSON round trips with all its fields set. */
class ProtoRoundTripTest {

    static GenerateRequest fullGenerateRequest() {
        return GenerateRequest.newBuilder()
            .setRequestId("req-1").setModel("stories260K")
            .setChat(Conversation.newBuilder()
                .addMessages(ChatMessage.newBuilder().setRole("system").setContent("Be brief."))
                .addMessages(ChatMessage.newBuilder().setRole("user").setContent("Héllo, 世界 👋"))
                .addToolsJson("{\"type\":\"function\",\"function\":{\"name\":\"clock\"}}")
                .setAddGenerationPrompt(true))
            .setSampling(SamplingParams.newBuilder()
                .setTemperature(0.7f).setTopK(40).setTopP(0.9f).setMinP(0.05f)
                .setRepetitionPenalty(1.1f).setPresencePenalty(0.5f).setFrequencyPenalty(-0.5f)
                .putLogitBias(13, -100f).putLogitBias(7, 2.5f)
                .setSeed(42L).setMaxTokens(64).setMinTokens(2)
                .addStop("\n\n").addStop("THE END").addStopTokenIds(2)
                .setLogprobs(true).setTopLogprobs(5).setN(3))
            .setConstraint(OutputConstraint.newBuilder().setJsonSchema("{\"type\":\"object\"}"))
            .setPriority(5).setAddSpecialTokens(true).setSkipSpecialTokens(false).setEcho(true)
            .build();
    }

    @Test
    void generateRequestRoundTripsInBinaryAndJson() throws Exception {
        GenerateRequest req = fullGenerateRequest();
        assertRoundTrips(req);
        assertThat(req.getSampling().hasTemperature()).isTrue();
        assertThat(SamplingParams.getDefaultInstance().hasTemperature())
            .as("unset temperature is distinguishable from 0 (greedy)").isFalse();
        assertThat(req.getInputCase()).isEqualTo(GenerateRequest.InputCase.CHAT);
    }

    @Test
    void generateResponseRoundTrips() throws Exception {
        assertRoundTrips(GenerateResponse.newBuilder()
            .setRequestId("req-1").setIndex(2).setText(" there").addTokenIds(301)
            .addLogprobs(TokenLogprob.newBuilder().setTokenId(301).setToken(" there").setLogprob(-0.25f)
                .setRawBytes(com.google.protobuf.ByteString.copyFromUtf8(" there"))
                .addTopLogprobs(TopLogprob.newBuilder().setTokenId(12).setToken(",").setLogprob(-1.5f)))
            .setFinishReason(FinishReason.FINISH_REASON_STOP).setMatchedStop("THE END")
            .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(7).setTotalTokens(12))
            .setModel("stories260K").build());
    }

    @Test
    void agentToolAndMemoryMessagesRoundTrip() throws Exception {
        assertRoundTrips(RunRequest.newBuilder().setRunId("r1").setAgent("researcher").setInput("why?")
            .setSessionId("s1").putMetadata("team", "infra").setStreamTokens(true).build());
        assertRoundTrips(RunEvent.newBuilder().setRunId("r1").setSequence(9).setStep(3)
            .setApprovalRequired(ApprovalRequired.newBuilder().setInterruptId("i1").setProposalJson("{}"))
            .build());
        assertRoundTrips(InvokeResponse.newBuilder().setError(ToolError.newBuilder()
            .setCode(ToolErrorCode.TOOL_ERROR_CODE_INVALID_ARGUMENTS).setMessage("bad")
            .addViolations(Violation.newBuilder().setPath("$.text").setMessage("required"))).build());
        assertRoundTrips(SearchRequest.newBuilder().setCollection("docs").setText("cats").setK(5)
            .addFilter(FieldCondition.newBuilder().setField("lang")
                .setAnyOf(StringList.newBuilder().addAllValues(List.of("en", "fr"))))
            .build());
    }

    @Test
    void unknownFieldsFromANewerPeerSurviveAParseAndReserialize() throws Exception {
        // A newer client may send fields this version does not know; they must pass through untouched.
        byte[] bytes = fullGenerateRequest().toByteArray();
        byte[] withExtra = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, withExtra, 0, bytes.length);
        // field 999, varint type: tag = (999 << 3) | 0 = 7992 -> varint bytes 0xB8 0x3E, value 1
        withExtra[bytes.length] = (byte) 0xB8;
        withExtra[bytes.length + 1] = 0x3E;
        withExtra[bytes.length + 2] = 1;
        GenerateRequest parsed = GenerateRequest.parseFrom(withExtra);
        assertThat(parsed.getUnknownFields().hasField(999)).isTrue();
        assertThat(parsed.toByteArray()).isEqualTo(withExtra);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> void assertRoundTrips(T msg) throws Exception {
        T fromBinary = (T) msg.getParserForType().parseFrom(msg.toByteArray());
        assertThat(fromBinary).isEqualTo(msg);
        String json = JsonFormat.printer().print(msg);
        Message.Builder b = msg.newBuilderForType();
        JsonFormat.parser().merge(json, b);
        assertThat(b.build()).isEqualTo(msg);
    }
}
