package io.flashback.bridge.gcs;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import io.flashback.bridge.storage.ObjectInfo;

/** Generation preconditions: https://cloud.google.com/storage/docs/request-preconditions */
final class Preconditions {
    private Preconditions() {}

    static void check(ObjectInfo info, GcsFrontend.Call c) {
        String match = c.param("ifGenerationMatch");
        String notMatch = c.param("ifGenerationNotMatch");
        String meta = c.param("ifMetagenerationMatch");
        if (match != null && !match.equals(Long.toString(info.generation()))) throw failed();
        if (notMatch != null && notMatch.equals(Long.toString(info.generation()))) {
            throw S3ErrorCode.NOT_MODIFIED.exception();
        }
        if (meta != null && !meta.equals("1")) throw failed();
    }

    /** ifGenerationMatch=0 means "only if it does not exist yet". */
    static void checkBeforeWrite(GcsFrontend.Call c, String bucket, String name) {
        String match = c.param("ifGenerationMatch");
        String notMatch = c.param("ifGenerationNotMatch");
        if (match == null && notMatch == null) return;
        Long current;
        try {
            current = c.store().head(bucket, name).generation();
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.NO_SUCH_KEY) throw e;
            current = null;
        }
        long now = current == null ? 0 : current;
        if (match != null && Long.parseLong(match) != now) throw failed();
        if (notMatch != null && Long.parseLong(notMatch) == now) throw failed();
    }

    private static S3Exception failed() {
        return S3ErrorCode.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold.");
    }
}
