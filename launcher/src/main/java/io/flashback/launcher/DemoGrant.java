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

    /** The bridge node's {@code --grant} argument. */
    String argument() {
        return accessKey + ":" + secret + ":" + QUOTA + ":" + BUCKETS;
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
