package io.flashback.bridge.grants;

import java.util.List;

/**
 * Where local grants come from: a file or the command line. {@link GrantLayers} merges them with the grants the
 * platform's grant sync delivers, and {@link Grants#replaceAll} installs the union without a restart.
 */
public interface GrantSource {
    List<Grant> load();
}
