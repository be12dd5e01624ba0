package io.github.otaconnect.api;

import java.util.List;

/**
 * A row of a {@code ListOTATaskByJob} page that is not what the API documents. A row without a usable
 * {@code TaskId} is skipped (a task without an ID cannot be keyed); any other unreadable field is left
 * {@code null} and the row kept, so one bad row never costs the rest of its page.
 *
 * @param position where the row was on its page, from 0
 * @param taskId   the row's task ID, {@code null} when it had none
 * @param skipped  whether the row was left out of the page's tasks
 * @param problems what was wrong with it, one entry per field, naming the field
 */
public record MalformedRow(int position, String taskId, boolean skipped, List<String> problems) {

    public MalformedRow {
        problems = List.copyOf(problems);
    }

    /** The row as an operator can find it: its task ID, or its place on the page. */
    public String row() {
        return taskId != null ? "row " + position + " (TaskId " + taskId + ")" : "row " + position + " (no TaskId)";
    }
}
