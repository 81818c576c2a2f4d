package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.KeyOrder;
import io.flashback.bridge.storage.UploadInfo;
import java.util.List;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html */
public final class ListMultipartUploads implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        String prefix = req.param("prefix");
        String keyMarker = req.param("key-marker");
        String uploadIdMarker = req.param("upload-id-marker");
        int max = Math.min(ListParts.intParam(req, "max-uploads", 1000), 1000);
        List<UploadInfo> all = req.store().listUploads(req.bucket(), prefix).stream().filter(u -> {
            if (keyMarker == null || keyMarker.isEmpty()) return true;
            int c = KeyOrder.INSTANCE.compare(u.key(), keyMarker);
            return c > 0 || (c == 0 && uploadIdMarker != null && u.uploadId().compareTo(uploadIdMarker) > 0);
        }).toList();
        List<UploadInfo> page = all.subList(0, Math.min(max, all.size()));
        boolean truncated = all.size() > page.size();
        Xml x = Xml.document().openRoot("ListMultipartUploadsResult").element("Bucket", req.bucket())
                .element("KeyMarker", keyMarker == null ? "" : keyMarker)
                .element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker);
        if (truncated) {
            UploadInfo last = page.get(page.size() - 1);
            x.element("NextKeyMarker", last.key()).element("NextUploadIdMarker", last.uploadId());
        }
        x.element("Prefix", prefix == null ? "" : prefix).element("MaxUploads", max).element("IsTruncated", truncated);
        for (UploadInfo u : page) {
            x.open("Upload").element("Key", u.key()).element("UploadId", u.uploadId());
            x.open("Initiator").element("ID", req.grant().owner()).element("DisplayName", req.grant().owner()).close("Initiator");
            Owners.write(x, req.grant().owner());
            x.element("StorageClass", "STANDARD").element("Initiated", u.initiated());
            if (u.checksumAlgorithm() != null) x.element("ChecksumAlgorithm", u.checksumAlgorithm().name());
            x.close("Upload");
        }
        x.close("ListMultipartUploadsResult");
        return Response.status(200).xml(x.toString()).build();
    }
}
