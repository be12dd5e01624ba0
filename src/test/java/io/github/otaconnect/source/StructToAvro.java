package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Converts a Connect {@link Struct} into a {@link GenericRecord} of a given Avro schema the way Confluent's
 * AvroData converts values: logical dates become their epoch numbers, optional values go into the union as
 * the plain value (or null), arrays become lists. Fields are matched by name, so a record the Connect schema
 * cannot fill (a field missing on the Connect side) fails here rather than being written incomplete.
 */
final class StructToAvro {

    private StructToAvro() {
    }

    static GenericRecord convert(Struct struct, org.apache.avro.Schema avroSchema) {
        org.apache.avro.Schema recordSchema = nonNull(avroSchema);
        GenericData.Record record = new GenericData.Record(recordSchema);
        for (org.apache.avro.Schema.Field avroField : recordSchema.getFields()) {
            Field field = struct.schema().field(avroField.name());
            if (field == null) {
                throw new IllegalArgumentException("Connect schema " + struct.schema().name() + " has no field "
                        + avroField.name());
            }
            record.put(avroField.name(), value(field.schema(), struct.get(field), avroField.schema()));
        }
        return record;
    }

    private static Object value(Schema schema, Object value, org.apache.avro.Schema avroSchema) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return switch (schema.name()) {
                case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, date);
                case Date.LOGICAL_NAME -> Date.fromLogical(schema, date);
                case Time.LOGICAL_NAME -> Time.fromLogical(schema, date);
                default -> throw new IllegalArgumentException("Unexpected date for " + schema.name());
            };
        }
        return switch (schema.type()) {
            case STRUCT -> convert((Struct) value, avroSchema);
            case ARRAY -> array(schema, (Collection<?>) value, nonNull(avroSchema));
            case MAP -> map(schema, (Map<?, ?>) value, nonNull(avroSchema));
            case INT8, INT16 -> ((Number) value).intValue();
            default -> value;
        };
    }

    private static List<Object> array(Schema schema, Collection<?> values, org.apache.avro.Schema arraySchema) {
        List<Object> converted = new ArrayList<>(values.size());
        for (Object element : values) {
            converted.add(value(schema.valueSchema(), element, arraySchema.getElementType()));
        }
        return converted;
    }

    private static Map<String, Object> map(Schema schema, Map<?, ?> values, org.apache.avro.Schema mapSchema) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            converted.put((String) entry.getKey(), value(schema.valueSchema(), entry.getValue(), mapSchema.getValueType()));
        }
        return converted;
    }

    /** The non-null branch of an optional union, or the schema itself. */
    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
        if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(branch -> branch.getType() != org.apache.avro.Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }
}
