package io.flashback.bridge.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Local grants and the platform's replace each other's layer only. */
class GrantLayersTest {
    private static final Grant LOCAL = new Grant("LOCALKEY", "local-secret", "operator", List.of("local-*"), 1 << 20, Access.READ_WRITE);
    private static final Grant PLATFORM = new Grant("FBPLATFORMKEY2345678", "platform-secret", "consumer", List.of("fb-1"), 1 << 20,
            Access.READ_WRITE, "agreement-1");

    private final Grants grants = new Grants(List.of());

    @Test
    void aSyncKeepsTheLocalGrantsAndAReloadKeepsThePlatformGrants() {
        GrantLayers layers = new GrantLayers(grants, List.of(LOCAL));

        layers.replacePlatform(List.of(PLATFORM));
        assertThat(grants.all()).containsExactlyInAnyOrder(LOCAL, PLATFORM);

        Grant reloaded = new Grant("OTHERLOCAL", "s", "operator", List.of("x"), 1, Access.READ);
        layers.replaceLocal(List.of(reloaded));
        assertThat(grants.all()).containsExactlyInAnyOrder(reloaded, PLATFORM);

        layers.replacePlatform(List.of());
        assertThat(grants.all()).containsExactly(reloaded);
    }

    @Test
    void aLocalGrantWinsOverAPlatformGrantWithTheSameKey() {
        GrantLayers layers = new GrantLayers(grants, List.of(LOCAL));

        layers.replacePlatform(List.of(new Grant("LOCALKEY", "platform-secret", "consumer", List.of("fb-1"), 1, Access.READ_WRITE, "a")));

        assertThat(grants.byAccessKey("LOCALKEY")).contains(LOCAL);
    }

    @Test
    void aBrokenLocalReloadChangesNothing() {
        GrantLayers layers = new GrantLayers(grants, List.of(LOCAL));
        layers.replacePlatform(List.of(PLATFORM));

        assertThatThrownBy(() -> layers.replaceLocal(List.of(LOCAL, LOCAL))).isInstanceOf(IllegalArgumentException.class);

        assertThat(grants.all()).containsExactlyInAnyOrder(LOCAL, PLATFORM);
        layers.replacePlatform(List.of());
        assertThat(grants.all()).containsExactly(LOCAL);
    }
}
