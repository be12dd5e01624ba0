package io.github.otaconnect.simulator;

/** Thrown by the gateway checks and the operations to answer with an error instead of data. */
final class ApiRejection extends Exception {

  private final transient ApiReply reply;

  ApiRejection(ApiReply reply) {
    super(reply.outcome(), null, false, false);
    this.reply = reply;
  }

  ApiReply reply() {
    return reply;
  }
}
