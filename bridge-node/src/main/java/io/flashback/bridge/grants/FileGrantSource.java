package io.flashback.bridge.grants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grants from a JSON file:
 * <pre>{"grants":[{"accessKey":"AK","secret":"S","owner":"alice","buckets":["b1","team-*"],"quotaBytes":1073741824,"access":"READ_WRITE"}]}</pre>
 */
public record FileGrantSource(Path file) implements GrantSource {
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record GrantFile(List<Grant> grants) {}

    @Override
    public List<Grant> load() {
        try {
            GrantFile f = JSON.readValue(Files.readAllBytes(file), GrantFile.class);
            return f.grants() == null ? List.of() : f.grants();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grants file " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("grants file " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    public long lastModified() {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
