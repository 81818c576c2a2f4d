package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.bridge.node.BridgeNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Debian command-line clients against a running node: copy and sync a directory tree
 * (including a file above every client's multipart threshold), list, presign, delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineClientsIT {
    private BridgeNode node;
    private S3Client s3;
    private Path tree;
    private Path work;

    @BeforeAll
    void start() throws IOException {
        node = NodeFixtures.filesystemNode();
        s3 = NodeFixtures.client(node.endpoint());
        work = NodeFixtures.tempDir("cli-it");
        tree = work.resolve("tree");
        Files.createDirectories(tree.resolve("docs/nested"));
        Files.writeString(tree.resolve("readme.txt"), "hello from the tree\n");
        Files.writeString(tree.resolve("docs/a.txt"), "a".repeat(1000));
        Files.writeString(tree.resolve("docs/nested/ünïcode name.txt"), "unicode\n");
        byte[] big = new byte[12 * 1024 * 1024 + 17]; // above awscli's 8 MiB and the 5 MiB chunks set below
        new Random(42).nextBytes(big);
        Files.write(tree.resolve("docs/big.bin"), big);
    }

    @AfterAll
    void stop() {
        s3.close();
        node.close();
    }

    private List<String> treeFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(treeFiles(actual)).containsExactlyElementsOf(treeFiles(expected));
        for (String f : treeFiles(expected)) assertThat(Files.mismatch(expected.resolve(f), actual.resolve(f))).as(f).isEqualTo(-1);
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(o -> o.key()).sorted().toList();
    }

    private static String httpGet(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.trim())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void awsCliCopiesSyncsListsPresignsAndDeletes() throws Exception {
        String aws = Processes.require("aws", "/usr/bin/aws");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", NodeFixtures.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", NodeFixtures.SECRET,
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", work.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString(), "AWS_PAGER", "");
        String ep = node.endpoint();
        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "mb", "s3://it-awscli"), env, work);
        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "cp", "--recursive", tree.toString(), "s3://it-awscli/copy/"), env, work);
        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "sync", tree.toString(), "s3://it-awscli/sync/"), env, work);
        assertThat(keys("it-awscli", "copy/")).containsExactlyElementsOf(treeFiles(tree).stream().map(f -> "copy/" + f).toList());
        String second = Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "sync", tree.toString(), "s3://it-awscli/sync/"), env, work);
        assertThat(second).as("nothing to sync the second time").doesNotContain("upload:");

        String ls = Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "ls", "--recursive", "s3://it-awscli/"), env, work);
        assertThat(ls).contains("copy/docs/big.bin").contains("sync/readme.txt");
        String head = Processes.ok(List.of(aws, "--endpoint-url", ep, "s3api", "head-object", "--bucket", "it-awscli",
                "--key", "copy/docs/big.bin"), env, work);
        assertThat(head).contains("\"ContentLength\": " + Files.size(tree.resolve("docs/big.bin")));

        Path back = work.resolve("aws-back");
        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "cp", "--recursive", "s3://it-awscli/copy/", back.toString()), env, work);
        assertSameTree(tree, back);

        String url = Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "presign", "s3://it-awscli/copy/readme.txt",
                "--expires-in", "300"), env, work);
        assertThat(httpGet(url)).isEqualTo("hello from the tree\n");

        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "rm", "--recursive", "s3://it-awscli/"), env, work);
        assertThat(keys("it-awscli", "")).isEmpty();
        Processes.ok(List.of(aws, "--endpoint-url", ep, "s3", "rb", "s3://it-awscli"), env, work);
    }

    @Test
    void rcloneCopiesSyncsListsLinksAndDeletes() throws Exception {
        String rclone = Processes.require("rclone", "/usr/bin/rclone");
        Map<String, String> env = Map.of("RCLONE_CONFIG", work.resolve("no-rclone.conf").toString(),
                "RCLONE_CONFIG_FB_TYPE", "s3", "RCLONE_CONFIG_FB_PROVIDER", "Other",
                "RCLONE_CONFIG_FB_ACCESS_KEY_ID", NodeFixtures.ACCESS_KEY, "RCLONE_CONFIG_FB_SECRET_ACCESS_KEY", NodeFixtures.SECRET,
                "RCLONE_CONFIG_FB_ENDPOINT", node.endpoint(), "RCLONE_CONFIG_FB_REGION", "us-east-1",
                "RCLONE_S3_UPLOAD_CUTOFF", "5M", "RCLONE_S3_CHUNK_SIZE", "5M");
        Processes.ok(List.of(rclone, "mkdir", "fb:it-rclone"), env, work);
        Processes.ok(List.of(rclone, "copy", tree.toString(), "fb:it-rclone/copy"), env, work);
        Processes.ok(List.of(rclone, "sync", tree.toString(), "fb:it-rclone/sync"), env, work);
        Processes.ok(List.of(rclone, "check", tree.toString(), "fb:it-rclone/sync"), env, work);
        assertThat(keys("it-rclone", "sync/")).containsExactlyElementsOf(treeFiles(tree).stream().map(f -> "sync/" + f).toList());
        String lsf = Processes.ok(List.of(rclone, "lsf", "-R", "fb:it-rclone/copy"), env, work);
        assertThat(lsf).contains("docs/big.bin").contains("docs/nested/ünïcode name.txt");

        Path back = work.resolve("rclone-back");
        Processes.ok(List.of(rclone, "copy", "fb:it-rclone/copy", back.toString()), env, work);
        assertSameTree(tree, back);

        String link = Processes.ok(List.of(rclone, "link", "--expire", "1h", "fb:it-rclone/copy/readme.txt"), env, work);
        assertThat(httpGet(link.lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow())).isEqualTo("hello from the tree\n");

        Processes.ok(List.of(rclone, "delete", "fb:it-rclone/copy"), env, work);
        assertThat(keys("it-rclone", "copy/")).isEmpty();
        Processes.ok(List.of(rclone, "purge", "fb:it-rclone"), env, work);
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("it-rclone");
    }

    @Test
    void s3cmdPutsSyncsListsSignsAndDeletes() throws Exception {
        String s3cmd = Processes.require("s3cmd", "/usr/bin/s3cmd");
        Path cfg = work.resolve("s3cmd.cfg");
        String hostPort = "127.0.0.1:" + node.port();
        Files.writeString(cfg, """
                [default]
                access_key = %s
                secret_key = %s
                host_base = %s
                host_bucket = %s
                use_https = False
                signature_v2 = False
                bucket_location = us-east-1
                multipart_chunk_size_mb = 5
                check_ssl_certificate = False
                """.formatted(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, hostPort, hostPort));
        Map<String, String> env = Map.of();
        List<String> base = List.of(s3cmd, "-c", cfg.toString());
        Processes.ok(concat(base, "mb", "s3://it-s3cmd"), env, work);
        Processes.ok(concat(base, "put", "--recursive", tree + "/", "s3://it-s3cmd/put/"), env, work);
        Processes.ok(concat(base, "sync", tree + "/", "s3://it-s3cmd/sync/"), env, work);
        assertThat(keys("it-s3cmd", "put/")).containsExactlyElementsOf(treeFiles(tree).stream().map(f -> "put/" + f).toList());
        assertThat(keys("it-s3cmd", "sync/")).containsExactlyElementsOf(treeFiles(tree).stream().map(f -> "sync/" + f).toList());
        String ls = Processes.ok(concat(base, "ls", "--recursive", "s3://it-s3cmd"), env, work);
        assertThat(ls).contains("s3://it-s3cmd/put/docs/big.bin");

        Path back = work.resolve("s3cmd-back");
        Files.createDirectories(back);
        Processes.ok(concat(base, "get", "--recursive", "s3://it-s3cmd/put/", back + "/"), env, work);
        assertSameTree(tree, back);

        String url = Processes.ok(concat(base, "signurl", "s3://it-s3cmd/put/readme.txt", "+300"), env, work);
        assertThat(httpGet(url.lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow())).isEqualTo("hello from the tree\n");

        Processes.ok(concat(base, "del", "--recursive", "--force", "s3://it-s3cmd/"), env, work);
        assertThat(keys("it-s3cmd", "")).isEmpty();
        Processes.ok(concat(base, "rb", "s3://it-s3cmd"), env, work);
    }

    private static List<String> concat(List<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).toList();
    }
}
