package io.flashback.registry.node;

import io.flashback.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With the production setting (loopback not allowed, the default), a node announcing an endpoint inside the platform's
 * network is refused with problem details that say why, before the monitor or the certification could send it anything.
 */
@SpringBootTest(properties = "flashback.security.node-endpoints.allow-loopback=false")
class RefusingNonPublicNodeEndpointsIT extends RegistryIntegrationTest {

    @Test // #13 M1
    void anEndpointOnLoopbackIsRefused() throws Exception {
        refused("http://127.0.0.1:8082", "127.0.0.1 is a loopback address");
    }

    @Test // #13 M1
    void aNameResolvingToLoopbackIsRefused() throws Exception {
        refused("http://localhost:9000", "localhost (127.0.0.1) is a loopback address");
    }

    @Test // #13 M1
    void anEndpointInAPrivateRangeIsRefused() throws Exception {
        refused("http://10.0.3.7:9000", "10.0.3.7 is a private address");
        refused("https://192.168.1.20", "192.168.1.20 is a private address");
        refused("http://100.64.0.1:9000", "shared address space");
    }

    @Test // #13 M1
    void theCloudMetadataAddressesAreRefused() throws Exception {
        refused("http://169.254.169.254", "169.254.169.254 is a link-local address");
        refused("http://[fd00:ec2::254]", "fd00:ec2::254 is a unique local address");
        refused("http://[::ffff:169.254.169.254]:80", "link-local");
    }

    @Test
    void anEndpointWhoseNameDoesNotResolveYetIsAccepted() throws Exception {
        new TestNode(mvc).announceAt(clock.instant(), "https://node-to-be.example:9000").andExpect(status().isCreated());
    }

    private void refused(String endpoint, String reason) throws Exception {
        new TestNode(mvc).announceAt(clock.instant(), endpoint)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Endpoint not public"))
                .andExpect(jsonPath("$.detail").value(allOf(containsString(endpoint), containsString(reason),
                        containsString("a node's endpoint must be a public, routable address"))));
    }
}
