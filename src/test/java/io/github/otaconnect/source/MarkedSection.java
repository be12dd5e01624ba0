package io.github.otaconnect.source;

/**
 * The generated part of a hand-written document: the text between a start and an end marker line, which a
 * generator may rewrite without touching anything around it.
 */
record MarkedSection(String startMarker, String endMarker) {

    /** The text between the markers (everything after the start marker up to the end marker). */
    String contentOf(String document) {
        int[] bounds = bounds(document);
        return document.substring(bounds[0], bounds[1]);
    }

    /** The document with the text between the markers replaced and everything else as it was. */
    String replaceContent(String document, String content) {
        int[] bounds = bounds(document);
        return document.substring(0, bounds[0]) + content + document.substring(bounds[1]);
    }

    private int[] bounds(String document) {
        int start = document.indexOf(startMarker);
        if (start < 0 || document.indexOf(startMarker, start + 1) >= 0) {
            throw new IllegalStateException("expected exactly one '" + startMarker + "' in the document");
        }
        int contentStart = start + startMarker.length();
        int end = document.indexOf(endMarker, contentStart);
        if (end < 0 || document.indexOf(endMarker, end + 1) >= 0) {
            throw new IllegalStateException("expected exactly one '" + endMarker + "' after '" + startMarker + "'");
        }
        return new int[] {contentStart, end};
    }
}
