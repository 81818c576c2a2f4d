package io.flashback.chain.deploy;

import io.flashback.chain.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressBookTest {

    private static Address a(int i) {
        return Address.of(String.format("0x%040x", i));
    }

    @Test
    void roundTripsThroughItsJsonFile(@TempDir Path dir) throws Exception {
        AddressBook book = new AddressBook(31337, 12, a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), List.of(a(9), a(10)), 2,
                1_700_000_000L, 3600, 2_592_000, 200, 2);
        Path file = dir.resolve("address-book.json");

        book.write(file);

        assertThat(AddressBook.read(file)).isEqualTo(book);
        assertThat(Files.readString(file)).contains("\"escrow\" : \"0x0000000000000000000000000000000000000007\"");
    }

    @Test
    void theDefaultThresholdIsTheLargestThatFaultyValidatorsCannotBlock() {
        assertThat(DeploymentPlan.defaultThreshold(1)).isEqualTo(1);
        assertThat(DeploymentPlan.defaultThreshold(4)).isEqualTo(3);
        assertThat(DeploymentPlan.defaultThreshold(7)).isEqualTo(5);
        assertThat(DeploymentPlan.defaultThreshold(10)).isEqualTo(7);
    }
}
