package io.github.otaconnect.push;

/** Puts deliveries into an inbox from tests outside this package, as the subscriber would. */
public final class PushInboxes {

    private PushInboxes() {
    }

    public static void deliver(PushInbox inbox, PushDelivery delivery) {
        inbox.add(delivery);
    }
}
