package io.flashback.registry.identity;

import org.web3j.crypto.Keys;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sign-In with Ethereum message (EIP-4361, https://eips.ethereum.org/EIPS/eip-4361), parsed
 * strictly by the ABNF of the specification: fields in their order, LF line ends, nothing after
 * the last field.
 */
public record SiweMessage(Optional<String> scheme, String domain, String address, Optional<String> statement, URI uri,
                          String version, long chainId, String nonce, Instant issuedAt, Optional<Instant> expirationTime,
                          Optional<Instant> notBefore, Optional<String> requestId, List<String> resources) {

    private static final Pattern PREAMBLE = Pattern.compile(
            "^(?:([A-Za-z][A-Za-z0-9+\\-.]*)://)?([^\\s/?#]+) wants you to sign in with your Ethereum account:$");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final Pattern CHAIN_ID = Pattern.compile("[0-9]{1,18}");
    /** A hard limit on what is parsed at all (the EIP leaves maximum lengths to implementers). */
    public static final int MAX_LENGTH = 4096;

    public SiweMessage {
        resources = List.copyOf(resources);
    }

    /** The account that signed in, as the EIP-55 checksummed address of the message. */
    public String wallet() {
        return address.toLowerCase(java.util.Locale.ROOT);
    }

    public static SiweMessage parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidSiweMessage("the message is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSiweMessage("the message is longer than " + MAX_LENGTH + " characters");
        }
        Lines lines = new Lines(text.split("\n", -1));
        Matcher preamble = PREAMBLE.matcher(lines.next("the preamble"));
        if (!preamble.matches()) {
            throw new InvalidSiweMessage("the first line must be '<domain> wants you to sign in with your Ethereum account:'");
        }
        String address = lines.next("the address");
        if (!ADDRESS.matcher(address).matches()) {
            throw new InvalidSiweMessage("the second line must be a 0x-prefixed 20-byte address");
        }
        if (!Keys.toChecksumAddress(address).equals(address)) {
            throw new InvalidSiweMessage("the address is not in its EIP-55 checksummed form");
        }
        lines.expectBlank();
        Optional<String> statement = Optional.empty();
        if (!lines.peek().isEmpty()) {
            statement = Optional.of(lines.next("the statement"));
            if (statement.get().startsWith("URI: ")) {
                throw new InvalidSiweMessage("a blank line must separate the address (or the statement) from 'URI: '");
            }
        }
        lines.expectBlank();
        URI uri = uri(lines.field("URI: "));
        String version = lines.field("Version: ");
        if (!version.equals("1")) {
            throw new InvalidSiweMessage("Version must be 1");
        }
        String chainId = lines.field("Chain ID: ");
        if (!CHAIN_ID.matcher(chainId).matches()) {
            throw new InvalidSiweMessage("Chain ID must be a decimal number");
        }
        String nonce = lines.field("Nonce: ");
        if (!NONCE.matcher(nonce).matches()) {
            throw new InvalidSiweMessage("Nonce must be at least 8 letters or digits");
        }
        Instant issuedAt = time("Issued At", lines.field("Issued At: "));
        Optional<Instant> expirationTime = lines.optionalField("Expiration Time: ").map(value -> time("Expiration Time", value));
        Optional<Instant> notBefore = lines.optionalField("Not Before: ").map(value -> time("Not Before", value));
        Optional<String> requestId = lines.optionalField("Request ID: ");
        List<String> resources = new ArrayList<>();
        if (lines.hasNext() && lines.peek().equals("Resources:")) {
            lines.next("Resources");
            while (lines.hasNext() && lines.peek().startsWith("- ")) {
                resources.add(uri(lines.next("a resource").substring(2)).toString());
            }
        }
        if (lines.hasNext()) {
            throw new InvalidSiweMessage("unexpected text after the last field: '" + abbreviate(lines.peek()) + "'");
        }
        return new SiweMessage(Optional.ofNullable(preamble.group(1)), preamble.group(2), address, statement, uri, version,
                Long.parseLong(chainId), nonce, issuedAt, expirationTime, notBefore, requestId, resources);
    }

    private static URI uri(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new InvalidSiweMessage("'" + abbreviate(value) + "' is not an absolute RFC 3986 URI");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSiweMessage("'" + abbreviate(value) + "' is not an RFC 3986 URI");
        }
    }

    private static Instant time(String field, String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidSiweMessage(field + " must be an RFC 3339 date-time");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private static final class Lines {
        private final String[] lines;
        private int index;

        Lines(String[] lines) {
            this.lines = lines;
        }

        boolean hasNext() {
            return index < lines.length;
        }

        String peek() {
            if (!hasNext()) {
                throw new InvalidSiweMessage("the message ends too early");
            }
            return lines[index];
        }

        String next(String what) {
            if (!hasNext()) {
                throw new InvalidSiweMessage("the message ends before " + what);
            }
            return lines[index++];
        }

        void expectBlank() {
            if (!next("a blank line").isEmpty()) {
                throw new InvalidSiweMessage("a blank line is missing after line " + index);
            }
        }

        String field(String prefix) {
            String line = next("'" + prefix.trim() + "'");
            if (!line.startsWith(prefix)) {
                throw new InvalidSiweMessage("expected '" + prefix.trim() + "' on line " + index);
            }
            return line.substring(prefix.length());
        }

        Optional<String> optionalField(String prefix) {
            if (hasNext() && lines[index].startsWith(prefix)) {
                return Optional.of(lines[index++].substring(prefix.length()));
            }
            return Optional.empty();
        }
    }
}
