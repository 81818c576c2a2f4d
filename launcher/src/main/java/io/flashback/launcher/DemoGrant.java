package io.flashback.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

/**
 * The S3 credentials of the local bridge node's demo grant: made at random on the first
 * {@code up}, kept owner-only in the state directory, printed so the user can try any S3 tool.
 */
record DemoGrant(String accessKey, String secret) {

    static final String BUCKETS = "demo,demo-*";
    static final String QUOTA = "10GiB";
    private static final long QUOTA_BYTES = 10L << 30;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = ALPHABET + "abcdefghijklmnopqrstuvwxyz+/";

    static DemoGrant loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                return new DemoGrant(lines.get(0).strip(), lines.get(1).strip());
            }
            SecureRandom random = new SecureRandom();
            DemoGrant grant = new DemoGrant("FBDEMO" + randomText(random, ALPHABET, 14), randomText(random, SECRET_ALPHABET, 40));
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".demo-grant", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, grant.accessKey() + "\n" + grant.secret() + "\n");
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return grant;
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("cannot read or create the demo grant in " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes the grant as the bridge node's grants file (owner-only, replaced atomically): a file rather than a
     * {@code --grant} argument, since every local user can read a process's arguments.
     */
    void writeGrantsFile(Path file) {
        String json = "{\"grants\":[{\"accessKey\":\"" + accessKey + "\",\"secret\":\"" + secret + "\",\"owner\":\"" + accessKey
                + "\",\"buckets\":[\"demo\",\"demo-*\"],\"quotaBytes\":" + QUOTA_BYTES + ",\"access\":\"READ_WRITE\"}]}\n";
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".demo-grants", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, json);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LauncherException("cannot write the demo grant to " + file + ": " + e.getMessage());
        }
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
