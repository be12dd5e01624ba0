package io.github.otaconnect.benchmark;

/**
 * One target of the performance issue and what this run measured against it.
 *
 * @param met null where the harness reports a number but does not judge it
 */
record Target(String scenario, String target, String measured, Boolean met) {
}
