package io.github.otaconnect.simulator.push;

import java.util.Map;

/**
  * One message as the vendor forwards it: a JSON body and the three application properties the vendor
  * documents. {@code generateTime} is epoch milliseconds (the vendor's type for it is not documented).
  */
public record VendorMessage(String topic, String messageId, long generateTime, byte[] body) {

    public Map<String, Object> applicationProperties() {
        return Map.of("topic", topic, "messageId", messageId, "generateTime", generateTime);
    }
}
