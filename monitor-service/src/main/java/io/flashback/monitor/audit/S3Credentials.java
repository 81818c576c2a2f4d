package io.flashback.monitor.audit;

/** An S3 access key pair; the secret never appears in {@link #toString()}. */
public record S3Credentials(String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
