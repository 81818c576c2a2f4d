package io.flashback.bridge.s3;

import io.flashback.bridge.s3.handlers.AbortMultipartUpload;
import io.flashback.bridge.s3.handlers.CompleteMultipartUpload;
import io.flashback.bridge.s3.handlers.CopyObject;
import io.flashback.bridge.s3.handlers.CreateBucket;
import io.flashback.bridge.s3.handlers.CreateMultipartUpload;
import io.flashback.bridge.s3.handlers.DeleteBucket;
import io.flashback.bridge.s3.handlers.DeleteObject;
import io.flashback.bridge.s3.handlers.DeleteObjectTagging;
import io.flashback.bridge.s3.handlers.DeleteObjects;
import io.flashback.bridge.s3.handlers.GetBucketLocation;
import io.flashback.bridge.s3.handlers.GetBucketVersioning;
import io.flashback.bridge.s3.handlers.GetObject;
import io.flashback.bridge.s3.handlers.GetObjectAcl;
import io.flashback.bridge.s3.handlers.GetObjectTagging;
import io.flashback.bridge.s3.handlers.HeadBucket;
import io.flashback.bridge.s3.handlers.ListBuckets;
import io.flashback.bridge.s3.handlers.ListMultipartUploads;
import io.flashback.bridge.s3.handlers.ListObjectVersions;
import io.flashback.bridge.s3.handlers.ListObjects;
import io.flashback.bridge.s3.handlers.ListObjectsV2;
import io.flashback.bridge.s3.handlers.ListParts;
import io.flashback.bridge.s3.handlers.PutObject;
import io.flashback.bridge.s3.handlers.PutObjectTagging;
import io.flashback.bridge.s3.handlers.UploadPart;
import io.flashback.bridge.s3.handlers.UploadPartCopy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The routing table: which operation a request is, from its method, what it addresses and
 * its sub-resource. First match wins, so specific routes come before general ones.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
 */
public final class S3Routes {
    public enum Target { SERVICE, BUCKET, OBJECT }

    public record Route(String method, Target target, Predicate<S3Request> when, String operation, boolean writes,
                        S3Handler handler) {}

    /** Sub-resources this node does not implement: answered with NotImplemented rather than misrouted. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "policy", "cors", "lifecycle", "website", "logging",
            "notification", "replication", "encryption", "object-lock", "retention", "legal-hold", "torrent", "restore",
            "select", "analytics", "metrics", "inventory", "intelligent-tiering", "accelerate", "requestPayment",
            "ownershipControls", "publicAccessBlock", "attributes");

    private final List<Route> routes;

    public S3Routes(String region) {
        routes = List.of(
                new Route("GET", Target.SERVICE, r -> true, "ListBuckets", false, new ListBuckets()),

                new Route("GET", Target.BUCKET, has("location"), "GetBucketLocation", false, new GetBucketLocation(region)),
                new Route("GET", Target.BUCKET, has("versioning"), "GetBucketVersioning", false, new GetBucketVersioning()),
                new Route("GET", Target.BUCKET, has("versions"), "ListObjectVersions", false, new ListObjectVersions()),
                new Route("GET", Target.BUCKET, has("uploads"), "ListMultipartUploads", false, new ListMultipartUploads()),
                new Route("GET", Target.BUCKET, r -> "2".equals(r.param("list-type")), "ListObjectsV2", false, new ListObjectsV2()),
                new Route("GET", Target.BUCKET, noSubresource(), "ListObjects", false, new ListObjects()),
                new Route("HEAD", Target.BUCKET, r -> true, "HeadBucket", false, new HeadBucket()),
                new Route("PUT", Target.BUCKET, noSubresource(), "CreateBucket", true, new CreateBucket()),
                new Route("DELETE", Target.BUCKET, noSubresource(), "DeleteBucket", true, new DeleteBucket()),
                new Route("POST", Target.BUCKET, has("delete"), "DeleteObjects", true, new DeleteObjects()),

                new Route("GET", Target.OBJECT, has("tagging"), "GetObjectTagging", false, new GetObjectTagging()),
                new Route("PUT", Target.OBJECT, has("tagging"), "PutObjectTagging", true, new PutObjectTagging()),
                new Route("DELETE", Target.OBJECT, has("tagging"), "DeleteObjectTagging", true, new DeleteObjectTagging()),
                new Route("GET", Target.OBJECT, has("acl"), "GetObjectAcl", false, new GetObjectAcl()),
                new Route("GET", Target.OBJECT, has("uploadId"), "ListParts", false, new ListParts()),
                new Route("PUT", Target.OBJECT, has("uploadId").and(has("partNumber")).and(copy()), "UploadPartCopy", true,
                        new UploadPartCopy()),
                new Route("PUT", Target.OBJECT, has("uploadId").and(has("partNumber")), "UploadPart", true, new UploadPart()),
                new Route("POST", Target.OBJECT, has("uploads"), "CreateMultipartUpload", true, new CreateMultipartUpload()),
                new Route("POST", Target.OBJECT, has("uploadId"), "CompleteMultipartUpload", true, new CompleteMultipartUpload()),
                new Route("DELETE", Target.OBJECT, has("uploadId"), "AbortMultipartUpload", true, new AbortMultipartUpload()),
                new Route("PUT", Target.OBJECT, noSubresource().and(copy()), "CopyObject", true, new CopyObject()),
                new Route("PUT", Target.OBJECT, noSubresource(), "PutObject", true, new PutObject()),
                new Route("GET", Target.OBJECT, noSubresource(), "GetObject", false, new GetObject()),
                new Route("HEAD", Target.OBJECT, noSubresource(), "HeadObject", false, new GetObject()),
                new Route("DELETE", Target.OBJECT, noSubresource(), "DeleteObject", true, new DeleteObject()));
    }

    public Optional<Route> match(String method, Target target, S3Request request) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.target() == target && r.when().test(request)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Why nothing matched: an unsupported feature or a method the resource does not allow. */
    public S3Exception noRoute(S3Request request) {
        for (var e : request.query()) {
            if (UNSUPPORTED.contains(e.getKey())) {
                return S3ErrorCode.NOT_IMPLEMENTED.exception("The " + e.getKey() + " sub-resource is not implemented by this node.");
            }
        }
        return S3ErrorCode.METHOD_NOT_ALLOWED.exception();
    }

    private static Predicate<S3Request> has(String param) {
        return r -> r.hasParam(param);
    }

    private static Predicate<S3Request> copy() {
        return r -> r.header("x-amz-copy-source") != null;
    }

    private static Predicate<S3Request> noSubresource() {
        return r -> r.query().stream().noneMatch(e -> UNSUPPORTED.contains(e.getKey()));
    }
}
