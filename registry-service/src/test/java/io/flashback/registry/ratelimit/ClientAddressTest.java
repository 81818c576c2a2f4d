package io.flashback.registry.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The client is the address the gateway appended last to X-Forwarded-For; whatever the client wrote before it is ignored. */
class ClientAddressTest {

    @Test // #13 L8
    void isTheLastEntryTheGatewayAppendedNotTheFirstTheClientSent() {
        assertThat(ClientAddress.of(request("10.9.8.7, 6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void readsEveryHeaderLineAsOneList() {
        MockHttpServletRequest request = request("10.9.8.7");
        request.addHeader("X-Forwarded-For", "2001:db8::7");
        assertThat(ClientAddress.of(request)).isEqualTo("2001:db8::7");
    }

    @Test
    void isThePeerWithoutTheHeaderOrWhenItsLastEntryIsNoAddress() {
        assertThat(ClientAddress.of(request(null))).isEqualTo("192.0.2.10");
        assertThat(ClientAddress.of(request("203.0.113.7, <script>"))).isEqualTo("192.0.2.10");
        assertThat(ClientAddress.of(request("203.0.113.7, " + "1".repeat(100)))).isEqualTo("192.0.2.10");
    }

    private static MockHttpServletRequest request(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/nonce");
        request.setRemoteAddr("192.0.2.10");
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
