package io.ringkeeper.cloud;

/** A cloud API call failed after its retries; the message says which call and what to check. */
public class CloudException extends RuntimeException {
    public CloudException(String message) {
        super(message);
    }

    public CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
