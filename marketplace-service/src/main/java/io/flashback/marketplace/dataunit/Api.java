package io.flashback.marketplace.dataunit;

/** Storage APIs a bridge node speaks. */
public enum Api {
    S3, GCS
}
