package cn.hrss.monitor.warnings.rules;

import cn.hrss.monitor.warnings.Severity;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * A rule as one JSON object: the value of a record on the rules topic (keyed by rule id), written by
 * {@code rules publish} and read by the job. The fields are {@link RuleDefinition}'s; kind and severities are written
 * by their ids ({@code fund_months_payable}, {@code yellow}) as in the YAML.
 */
public final class RuleJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("rule-ids")
                    .addSerializer(RuleKind.class, new IdSerializer<>(RuleKind.class, k -> k.id))
                    .addDeserializer(RuleKind.class, new IdDeserializer<>(RuleKind.class, RuleKind::fromId))
                    .addSerializer(Severity.class, new IdSerializer<>(Severity.class, s -> s.id))
                    .addDeserializer(Severity.class, new IdDeserializer<>(Severity.class, Severity::fromId)))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RuleJson() {}

    public static String toJson(RuleDefinition rule) {
        try {
            return MAPPER.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rule " + rule.id + " as JSON", e);
        }
    }

    /**
     * Reads and validates a published rule (its runbook file is not checked: the job has no repository).
     *
     * @throws RuleValidationException naming the rule's source file and the field, if it must not be used
     */
    public static RuleDefinition fromJson(String json) {
        RuleDefinition r;
        try {
            r = MAPPER.readValue(json, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new RuleValidationException(List.of("rules topic: not a rule definition: " + e.getOriginalMessage()));
        }
        Problems p = new Problems(r.sourceFile == null ? "rules topic" : r.sourceFile + " (published)");
        if (r.id != null) {
            p.rule(r.id);
        }
        RuleValidator.validate(r, p);
        p.throwIfAny();
        return r;
    }

    /** @return true if the two rules say the same, whichever file they were read from */
    public static boolean sameContent(RuleDefinition a, RuleDefinition b) {
        ObjectNode x = MAPPER.valueToTree(a);
        ObjectNode y = MAPPER.valueToTree(b);
        x.remove("sourceFile");
        y.remove("sourceFile");
        return x.equals(y);
    }

    private static final class IdSerializer<T> extends StdSerializer<T> {
        private final transient Function<T, String> id;

        IdSerializer(Class<T> type, Function<T, String> id) {
            super(type);
            this.id = id;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(id.apply(value));
        }
    }

    private static final class IdDeserializer<T> extends StdDeserializer<T> {
        private final transient Function<String, T> fromId;

        IdDeserializer(Class<T> type, Function<String, T> fromId) {
            super(type);
            this.fromId = fromId;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            String text = parser.getValueAsString();
            T value = fromId.apply(text);
            if (value == null) {
                return ctx.reportInputMismatch(this, "unknown %s id '%s'", handledType().getSimpleName(), text);
            }
            return value;
        }
    }
}
