package io.flashback.bridge.s3.handlers;

import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Handler;
import io.flashback.bridge.s3.S3Request;
import io.flashback.bridge.s3.Xml;
import io.flashback.bridge.server.Response;
import io.flashback.bridge.storage.PartInfo;
import io.flashback.bridge.storage.UploadInfo;
import java.util.List;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
public final class ListParts implements S3Handler {
    @Override
    public Response handle(S3Request req) {
        String uploadId = req.param("uploadId");
        UploadInfo upload = req.store().upload(req.bucket(), req.key(), uploadId);
        int marker = intParam(req, "part-number-marker", 0);
        int max = Math.min(intParam(req, "max-parts", 1000), 1000);
        List<PartInfo> all = req.store().listParts(req.bucket(), req.key(), uploadId).stream()
                .filter(p -> p.partNumber() > marker).toList();
        List<PartInfo> page = all.subList(0, Math.min(max, all.size()));
        boolean truncated = all.size() > page.size();
        Xml x = Xml.document().openRoot("ListPartsResult").element("Bucket", req.bucket()).element("Key", req.key())
                .element("UploadId", uploadId);
        x.open("Initiator").element("ID", req.grant().owner()).element("DisplayName", req.grant().owner()).close("Initiator");
        Owners.write(x, req.grant().owner());
        x.element("StorageClass", "STANDARD").element("PartNumberMarker", marker);
        if (!page.isEmpty()) x.element("NextPartNumberMarker", page.get(page.size() - 1).partNumber());
        x.element("MaxParts", max).element("IsTruncated", truncated);
        if (upload.checksumAlgorithm() != null) {
            x.element("ChecksumAlgorithm", upload.checksumAlgorithm().name()).element("ChecksumType", "COMPOSITE");
        }
        for (PartInfo p : page) {
            x.open("Part").element("PartNumber", p.partNumber()).element("LastModified", p.lastModified())
                    .element("ETag", "\"" + p.etag() + "\"").element("Size", p.size());
            p.checksums().forEach((a, v) -> x.element("Checksum" + a.name(), v));
            x.close("Part");
        }
        x.close("ListPartsResult");
        return Response.status(200).xml(x.toString()).build();
    }

    static int intParam(S3Request req, String name, int dflt) {
        String v = req.param(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Invalid " + name).with("ArgumentName", name).with("ArgumentValue", v);
        }
    }
}
