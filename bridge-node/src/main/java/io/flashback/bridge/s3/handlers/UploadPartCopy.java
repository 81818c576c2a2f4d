package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.ContentStreams;
import io.flashback.bridge.storage.ObjectBody;
import io.flashback.bridge.storage.ObjectHandle;
import io.flashback.bridge.storage.ObjectInfo;
import io.flashback.bridge.storage.PartInfo;
import io.flashback.bridge.storage.UploadInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html, with {@code x-amz-copy-source-range}. */
public final class UploadPartCopy implements S3Handler {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    @Override
    public Response handle(S3Request req) {
        int partNumber = Parts.partNumber(req);
        CopySource src = CopySource.from(req);
        UploadInfo upload = req.store().upload(req.bucket(), req.key(), req.param("uploadId"));
        try (ObjectHandle handle = req.store().open(src.bucket(), src.key())) {
            ObjectInfo source = handle.info();
            Preconditions.check(source, req.header("x-amz-copy-source-if-match"), req.header("x-amz-copy-source-if-none-match"),
                    req.header("x-amz-copy-source-if-modified-since"), req.header("x-amz-copy-source-if-unmodified-since"), true);
            long start = 0;
            long length = source.size();
            String range = req.header("x-amz-copy-source-range");
            if (range != null) {
                Matcher m = RANGE.matcher(range.trim());
                if (!m.matches()) throw S3ErrorCode.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last");
                start = Long.parseLong(m.group(1));
                long end = Long.parseLong(m.group(2));
                if (end < start || end >= source.size()) {
                    throw S3ErrorCode.INVALID_ARGUMENT.exception("Range specified is not valid for source object of size: " + source.size());
                }
                length = end - start + 1;
            }
            ObjectBody body = new ObjectBody(ContentStreams.open(handle.content(start, length)), length)
                    .computing(upload.checksumAlgorithm());
            PartInfo part = req.store().putPart(req.bucket(), req.key(), upload.uploadId(), partNumber, body);
            Xml x = Xml.document().openRoot("CopyPartResult").element("LastModified", part.lastModified())
                    .element("ETag", "\"" + part.etag() + "\"");
            part.checksums().forEach((a, v) -> x.element("Checksum" + a.name(), v));
            x.close("CopyPartResult");
            return Response.status(200).xml(x.toString()).build();
        }
    }
}
