package io.flashback.registry.certification;

/**
 * The S3 key a certification run uses on the node: made for the run, honoured by the node only while the run lasts,
 * limited to one bucket and a small quota. Never printed.
 */
public record TestCredentials(String accessKeyId, String secretAccessKey, String bucket) {

    @Override
    public String toString() {
        return "TestCredentials[" + accessKeyId + ", bucket " + bucket + "]";
    }
}
