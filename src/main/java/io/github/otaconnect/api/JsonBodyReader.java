package io.github.otaconnect.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a response body into a Jackson tree under hard limits, so a hostile or broken body costs bounded
 * memory and time and fails as {@link InvalidResponseException}: nesting depth (deep nesting would overflow
 * the stack), string, number and name lengths, token count and document size. The limits are far above
 * anything the API sends: a full page of 100 tasks is a few thousand tokens, nesting depth 3.
 */
final class JsonBodyReader {

    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_CHARS = 1 << 20;
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_NAME_CHARS = 1_000;
    static final long MAX_TOKENS = 1_000_000;
    private static final int MAX_DETAIL_CHARS = 200;
    /** Appended to every invalid-response message: what it usually means and what to do. */
    static final String RETRY_ADVICE = ". This is usually a cut or garbled reply and is retried; if it persists,"
            + " the vendor changed the response format: report it with the RequestId.";

    private final ObjectMapper mapper;
    private final int maxBodyBytes;
    private final SecretRedactor redactor;

    JsonBodyReader(int maxBodyBytes, SecretRedactor redactor) {
        this.maxBodyBytes = maxBodyBytes;
        this.redactor = redactor;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxTokenCount(MAX_TOKENS)
                .maxDocumentLength(maxBodyBytes)
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
        // trailing tokens mean a body that is two documents glued together or garbage after a valid one
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The body as a JSON object, or an {@link InvalidResponseException} saying why it is not one. */
    ObjectNode read(String action, int httpStatus, byte[] body) {
        if (body.length > maxBodyBytes) {
            throw invalid(action, httpStatus, "the response body is larger than the " + maxBodyBytes
                    + "-byte cap, so it was not read");
        }
        if (body.length == 0) {
            throw invalid(action, httpStatus, "the response body is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidResponseException(action, null, null, httpStatus, "the response body is not valid JSON ("
                    + detail(e) + ")" + RETRY_ADVICE, e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidResponseException(action, null, null, httpStatus, "the response body could not be read ("
                    + e.getClass().getSimpleName() + ")" + RETRY_ADVICE, e);
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(action, httpStatus, "the response body holds no JSON value");
        }
        if (!root.isObject()) {
            throw invalid(action, httpStatus, "the response body is JSON but not an object (" + root.getNodeType() + ")");
        }
        return (ObjectNode) root;
    }

    /** For error responses: the body as a JSON object if it is one, else {@code null} (proxies send HTML). */
    ObjectNode readIfObject(byte[] body) {
        if (body.length == 0 || body.length > maxBodyBytes) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root instanceof ObjectNode ? (ObjectNode) root : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private InvalidResponseException invalid(String action, int httpStatus, String problem) {
        return new InvalidResponseException(action, null, null, httpStatus, problem + RETRY_ADVICE);
    }

    /** Jackson's own words and position, without the body excerpt it may quote, scrubbed and shortened. */
    private String detail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        message = redactor.scrub(message).replaceAll("\\p{Cntrl}", " ");
        if (message.length() > MAX_DETAIL_CHARS) {
            message = message.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return message;
    }
}
