package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Translates Connect schemas into the Avro schemas Confluent's {@code AvroConverter} registers for them, with
 * the converter's default settings ({@code connect.meta.data=true}, {@code enhanced.avro.schema.support=false},
 * {@code scrub.invalid.names=false}, {@code discard.type.doc.default=false}). Confluent's artifacts are not on
 * Maven Central, so the published {@code .avsc} files are checked against this re-statement of its rules:
 * <ul>
 *   <li>a struct is a record named by the struct's full name (split at the last dot into namespace and name);
 *       its Connect doc, version and name become the record's {@code connect.doc}, {@code connect.version}
 *       and {@code connect.name} properties. The Avro {@code doc} of records and fields is only taken from
 *       Avro-specific Connect parameters, which these schemas do not have, so a field's doc travels as the
 *       {@code connect.doc} property of the field's type;</li>
 *   <li>an optional schema becomes {@code ["null", T]} with field default {@code null}
 *       ({@code [T, "null"]} when it has a default of its own, which is then the field default);</li>
 *   <li>Timestamp, Date and Time become {@code long}/{@code int} with {@code connect.name},
 *       {@code connect.version} and the matching Avro logical type;</li>
 *   <li>a named struct used twice is defined once and referenced by name afterwards.</li>
 * </ul>
 * Types the connector does not use (Decimal, maps, unions, enums) are rejected rather than guessed: extend the
 * translator, following AvroData, before a schema uses them.
 */
final class ConnectToAvroSchemas {

    private static final String CONNECT_DOC = "connect.doc";
    private static final String CONNECT_VERSION = "connect.version";
    private static final String CONNECT_NAME = "connect.name";
    private static final String CONNECT_TYPE = "connect.type";
    private static final String CONNECT_DEFAULT = "connect.default";
    private static final String CONNECT_PARAMETERS = "connect.parameters";
    private static final String LOGICAL_TYPE = "logicalType";
    /** Connect parameters with this prefix are copied onto the Avro type as they are. */
    private static final String AVRO_PARAMETER_PREFIX = "avro";

    /** Records already defined in the schema being translated, by full name. */
    private final Map<String, org.apache.avro.Schema> definedRecords = new HashMap<>();

    private ConnectToAvroSchemas() {
    }

    static org.apache.avro.Schema translate(Schema connectSchema) {
        return new ConnectToAvroSchemas().toAvro(connectSchema);
    }

    private org.apache.avro.Schema toAvro(Schema schema) {
        org.apache.avro.Schema base;
        if (schema.type() == Schema.Type.STRUCT && schema.name() != null
                && definedRecords.containsKey(schema.name())) {
            base = definedRecords.get(schema.name());
        } else {
            base = baseType(schema);
            annotate(base, schema);
        }
        if (!schema.isOptional()) {
            return base;
        }
        org.apache.avro.Schema nullType = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
        return org.apache.avro.Schema.createUnion(schema.defaultValue() != null
                ? List.of(base, nullType) : List.of(nullType, base));
    }

    private org.apache.avro.Schema baseType(Schema schema) {
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            throw unsupported(schema);
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
            case INT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
            case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
            case STRING -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
            case BYTES -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
            case ARRAY -> org.apache.avro.Schema.createArray(toAvro(schema.valueSchema()));
            // AvroData writes a map with string keys as an Avro map (other keys become key/value records).
            case MAP -> {
                if (schema.keySchema().type() != Schema.Type.STRING || schema.keySchema().isOptional()) {
                    throw unsupported(schema);
                }
                yield org.apache.avro.Schema.createMap(toAvro(schema.valueSchema()));
            }
            case STRUCT -> record(schema);
            default -> throw unsupported(schema);
        };
    }

    private org.apache.avro.Schema record(Schema schema) {
        if (schema.name() == null) {
            // AvroData would invent io.confluent.connect.avro.ConnectDefault names; ours are all named.
            throw unsupported(schema);
        }
        int dot = schema.name().lastIndexOf('.');
        String namespace = dot < 0 ? null : schema.name().substring(0, dot);
        String name = schema.name().substring(dot + 1);
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(name, null, namespace, false);
        // Registered before the fields so that a nested use of the same struct refers to this definition.
        definedRecords.put(schema.name(), record);
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            fields.add(new org.apache.avro.Schema.Field(field.name(), toAvro(field.schema()), null,
                    fieldDefault(field.schema())));
        }
        record.setFields(fields);
        return record;
    }

    private static Object fieldDefault(Schema schema) {
        if (schema.defaultValue() != null) {
            return avroValue(schema, schema.defaultValue());
        }
        return schema.isOptional() ? JsonProperties.NULL_VALUE : null;
    }

    private static void annotate(org.apache.avro.Schema avro, Schema schema) {
        if (schema.doc() != null) {
            avro.addProp(CONNECT_DOC, schema.doc());
        }
        if (schema.version() != null) {
            avro.addProp(CONNECT_VERSION, schema.version());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            avro.addProp(CONNECT_PARAMETERS, Map.copyOf(schema.parameters()));
        }
        if (schema.defaultValue() != null) {
            avro.addProp(CONNECT_DEFAULT, avroValue(schema, schema.defaultValue()));
        }
        if (schema.name() != null) {
            avro.addProp(CONNECT_NAME, schema.name());
        }
        if (schema.type() == Schema.Type.INT8 || schema.type() == Schema.Type.INT16) {
            avro.addProp(CONNECT_TYPE, schema.type().getName());
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME -> LogicalTypes.timestampMillis().addToSchema(avro);
                case Date.LOGICAL_NAME -> LogicalTypes.date().addToSchema(avro);
                case Time.LOGICAL_NAME -> LogicalTypes.timeMillis().addToSchema(avro);
                default -> {
                }
            }
        }
        if (schema.parameters() != null) {
            schema.parameters().forEach((key, value) -> {
                if (key.startsWith(AVRO_PARAMETER_PREFIX)) {
                    avro.addProp(key, value);
                }
            });
        }
    }

    /** A Connect default as the JSON-compatible Java value Avro keeps for defaults and properties. */
    private static Object avroValue(Schema schema, Object value) {
        if (value instanceof java.util.Date date) {
            return switch (schema.name() == null ? "" : schema.name()) {
                case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, date);
                case Date.LOGICAL_NAME -> Date.fromLogical(schema, date);
                case Time.LOGICAL_NAME -> Time.fromLogical(schema, date);
                default -> throw unsupported(schema);
            };
        }
        return switch (schema.type()) {
            case INT8, INT16 -> ((Number) value).intValue();
            case INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING -> value;
            default -> throw unsupported(schema);
        };
    }

    private static IllegalArgumentException unsupported(Schema schema) {
        return new IllegalArgumentException("The test-side Avro translator does not handle " + schema.type()
                + (schema.name() == null ? "" : " " + schema.name())
                + " yet: extend it the way Confluent's AvroData translates it");
    }
}
