package io.github.otaconnect.simulator.push;

/**
  * A client's AMQP login as the vendor specifies it for an AccessKey ({@code authMode=aksign}), for test
  * clients that stand in for the connector. Keys in the order of the vendor's Java demo.
  *
  * @param iotInstanceId empty or null for a public instance (written as {@code iotInstanceId=})
  * @param signMethod hmacmd5, hmacsha1 or hmacsha256
  */
public record VendorAmqpLogin(String clientId, String accessKeyId, String accessKeySecret, String consumerGroupId,
        String iotInstanceId, String signMethod) {

    public static VendorAmqpLogin of(String clientId, String accessKeyId, String accessKeySecret,
            String consumerGroupId) {
        return new VendorAmqpLogin(clientId, accessKeyId, accessKeySecret, consumerGroupId, null, "hmacsha1");
    }

    public VendorAmqpLogin withSignMethod(String method) {
        return new VendorAmqpLogin(clientId, accessKeyId, accessKeySecret, consumerGroupId, iotInstanceId, method);
    }

    public VendorAmqpLogin withSecret(String secret) {
        return new VendorAmqpLogin(clientId, accessKeyId, secret, consumerGroupId, iotInstanceId, signMethod);
    }

    public VendorAmqpLogin withGroup(String group) {
        return new VendorAmqpLogin(clientId, accessKeyId, accessKeySecret, group, iotInstanceId, signMethod);
    }

    public VendorAmqpLogin withIotInstanceId(String instance) {
        return new VendorAmqpLogin(clientId, accessKeyId, accessKeySecret, consumerGroupId, instance, signMethod);
    }

    public String userName(long timestampMillis) {
        return clientId + "|authMode=aksign,signMethod=" + signMethod + ",timestamp=" + timestampMillis
                + ",authId=" + accessKeyId + ",iotInstanceId=" + (iotInstanceId == null ? "" : iotInstanceId)
                + ",consumerGroupId=" + consumerGroupId + "|";
    }

    public String password(long timestampMillis) {
        return AmqpPasswordSigner.sign(signMethod, accessKeySecret,
                AmqpPasswordSigner.stringToSign(accessKeyId, Long.toString(timestampMillis)));
    }
}
