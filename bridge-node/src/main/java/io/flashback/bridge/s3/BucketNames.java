package io.flashback.bridge.s3;

import java.util.regex.Pattern;

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
public final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {}

    public static boolean valid(String name) {
        return name != null && SHAPE.matcher(name).matches() && !name.contains("..") && !name.contains(".-")
                && !name.contains("-.") && !IP.matcher(name).matches() && !name.startsWith("xn--")
                && !name.startsWith("sthree-") && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3");
    }

    public static void require(String name) {
        if (!valid(name)) throw S3ErrorCode.INVALID_BUCKET_NAME.exception().with("BucketName", name);
    }
}
