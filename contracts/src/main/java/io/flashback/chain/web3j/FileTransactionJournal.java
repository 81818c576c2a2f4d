package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;

import org.web3j.crypto.Hash;

/** A journal in a directory, one JSON file per operation, written atomically: survives crashes. */
public final class FileTransactionJournal implements TransactionJournal {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path directory;

    public FileTransactionJournal(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Entry> find(Address from, String operationId) {
        Path file = file(from, operationId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), Entry.class));
    }

    @Override
    public synchronized void save(Entry entry) {
        Path file = file(entry.from(), entry.operationId());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(entry));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(Address from, String operationId) {
        try {
            Files.deleteIfExists(file(from, operationId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(Address from, String operationId) {
        byte[] name = Hash.sha3((from + "/" + operationId).getBytes(StandardCharsets.UTF_8));
        return directory.resolve(HexFormat.of().formatHex(name, 0, 16) + ".json");
    }
}
