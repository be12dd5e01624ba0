package io.github.otaconnect.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one response tolerantly but not blindly. Tolerated, because the vendor does these:
 * absent optional fields and JSON {@code null} (→ {@code null}), numbers sent as strings ({@code "50.00"}),
 * strings sent as numbers, empty strings for absent numbers and times, times with or without milliseconds,
 * lists sent as an array, a single element, or not at all. Refused with an {@link InvalidResponseException}
 * that names the field: an object or array where a value belongs, text that is not a number or time,
 * numbers out of range, and missing required fields, because guessing there would corrupt the data.
 */
final class ResponseFields {

    /** One element of a list, with its path for error messages, e.g. {@code Data.SimpleOTATaskInfo[3]}. */
    record Item(ObjectNode node, String path) {
    }

    private static final int MAX_SCALAR_CHARS = 64;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,10}|");

    private final String action;
    private final int httpStatus;
    private final String requestId;

    ResponseFields(String action, int httpStatus, String requestId) {
        this.action = action;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    String requestId() {
        return requestId;
    }

    InvalidResponseException invalid(String fieldPath, String problem) {
        return new InvalidFieldException(action, requestId, httpStatus, "field " + fieldPath + " " + problem);
    }

    /** The field's node, or {@code null} when absent or JSON null. */
    static JsonNode field(JsonNode obj, String name) {
        JsonNode n = obj.get(name);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    static String pathOf(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    String text(JsonNode obj, String name, String parent) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        throw invalid(pathOf(parent, name), "should be text but is " + describe(n));
    }

    /** Like {@link #text}, falling back to a second name (the vendor is not consistent about some names). */
    String textEither(JsonNode obj, String name, String alternative, String parent) {
        String value = text(obj, name, parent);
        return value != null ? value : text(obj, alternative, parent);
    }

    String requiredText(JsonNode obj, String name, String parent) {
        String value = text(obj, name, parent);
        if (value == null || value.isBlank()) {
            throw invalid(pathOf(parent, name), "is missing but required");
        }
        return value;
    }

    ObjectNode requiredObject(JsonNode obj, String name, String parent) {
        JsonNode n = field(obj, name);
        if (n == null) {
            throw invalid(pathOf(parent, name), "is missing but required");
        }
        if (!n.isObject()) {
            throw invalid(pathOf(parent, name), "should be an object but is " + describe(n));
        }
        return (ObjectNode) n;
    }

    Integer integer(JsonNode obj, String name, String parent) {
        BigDecimal value = number(obj, name, parent);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw invalid(pathOf(parent, name), "should be a whole number in int range but is " + abbreviate(value));
        }
    }

    /** An integer where a non-numeric label is tolerated as unknown ({@code null}) instead of refused. */
    Integer integerOrUnknown(JsonNode obj, String name, String parent) {
        JsonNode n = field(obj, name);
        if (n != null && n.isTextual() && !WHOLE_NUMBER.matcher(n.textValue().trim()).matches()) {
            return null;
        }
        return integer(obj, name, parent);
    }

    /** A non-negative paging count; {@code fallback} when absent, or an error if there is no fallback. */
    int count(JsonNode obj, String name, String parent, Integer fallback) {
        Integer value = integer(obj, name, parent);
        if (value == null) {
            if (fallback == null) {
                throw invalid(pathOf(parent, name), "is missing but required");
            }
            return fallback;
        }
        if (value < 0) {
            throw invalid(pathOf(parent, name), "should not be negative but is " + value);
        }
        return value;
    }

    Double decimal(JsonNode obj, String name, String parent) {
        BigDecimal value = number(obj, name, parent);
        if (value == null) {
            return null;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw invalid(pathOf(parent, name), "is out of range");
        }
        return d;
    }

    private BigDecimal number(JsonNode obj, String name, String parent) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        String path = pathOf(parent, name);
        if (n.isNumber()) {
            if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue()) && !n.isBigDecimal()) {
                throw invalid(path, "is out of range");
            }
            return n.decimalValue();
        }
        if (n.isTextual()) {
            String t = n.textValue().trim();
            if (t.isEmpty()) {
                return null;
            }
            if (t.length() > MAX_SCALAR_CHARS) {
                throw invalid(path, "should be a number but is a " + t.length() + "-character text");
            }
            try {
                // BigDecimal, not Double.parseDouble: the latter also takes "NaN", "0x1p3" and "1d"
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw invalid(path, "should be a number but is " + quote(t));
            }
        }
        throw invalid(path, "should be a number but is " + describe(n));
    }

    /** A UTC time: ISO-8601 with or without fraction and offset (no offset means UTC), or epoch milliseconds. */
    Instant instant(JsonNode obj, String name, String parent) {
        JsonNode n = field(obj, name);
        if (n == null) {
            return null;
        }
        String path = pathOf(parent, name);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (!n.isTextual()) {
            throw invalid(path, "should be a time but is " + describe(n));
        }
        String t = n.textValue().trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() > MAX_SCALAR_CHARS) {
            throw invalid(path, "should be a time but is a " + t.length() + "-character text");
        }
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.length() > 10 && t.charAt(10) == ' ') {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(path, "should be a time like 2019-12-28T02:43:10.000Z but is " + quote(t));
        }
    }

    /**
     * A wrapped list of values such as {@code SrcVersions.SrcVersion}: the wrapper may hold an array, a single
     * value, or nothing; the wrapper itself may also be the array.
     */
    List<String> textList(JsonNode obj, String wrapper, String element, String parent) {
        List<String> values = new ArrayList<>();
        for (Located located : elements(obj, wrapper, element, parent)) {
            JsonNode n = located.node;
            if (n.isNull()) {
                continue;
            }
            if (!n.isValueNode()) {
                throw invalid(located.path, "should be text but is " + describe(n));
            }
            values.add(n.isTextual() ? n.textValue() : n.asText());
        }
        return values;
    }

    /** A wrapped list of objects such as {@code Data.SimpleOTATaskInfo}, same shapes as {@link #textList}. */
    List<Item> objectList(JsonNode obj, String wrapper, String element, String parent) {
        List<Item> items = new ArrayList<>();
        for (Located located : elements(obj, wrapper, element, parent)) {
            if (!located.node.isObject()) {
                throw invalid(located.path, "should be an object but is " + describe(located.node));
            }
            items.add(new Item((ObjectNode) located.node, located.path));
        }
        return items;
    }

    private record Located(JsonNode node, String path) {
    }

    private List<Located> elements(JsonNode obj, String wrapper, String element, String parent) {
        String wrapperPath = pathOf(parent, wrapper);
        JsonNode container = field(obj, wrapper);
        if (container == null || (container.isTextual() && container.textValue().isBlank())) {
            return List.of();
        }
        JsonNode list;
        String listPath;
        if (container.isArray()) {
            list = container;
            listPath = wrapperPath;
        } else if (container.isObject()) {
            list = field(container, element);
            listPath = wrapperPath + "." + element;
            if (list == null) {
                return List.of();
            }
        } else if (container.isValueNode()) {
            // a bare value where the list wrapper should be: the single-element form without its wrapper
            return List.of(new Located(container, wrapperPath));
        } else {
            throw invalid(wrapperPath, "should be a list but is " + describe(container));
        }
        if (!list.isArray()) {
            return List.of(new Located(list, listPath));
        }
        List<Located> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new Located(list.get(i), listPath + "[" + i + "]"));
        }
        return out;
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNumber()) {
            return "a number";
        }
        return "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Vendor text inside our message: control characters would let a hostile body forge log lines. */
    private static String quote(String t) {
        return "\"" + t.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    private static String abbreviate(BigDecimal value) {
        String s = value.toString();
        return s.length() > MAX_SCALAR_CHARS ? s.substring(0, MAX_SCALAR_CHARS) + "..." : s;
    }
}
